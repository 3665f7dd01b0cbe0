import { readFileSync } from 'node:fs';
import type { NormalizedItem } from '../../core/basket.js';
import { ApiError, ProviderError } from '../../core/errors.js';
import { KeyedLock } from '../../core/keyed-lock.js';
import type { Logger } from '../../core/logger.js';
import type { PaymentRecord } from '../../store/types.js';
import type { CreatePaymentInput, CreatePaymentResult, PaymentProvider, ProviderCapabilities, ProviderStatus, RefundResult } from '../types.js';
import { fromWire, toWire } from './amounts.js';
import { inspectCertificate, type CertificateReport } from './certificates.js';
import { DolyameApiError, DolyameClient, correlationIdFor } from './client.js';
import { fiscalSummary, type FiscalSummary } from './fiscal-summary.js';
import { MtlsTransport } from './mtls.js';
import { basketLines, clientInfo, orderLines, toWireItem, type OrderLine } from './order-lines.js';
import { CLIENT_INFO_PLACEMENT } from './protocol.js';
import { limiterFor, type RateWindowStore } from './rate-limiter.js';
import { refundLines, type ReturnedLine } from './refund-items.js';
import type { CommitRequest, CreateOrderRequest, DolyameConfig, OrderInfo } from './schemas.js';
import { isAwaitingCommit, normalizedStatus, refundState, toProviderStatus } from './status-map.js';
import { DolyameWebhook, notificationUrl } from './webhook.js';

/** How long an unfinished order is re-read when polling is on (an order can wait days for the commit). */
const POLL_FOR_MS = 72 * 3_600_000;

const FISCAL_FLAG = { type: 'enabled' } as const;

/** A 4xx that may mean "already done" (not auth, not the rate limit): worth re-reading the order. */
const isClientRefusal = (error: unknown): error is DolyameApiError =>
  error instanceof DolyameApiError && error.httpStatus >= 400 && error.httpStatus < 500 && ![401, 403, 429].includes(error.httpStatus);

/**
 * Dolyame («Долями», BNPL 4 × 25 %). Our payment id is Dolyame's order id, so a retried create
 * finds the order it already made. Flow: new → (buyer approves) wait_for_commit = authorized →
 * commit (automatic with autoCommit, else the admin's capture) → committed = paid.
 */
export class DolyameProvider implements PaymentProvider {
  readonly id = 'dolyame';
  readonly name = 'Dolyame («Долями»)';
  readonly capabilities: ProviderCapabilities;
  readonly webhook: DolyameWebhook;
  readonly statusPolling: { intervalMs: number; maxDurationMs: number } | undefined;
  private readonly client: DolyameClient;
  private readonly transport: MtlsTransport;
  /** One operation per order at a time: a notification and a poll must not both commit. */
  private readonly lock = new KeyedLock();

  constructor(
    private readonly config: DolyameConfig,
    private readonly logger: Logger,
    /** True for the simulator's instance (test mode). */
    readonly sandbox: boolean,
    /** Keeps the 10 requests/s window across restarts (per partner login). */
    rateWindow?: RateWindowStore,
  ) {
    this.capabilities = {
      refund: true,
      partialRefund: true,
      twoStage: true,
      cancel: true,
      cartLimits: { max: config.maxAmount },
      currencies: ['RUB'],
      signedCallbacks: false,
    };
    this.webhook = new DolyameWebhook({ checkSenderNetwork: config.checkSenderNetwork, senderNetworks: config.senderNetworks, sandbox });
    this.statusPolling = config.pollIntervalSeconds > 0 ? { intervalMs: config.pollIntervalSeconds * 1000, maxDurationMs: POLL_FOR_MS } : undefined;
    // Path settings are re-checked before each request (a renewed certificate needs no restart).
    this.transport = new MtlsTransport(config, logger);
    this.client = new DolyameClient({ baseUrl: config.baseUrl, login: config.login, password: config.password, transport: this.transport, limiter: limiterFor(config.login, rateWindow) });
  }

