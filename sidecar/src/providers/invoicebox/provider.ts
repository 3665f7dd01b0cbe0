import { ApiError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { rublesToKopecks } from '../../core/money.js';
import type { PaymentRecord } from '../../store/types.js';
import type { CreatePaymentInput, CreatePaymentResult, PaymentProvider, ProviderCapabilities, ProviderStatus, RefundResult } from '../types.js';
import { InvoiceboxV3Client } from './client.js';
import { CABINET_URL, PROVIDER_ID, PROVIDER_NAME } from './protocol.js';
import { buildV3Refund } from './refund.js';
import type { InvoiceboxConfig, V3Order } from './schemas.js';
import { V3_REFUND_STATUS, V3_STATUS } from './status-map.js';
import { buildV2Form, type V2Form } from './v2-form.js';
import { buildV3CreateOrder } from './v3-order.js';
import { InvoiceboxWebhook } from './webhook.js';

const V3_CAPABILITIES: ProviderCapabilities = {
  refund: true,
  partialRefund: true,
  twoStage: false,
  cancel: true,
  currencies: ['RUB'],
  signedCallbacks: true,
};

/** v2 is a payment form and a notification: no API the module can call for status, cancel or refunds. */
const V2_CAPABILITIES: ProviderCapabilities = {
  refund: false,
  partialRefund: false,
  twoStage: false,
  cancel: false,
  currencies: ['RUB'],
  signedCallbacks: true,
};

/** The sidecar's callback URL for a profile (the core gives the same one to createPayment). */
export function callbackUrlFor(publicUrl: string, profile: string): string {
  return `${publicUrl}/callbacks/${PROVIDER_ID}${profile === 'default' ? '' : `/${profile}`}`;
}

/** The sidecar page that posts the signed v2 form; the URL carries nothing but our payment id. */
export function v2FormPageUrl(publicUrl: string, paymentId: string): string {
  return `${publicUrl}/providers/${PROVIDER_ID}/v2/form/${encodeURIComponent(paymentId)}`;
}

function requireRef(payment: PaymentRecord): string {
  if (!payment.providerPaymentId) throw new Error(`Payment ${payment.id} has no Invoicebox order yet`);
  return payment.providerPaymentId;
}

function v2Unsupported(what: string): ApiError {
  return new ApiError(400, 'not_supported', `Invoicebox API v2 has no ${what} the shop can call: use the Invoicebox cabinet (${CABINET_URL}) or switch the module to API v3`);
}

export interface InvoiceboxProviderOptions {
  logger: Logger;
  publicUrl: string;
  /** Injectable for tests (order expiry dates). */
  clock?: () => number;
}

/** One configured Invoicebox shop, speaking API v3 or v2 as its settings say. */
export class InvoiceboxProvider implements PaymentProvider {
  readonly id = PROVIDER_ID;
  readonly name = PROVIDER_NAME;
  readonly capabilities: ProviderCapabilities;
  readonly webhook: InvoiceboxWebhook;
  private readonly client: InvoiceboxV3Client;
  private readonly clock: () => number;

  constructor(
    readonly config: InvoiceboxConfig,
    private readonly options: InvoiceboxProviderOptions,
  ) {
    this.capabilities = config.apiVersion === 'v3' ? V3_CAPABILITIES : V2_CAPABILITIES;
    this.clock = options.clock ?? Date.now;
    this.webhook = new InvoiceboxWebhook(config, options.logger, this.clock);
    this.client = new InvoiceboxV3Client(config);
  }

  get apiVersion(): 'v3' | 'v2' {
    return this.config.apiVersion;
  }

  async createPayment(input: CreatePaymentInput): Promise<CreatePaymentResult> {
    if (this.config.apiVersion === 'v2') {
      // Validate now, so a wrong basket or missing payer data fails the checkout before any
      // redirect; the form page builds the same fields again from the stored payment.
      this.v2Form(input.payment);
      return { providerPaymentId: input.payment.id, redirectUrl: v2FormPageUrl(this.options.publicUrl, input.payment.id), status: 'pending' };
    }
    const order = await this.client.createOrder(buildV3CreateOrder(input, this.config, this.clock()));
    return { providerPaymentId: order.id, redirectUrl: order.paymentUrl, status: V3_STATUS[order.status] };
  }

  /** The signed v2 payment form for a payment (throws a 400 naming the field when data is missing or wrong). */
  v2Form(payment: PaymentRecord): V2Form {
    return buildV2Form(payment, this.config, this.config.notificationUrl ?? payment.details.callbackUrl ?? callbackUrlFor(this.options.publicUrl, payment.profile));
  }

  async getStatus(payment: PaymentRecord): Promise<ProviderStatus> {
    // v2 reports only through notifications: what we know is the current status.
    if (this.config.apiVersion === 'v2') return { status: payment.status };
    const status = toStatus(await this.client.getOrder(requireRef(payment)));
    // A refunded order stays "completed" at Invoicebox; the refunds are ours to know (made through refund()).
    if (status.status === 'paid' && payment.refundedAmount > 0) return { ...status, status: payment.status, refundedAmount: payment.refundedAmount };
    return status;
  }

  async cancel(payment: PaymentRecord): Promise<ProviderStatus> {
    // Cancelling only our side of a v2 form would let a later payment land on a cancelled order.
    if (this.config.apiVersion === 'v2') throw v2Unsupported('cancel');
    return toStatus(await this.client.cancelOrder(requireRef(payment)));
  }

  async refund(payment: PaymentRecord, amount: number, refundId: string): Promise<RefundResult> {
    if (this.config.apiVersion === 'v2') throw v2Unsupported('refund API');
    const parentId = requireRef(payment);
    // A retry (same refund id) whose first answer was lost: the refund order may exist already.
    const earlier = (await this.client.findByMerchantOrderId(refundId)).find((o) => o.parentId === undefined || o.parentId === parentId);
    if (earlier) return { providerRefundId: earlier.id, status: V3_REFUND_STATUS[earlier.status] };
    const available = await this.client.refundableItems(parentId);
    const request = buildV3Refund({ parentId, refundId, amount, description: `Возврат по заказу ${payment.orderId}`, available });
    const refund = await this.client.createRefund(request);
    return { providerRefundId: refund.id, status: V3_REFUND_STATUS[refund.status] };
  }
}

function toStatus(order: V3Order): ProviderStatus {
  return { status: V3_STATUS[order.status], amount: rublesToKopecks(order.amount), currency: order.currencyId };
}
