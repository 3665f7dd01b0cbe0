import { InvoiceboxClient, InvoiceboxError } from '@ru-payments/invoicebox-sdk';
import { ProviderError } from '../../core/errors.js';
import type { AppIdentity } from './app-id.js';
import { PROVIDER_ID } from './protocol.js';
import type { InvoiceboxConfig, V3CreateOrderRequest, V3Order, V3RefundableItem, V3RefundOrderRequest } from './schemas.js';

/** SDK failures as the sidecar's ProviderError (retryable, Invoicebox's error code kept). */
async function asProviderError<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof InvoiceboxError) throw new ProviderError(PROVIDER_ID, error.message, error.retryable, error.code);
    throw error;
  }
}

/**
 * The connector's outgoing v3 calls, made by @ru-payments/invoicebox-sdk (bearer token; the app
 * id in the User-Agent). Requests were validated by the connector's own schemas before.
 */
export class InvoiceboxV3Client {
  private readonly sdk: InvoiceboxClient;

  constructor(config: InvoiceboxConfig, identity: AppIdentity) {
    this.sdk = new InvoiceboxClient({ token: config.apiKey, userAgent: () => identity.current(), baseUrl: config.baseUrl });
  }

  /** Success only with a payment URL and status "created" (as the official modules check). */
  createOrder(request: V3CreateOrderRequest): Promise<V3Order & { paymentUrl: string }> {
    return asProviderError(this.sdk.createOrder(request));
  }

  getOrder(id: string): Promise<V3Order> {
    return asProviderError(this.sdk.getOrder(id));
  }

  /** Cancels an unpaid order. */
  cancelOrder(id: string): Promise<V3Order> {
    return asProviderError(this.sdk.cancelOrder(id));
  }

  /** Orders (refund orders too) with this merchantOrderId: finds the outcome of an earlier attempt. */
  findByMerchantOrderId(merchantOrderId: string): Promise<V3Order[]> {
    return asProviderError(this.sdk.findByMerchantOrderId(merchantOrderId));
  }

  refundableItems(orderId: string): Promise<V3RefundableItem[]> {
    return asProviderError(this.sdk.refundableItems(orderId));
  }

  createRefund(request: V3RefundOrderRequest): Promise<V3Order> {
    return asProviderError(this.sdk.createRefund(request));
  }
}