  async createPayment(input: CreatePaymentInput): Promise<CreatePaymentResult> {
    const { payment } = input;
    const orderId = payment.id;
    const lines = orderLines(payment, this.config.fiscalization);
    const client = clientInfo(payment.details.customer ?? input.customer);
    const fiscal = this.config.fiscalization.enabled ? { fiscalization_settings: FISCAL_FLAG } : {};
    const extras = { ...(client ? { client_info: client } : {}), ...fiscal };
    const body: CreateOrderRequest = {
      order: { id: orderId, amount: toWire(payment.amount), prepaid_amount: toWire(0), items: lines.map((l) => toWireItem(l)), ...(CLIENT_INFO_PLACEMENT === 'order' ? extras : {}) },
      ...(CLIENT_INFO_PLACEMENT === 'top' ? extras : {}),
      notification_url: notificationUrl(this.config.notificationUrl ?? input.callbackUrl, orderId, payment.amount, this.sandbox),
      success_url: input.returnUrl,
      fail_url: input.failUrl,
    };
    let info: OrderInfo;
    try {
      info = await this.client.create(body, correlationIdFor(`create:${orderId}`));
    } catch (error) {
      // A retry after a lost answer: the order exists already (same id); take it if it is ours.
      if (!isClientRefusal(error)) throw error;
      const existing = await this.client.info(orderId).catch(() => null);
      if (!existing || toProviderStatus(existing).amount !== payment.amount) throw error;
      this.logger.info({ paymentId: payment.id }, 'dolyame order already existed; reusing it');
      info = existing;
    }
    if (!info.link) throw new ProviderError('dolyame', `create ${orderId}: the answer has no payment link (status ${info.status})`);
    return { providerPaymentId: orderId, redirectUrl: info.link, status: normalizedStatus(info.status) };
  }

  /** Reads the order; when Dolyame waits for our commit and autoCommit applies, commits first. */
  getStatus(payment: PaymentRecord): Promise<ProviderStatus> {
    const orderId = this.orderId(payment);
    return this.lock.run(orderId, async () => {
      const info = await this.info(orderId);
      if (isAwaitingCommit(info.status) && this.config.autoCommit && !payment.details.twoStage) return toProviderStatus(await this.autoCommit(payment, info));
      const status = toProviderStatus(info);
      // An order corrected before its commit totals what was captured; the core compares with the original.
      return payment.capturedAmount > 0 && payment.capturedAmount < payment.amount && status.amount === payment.capturedAmount ? { ...status, amount: payment.amount } : status;
    });
  }

  private async autoCommit(payment: PaymentRecord, info: OrderInfo): Promise<OrderInfo> {
    const reported = toProviderStatus(info).amount;
    if (reported !== payment.amount) {
      // Never commit other money; the core sees the amount and changes nothing.
      this.logger.error({ paymentId: payment.id, reported, expected: payment.amount }, 'dolyame order amount differs; not committing');
      return info;
    }
    try {
      return await this.commit(payment);
    } catch (error) {
      // Stays authorized; the next notification or poll tries again.
      this.logger.warn({ paymentId: payment.id, detail: error instanceof ProviderError ? error.detail : String(error) }, 'dolyame auto-commit failed; will retry');
      return info;
    }
  }

  /**
   * Commits the order. `items` = the basket as it is now (the order was edited since checkout):
   * Dolyame gets a `correction` with the new basket first, then the commit of that basket. Without
   * items only the whole approved amount can be committed.
   */
  async capture(payment: PaymentRecord, amount: number, items?: NormalizedItem[]): Promise<ProviderStatus> {
    if (!items && amount !== payment.amount) {
      throw new ApiError(400, 'partial_capture_not_supported', 'Dolyame commits the whole approved order; send the edited basket (items) to commit less', 'amount');
    }
    const orderId = this.orderId(payment);
    const edited = items ? { amount, lines: basketLines(items, this.config.fiscalization) } : undefined;
    return this.lock.run(orderId, async () => {
      const status = toProviderStatus(await this.commit(payment, edited));
      // After a correction Dolyame's total is the edited one; the core compares with the original.
      return edited ? { ...status, amount: undefined } : status;
    });
  }

  /** Commits the order as created — or as corrected; a refusal because it is already committed is fine. */
  private async commit(payment: PaymentRecord, edited?: { amount: number; lines: OrderLine[] }): Promise<OrderInfo> {
    const orderId = this.orderId(payment);
    const lines = edited?.lines ?? orderLines(payment, this.config.fiscalization);
    const amount = edited?.amount ?? payment.amount;
    if (edited) await this.correct(orderId, amount, lines);
    const body: CommitRequest = {
      amount: toWire(amount),
      prepaid_amount: toWire(0),
      items: lines.map((l) => toWireItem(l)),
      ...(this.config.fiscalization.enabled ? { fiscalization_settings: FISCAL_FLAG } : {}),
    };
    try {
      return await this.client.commit(orderId, body, correlationIdFor(`commit:${orderId}`));
    } catch (error) {
      if (!isClientRefusal(error)) throw error;
      const info = await this.info(orderId);
      if (normalizedStatus(info.status) === 'paid') return info;
      throw error;
    }
  }

