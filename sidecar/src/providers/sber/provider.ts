import { randomBytes } from 'node:crypto';
import { ProviderError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { PaymentRecord } from '../../store/types.js';
import type { CreatePaymentInput, CreatePaymentResult, PaymentProvider, ProviderCapabilities, ProviderStatus, RefundResult } from '../types.js';
import { applyBnplSelector, parseBnplSelector, type BnplSelector } from './bnpl.js';
import { SberClient } from './client.js';
import { RULE_ERRORS, SberAdminError, SberApiError } from './errors.js';
import { orderBundle } from './order-bundle.js';
import { depositDeadline, reverseDeadline } from './rules.js';
import { RegisterRequest, SBER_CURRENCY, type OrderStatusResponse, type RegisterResponse, type SberConfig, type SberMethod } from './schemas.js';
import { toProviderStatus } from './status-map.js';
import { SberWebhook } from './webhook.js';
import { ORDER_STATUS } from './protocol.js';

/** Metadata key the offline-link route sets: that payment's page lives longer than a checkout's. */
export const SESSION_TIMEOUT_METADATA = 'sber_session_timeout_secs';

/** Sber's order number for our payment: our id, or our id plus a suffix after a lost register answer. */
function belongsTo(orderNumber: string, payment: PaymentRecord): boolean {
  return orderNumber === payment.id || orderNumber.startsWith(`${payment.id}-`);
}

const MAX_SESSION_SECS = 30 * 86_400;

/** A page lifetime set for this payment (offline links), when it is a sane number of seconds. */
function sessionTimeoutOf(payment: PaymentRecord): number | undefined {
  const value = payment.metadata[SESSION_TIMEOUT_METADATA];
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= MAX_SESSION_SECS ? value : undefined;
}

/** The gateway refuses %, +, CR and LF in descriptions. */
function cleanDescription(description: string): string {
  return description.replace(/[%+\r\n]/g, ' ').replace(/\s{2,}/g, ' ').trim().slice(0, 512);
}

export interface SberProviderContext {
  logger: Logger;
  /** Injectable for tests of the 7-day and midnight rules. */
  clock?: () => number;
}

export class SberProvider implements PaymentProvider {
  readonly id = 'sber';
  readonly name = 'Sber «Плати частями»';
  readonly capabilities: ProviderCapabilities;
  readonly webhook: SberWebhook;
  readonly statusPolling: PaymentProvider['statusPolling'];
  private readonly client: SberClient;
  private readonly selector: BnplSelector;
  private readonly clock: () => number;
  private readonly logger: Logger;

  constructor(
    private readonly config: SberConfig,
    context: SberProviderContext,
  ) {
    this.client = new SberClient(config);
    this.selector = parseBnplSelector(config.bnplPageParam);
    this.clock = context.clock ?? Date.now;
    this.logger = context.logger;
    this.webhook = new SberWebhook(config);
    this.capabilities = {
      refund: true,
      partialRefund: true,
      twoStage: true,
      cancel: true,
      currencies: ['RUB'],
      signedCallbacks: Boolean(config.callbackKey ?? config.callbackPublicKey),
    };
    // Callbacks must be switched on in the cabinet by hand; polling covers a shop that forgot.
    this.statusPolling = config.pollIntervalSecs > 0 ? { intervalMs: config.pollIntervalSecs * 1000, maxDurationMs: (config.offlineLinkTtlHours + 24) * 3_600_000 } : undefined;
  }

  /** Default lifetime of offline payment links (the offline-links route may shorten or extend it). */
  get offlineLinkTtlHours(): number {
    return this.config.offlineLinkTtlHours;
  }

  async createPayment(input: CreatePaymentInput): Promise<CreatePaymentResult> {
    const { payment } = input;
    const twoStage = input.twoStage || this.config.twoStage;
    const params: Record<string, string> = {
      // Our payment id: the gateway refuses a second order with the same number (see register()).
      orderNumber: payment.id,
      amount: String(payment.amount),
      currency: SBER_CURRENCY.RUB,
      returnUrl: input.returnUrl,
      failUrl: input.failUrl,
      description: cleanDescription(payment.description),
      language: 'ru',
      dynamicCallbackUrl: input.callbackUrl,
    };
    const timeout = sessionTimeoutOf(payment) ?? this.config.sessionTimeoutSecs;
    if (timeout !== undefined) params.sessionTimeoutSecs = String(timeout);
    const jsonParams: Record<string, string> = {};
    applyBnplSelector(this.selector, params, jsonParams);
    if (Object.keys(jsonParams).length > 0) params.jsonParams = JSON.stringify(jsonParams);
    if (input.items?.length) params.orderBundle = JSON.stringify(orderBundle(input.items, input.customer));
    const created = await this.register(RegisterRequest.parse(params), twoStage, payment);
    return { providerPaymentId: created.orderId, redirectUrl: created.formUrl, status: 'pending' };
  }

  /**
   * A retry whose first answer was lost meets "order number already registered". That first
   * order's link never reached anyone, so it cannot be paid: register again under a suffixed
   * number (it expires unpaid at Sber).
   */
  private async register(request: RegisterRequest, twoStage: boolean, payment: PaymentRecord): Promise<RegisterResponse> {
    try {
      return await this.client.register(request, twoStage);
    } catch (error) {
      if (!(error instanceof SberApiError && error.errorCode === '1')) throw error;
      const existing = await this.client.status({ orderNumber: request.orderNumber }).catch(() => null);
      if (!existing || !([ORDER_STATUS.registered, ORDER_STATUS.declined] as number[]).includes(existing.orderStatus)) throw error;
      this.logger.warn({ paymentId: payment.id }, 'sber: order number already registered (lost answer?); registering under a new number');
      return this.client.register({ ...request, orderNumber: `${payment.id}-${randomBytes(3).toString('hex')}` }, twoStage);
    }
  }

  async getStatus(payment: PaymentRecord): Promise<ProviderStatus> {
    return toProviderStatus(await this.order(payment), payment);
  }

  /** Reads the order and checks it is this payment's (a callback names the order; this is the proof). */
  async order(payment: PaymentRecord): Promise<OrderStatusResponse> {
    if (!payment.providerPaymentId) throw new ProviderError('sber', `payment ${payment.id} has no Sber order yet`);
    const order = await this.client.status({ orderId: payment.providerPaymentId });
    if (!belongsTo(order.orderNumber, payment)) {
      throw new ProviderError('sber', `order ${payment.providerPaymentId} is Sber order number ${order.orderNumber}, not payment ${payment.id}`);
    }
    return order;
  }

  /**
   * Cancels a hold (until it is completed), or a payment that is in fact already paid (until 00:00
   * Moscow time of the payment day). An unpaid order has nothing to cancel at Sber.
   */
  async cancel(payment: PaymentRecord): Promise<ProviderStatus> {
    const order = await this.order(payment);
    switch (order.orderStatus) {
      case 0:
      case 5:
        throw new SberAdminError(RULE_ERRORS.notPaidYet);
      case 1:
        break;
      case 2:
        this.assertReversible(order);
        break;
      case 4:
        throw new SberAdminError(RULE_ERRORS.alreadyRefunded);
      default:
        // Already reversed, declined or expired: report it as it is.
        return toProviderStatus(order, payment);
    }
    await this.admin('reverse', () => this.client.reverse(payment.providerPaymentId!));
    return { status: 'cancelled', amount: order.amount };
  }

  /** Completes a hold (deposit.do) within its 7 days. */
  async capture(payment: PaymentRecord, amount: number): Promise<ProviderStatus> {
    const order = await this.order(payment);
    // Completed already (e.g. in the cabinet): report it.
    if (order.orderStatus === ORDER_STATUS.deposited) return toProviderStatus(order, payment);
    const expired = order.authDateTime !== undefined && this.clock() >= depositDeadline(order.authDateTime);
    if (expired && (order.orderStatus === ORDER_STATUS.held || order.orderStatus === ORDER_STATUS.reversed)) throw new SberAdminError(RULE_ERRORS.holdExpired);
    if (order.orderStatus === ORDER_STATUS.reversed) throw new SberAdminError(RULE_ERRORS.alreadyCancelled);
    await this.admin('deposit', () => this.client.deposit(payment.providerPaymentId!, amount));
    return { status: 'paid', amount: order.amount, capturedAmount: amount };
  }

  async refund(payment: PaymentRecord, amount: number, refundId: string): Promise<RefundResult> {
    const order = await this.order(payment);
    // refund.do takes no refund reference, so a retry after a lost answer would refund twice. If
    // Sber already shows exactly this much more refunded than our books, that attempt went through.
    const sberRefunded = order.paymentAmountInfo?.refundedAmount ?? 0;
    if (sberRefunded - payment.refundedAmount === amount) {
      this.logger.warn({ paymentId: payment.id, amount }, 'sber: refund already visible at Sber; not sending it again');
      return { providerRefundId: refundId, status: 'succeeded' };
    }
    await this.admin('refund', () => this.client.refund(payment.providerPaymentId!, amount));
    return { providerRefundId: refundId, status: 'succeeded' };
  }

  /** Same-day reversal of a paid order (no fee, all the money back) — for the shop, a full refund. */
  async reversePaid(payment: PaymentRecord): Promise<ProviderStatus> {
    const order = await this.order(payment);
    if (order.orderStatus === ORDER_STATUS.reversed) return toProviderStatus(order, payment);
    if (order.orderStatus === ORDER_STATUS.refunded || (order.paymentAmountInfo?.refundedAmount ?? 0) > 0) throw new SberAdminError(RULE_ERRORS.alreadyRefunded);
    if (order.orderStatus !== ORDER_STATUS.deposited) throw new SberAdminError(RULE_ERRORS.notPaid);
    this.assertReversible(order);
    await this.admin('reverse', () => this.client.reverse(payment.providerPaymentId!));
    return { status: 'refunded', amount: order.amount, refundedAmount: order.amount };
  }

  /** The midnight rule, checked before asking Sber so the admin hears why. */
  private assertReversible(order: OrderStatusResponse): void {
    if (order.authDateTime !== undefined && this.clock() >= reverseDeadline(order.authDateTime)) throw new SberAdminError(RULE_ERRORS.reverseWindowClosed);
  }

  /** Admin operations: Sber's refusal becomes a clear two-language message; its own text stays in the log. */
  private async admin<T>(method: SberMethod, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof SberApiError)) throw error;
      this.logger.warn({ method, errorCode: error.errorCode, detail: error.detail }, 'sber refused an operation');
      throw new SberAdminError(error.explain());
    }
  }
}
