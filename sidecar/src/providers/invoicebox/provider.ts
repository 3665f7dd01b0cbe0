import { ApiError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { rublesToKopecks } from '../../core/money.js';
import type { PaymentRecord } from '../../store/types.js';
import type { CreatePaymentInput, CreatePaymentResult, PaymentProvider, ProviderCapabilities, ProviderStatus, RefundResult } from '../types.js';
import { InvoiceboxV3Client } from './client.js';
import { AppIdentity } from './app-id.js';
import { CABINET_URL, PROVIDER_ID, PROVIDER_NAME, V3_ORDER_LIFETIME_MS } from './protocol.js';
import { buildV3Refund } from './refund.js';
import type { InvoiceboxConfig, V3Order } from './schemas.js';
import { V3_REFUND_STATUS, V3_STATUS } from './status-map.js';
import { InvoiceboxV2ApiClient } from './v2-api.js';
import { buildV2Form, type V2Form } from './v2-form.js';
import { V2Operations } from './v2-operations.js';
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

/** v2 with the server API's user and password: status, cancel (disableInvoice) and refunds (disableInvoiceExA). */
const V2_API_CAPABILITIES: ProviderCapabilities = { ...V3_CAPABILITIES };

/** v2 without them: a payment form and a notification only. */
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
  return new ApiError(400, 'not_supported', `Invoicebox API v2 without the server API user and password (settings v2ApiUser, v2ApiPassword) has no ${what} the shop can call: use the Invoicebox cabinet (${CABINET_URL}), add them, or switch the module to API v3`);
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
  /** A lost notification is made up for by reading the order (v3; v2 through the server API). */
  readonly statusPolling: PaymentProvider['statusPolling'];
  private readonly client: InvoiceboxV3Client;
  private readonly v2: V2Operations | null;
  private readonly identity: AppIdentity;
  private readonly clock: () => number;

  constructor(
    readonly config: InvoiceboxConfig,
    private readonly options: InvoiceboxProviderOptions,
  ) {
    this.clock = options.clock ?? Date.now;
    this.identity = new AppIdentity(config.cmsName);
    this.webhook = new InvoiceboxWebhook(config, options.logger, this.clock, this.identity);
    this.client = new InvoiceboxV3Client(config, this.identity);
    const { v2ApiUser, v2ApiPassword } = config;
    this.v2 = config.apiVersion === 'v2' && v2ApiUser && v2ApiPassword ? new V2Operations(new InvoiceboxV2ApiClient({ ...config, v2ApiUser, v2ApiPassword }, this.identity)) : null;
    this.capabilities = config.apiVersion === 'v3' ? V3_CAPABILITIES : this.v2 ? V2_API_CAPABILITIES : V2_CAPABILITIES;
    const pollable = config.apiVersion === 'v3' || this.v2 !== null;
    this.statusPolling = pollable && config.pollIntervalSecs > 0
      ? { intervalMs: config.pollIntervalSecs * 1000, maxDurationMs: V3_ORDER_LIFETIME_MS + 86_400_000, maxIntervalMs: 3_600_000, backoff: 2 }
      : undefined;
  }

  get apiVersion(): 'v3' | 'v2' {
    return this.config.apiVersion;
  }

  async createPayment(input: CreatePaymentInput): Promise<CreatePaymentResult> {
    this.identity.of(input.payment);
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
    if (this.config.apiVersion === 'v2') return this.v2 ? this.v2.status(payment) : { status: payment.status };
    const status = toStatus(await this.client.getOrder(requireRef(payment)));
    // A refunded order stays "completed" at Invoicebox; the refunds are ours to know (made through refund()).
    if (status.status === 'paid' && payment.refundedAmount > 0) return { ...status, status: payment.status, refundedAmount: payment.refundedAmount };
    return status;
  }

  async cancel(payment: PaymentRecord): Promise<ProviderStatus> {
    // Cancelling only our side of a v2 form would let a later payment land on a cancelled order.
    if (this.config.apiVersion === 'v2') {
      if (!this.v2) throw v2Unsupported('cancel');
      return this.v2.cancel(payment);
    }
    return toStatus(await this.client.cancelOrder(requireRef(payment)));
  }

  async refund(payment: PaymentRecord, amount: number, refundId: string): Promise<RefundResult> {
    if (this.config.apiVersion === 'v2') {
      if (!this.v2) throw v2Unsupported('refund API');
      return this.v2.refund(payment, amount, refundId);
    }
    const parentId = requireRef(payment);
    // A retry (same refund id) whose first answer was lost: the refund order may exist already.
    const earlier = (await this.client.findByMerchantOrderId(refundId)).find((o) => o.parentId === undefined || o.parentId === parentId);
    if (earlier) return { providerRefundId: earlier.id, status: V3_REFUND_STATUS[earlier.status] };
    const available = await this.client.refundableItems(parentId);
    const request = buildV3Refund({ parentId, refundId, amount, description: `Возврат по заказу ${payment.orderId}`, available, alreadyRefunded: payment.refundedAmount });
    const refund = await this.client.createRefund(request);
    return { providerRefundId: refund.id, status: V3_REFUND_STATUS[refund.status] };
  }
}

function toStatus(order: V3Order): ProviderStatus {
  return { status: V3_STATUS[order.status], amount: rublesToKopecks(order.amount), currency: order.currencyId };
}