  /** The edited basket before the commit (`orders/{id}/correction`); a retry finding it applied goes on. */
  private async correct(orderId: string, amount: number, lines: OrderLine[]): Promise<void> {
    try {
      await this.client.correction(orderId, { amount: toWire(amount), refunded_prepaid_amount: toWire(0), new_items: lines.map((l) => toWireItem(l)) }, correlationIdFor(`correction:${orderId}:${amount}`));
    } catch (error) {
      if (!isClientRefusal(error)) throw error;
      const info = await this.info(orderId);
      if (toProviderStatus(info).amount !== amount) throw error;
    }
  }

  cancel(payment: PaymentRecord): Promise<ProviderStatus> {
    const orderId = this.orderId(payment);
    return this.lock.run(orderId, async () => {
      try {
        return toProviderStatus(await this.client.cancel(orderId, correlationIdFor(`cancel:${orderId}`)));
      } catch (error) {
        if (!isClientRefusal(error)) throw error;
        const info = await this.info(orderId);
        if (info.status === 'canceled') return toProviderStatus(info);
        throw error;
      }
    });
  }

  /**
   * Dolyame refunds returned items; the items are derived from what is still unreturned. Dolyame has
   * no refund reference, so a retry whose first attempt went through (Dolyame shows exactly this
   * much more refunded than we recorded) is answered from the order instead of refunding twice.
   */
  refund(payment: PaymentRecord, amount: number, refundId: string, items?: NormalizedItem[]): Promise<RefundResult> {
    const orderId = this.orderId(payment);
    return this.lock.run(orderId, async () => {
      const info = await this.info(orderId);
      const refundInfo = info.refund_info;
      const refunded = refundInfo ? fromWire(refundInfo.total_refunded_amount) : 0;
      const previous = refundInfo?.items.at(-1);
      if (previous && refunded - payment.refundedAmount === amount && fromWire(previous.refunded_amount) === amount) {
        this.logger.info({ paymentId: payment.id, refundId, providerRefundId: previous.refund_id }, 'dolyame already shows this refund; not sending it again');
        return { providerRefundId: previous.refund_id, status: refundState(previous.status) };
      }
      const returned: ReturnedLine[] = (refundInfo?.items ?? []).flatMap((r) =>
        r.returned_items.map((i) => ({ name: i.name, sku: i.sku, quantity: i.quantity, price: fromWire(i.price) })),
      );
      // The shop's refunded items when it sent them; otherwise derived from what is still unreturned.
      const lines = items ? basketLines(items, this.config.fiscalization).map((line) => ({ line, quantity: line.quantity, price: line.price })) : refundLines(orderLines(payment, this.config.fiscalization), returned, amount);
      const response = await this.client.refund(
        orderId,
        {
          amount: toWire(amount),
          returned_items: lines.map((r) => toWireItem(r.line, r.quantity, r.price)),
          refunded_prepaid_amount: toWire(0),
          ...(this.config.fiscalization.enabled ? { fiscalization_settings: FISCAL_FLAG } : {}),
        },
        correlationIdFor(`refund:${refundId}`),
      );
      // Accepted is not done: the refund is pending until Dolyame reports it `processed`.
      return { providerRefundId: response.refund_id, status: 'pending' };
    });
  }

  /** What the admin sends Dolyame's integration manager to set up fiscalisation (one click in the plugin). */
  fiscalizationSummary(): FiscalSummary {
    return fiscalSummary(this.config.fiscalization, this.config.login);
  }

  /** Expiry and key/certificate/CSR match of this instance's mTLS material. */
  certificateReport(now: number): CertificateReport {
    // The very material requests use, so the Status screen and the API never disagree.
    const material = this.transport.material();
    const { csrPath, csrPem } = this.config;
    let csr = csrPem;
    if (csr === undefined && csrPath !== undefined) {
      try {
        csr = readFileSync(csrPath, 'utf8');
      } catch (error) {
        throw new Error(`cannot read csrPath ${csrPath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    }
    return inspectCertificate({ certPem: material.cert, keyPem: material.key, csrPem: csr, now });
  }

  private async info(orderId: string): Promise<OrderInfo> {
    const info = await this.client.info(orderId);
    if (info.id !== undefined && info.id !== orderId) throw new ProviderError('dolyame', `info for ${orderId} answered about order ${info.id}`);
    return info;
  }

  private orderId(payment: PaymentRecord): string {
    if (!payment.providerPaymentId) throw new Error(`Payment ${payment.id} has no Dolyame order yet`);
    return payment.providerPaymentId;
  }

  async close(): Promise<void> {
    await this.transport.close();
  }
}
