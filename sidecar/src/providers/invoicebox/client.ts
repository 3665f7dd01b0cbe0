import { z } from 'zod';
import { ProviderError } from '../../core/errors.js';
import { callJson } from '../../core/http-client.js';
import type { AppIdentity } from './app-id.js';
import { PROVIDER_ID, V3_PATHS } from './protocol.js';
import { V3Order, V3OrderList, V3RefundableItem, v3Envelope, type InvoiceboxConfig, type V3CreateOrderRequest, type V3RefundOrderRequest } from './schemas.js';

/** Outgoing calls to the Invoicebox API v3 (bearer token; the app id in the User-Agent). */
export class InvoiceboxV3Client {
  private readonly base: string;

  constructor(
    private readonly config: InvoiceboxConfig,
    private readonly identity: AppIdentity,
  ) {
    this.base = config.baseUrl.replace(/\/+$/, '');
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.config.apiKey}`, 'user-agent': this.identity.current() };
  }

  private call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    return callJson({ provider: PROVIDER_ID, method, url: `${this.base}${path}`, headers: this.headers(), body, schema });
  }

  /** Success only with a payment URL and status "created" (as the official modules check). */
  async createOrder(request: V3CreateOrderRequest): Promise<V3Order & { paymentUrl: string }> {
    const { data } = await this.call('POST', V3_PATHS.order, v3Envelope(V3Order), request);
    if (data.status !== 'created' || !data.paymentUrl) {
      throw new ProviderError(PROVIDER_ID, `order ${data.id} created in status ${data.status} without a payment URL`);
    }
    return { ...data, paymentUrl: data.paymentUrl };
  }

  async getOrder(id: string): Promise<V3Order> {
    return (await this.call('GET', `${V3_PATHS.order}/${encodeURIComponent(id)}`, v3Envelope(V3Order))).data;
  }

  /** Cancels an unpaid order. */
  async cancelOrder(id: string): Promise<V3Order> {
    return (await this.call('DELETE', `${V3_PATHS.order}/${encodeURIComponent(id)}`, v3Envelope(V3Order))).data;
  }

  /** Orders (refund orders too) with this merchantOrderId: finds the outcome of an earlier attempt. */
  async findByMerchantOrderId(merchantOrderId: string): Promise<V3Order[]> {
    const query = new URLSearchParams({ merchantOrderId, _page: '1', _pageSize: '10' });
    return (await this.call('GET', `${V3_PATHS.filter}?${query}`, V3OrderList)).data.filter((o) => o.merchantOrderId === merchantOrderId);
  }

  async refundableItems(orderId: string): Promise<V3RefundableItem[]> {
    return (await this.call('GET', V3_PATHS.refundBasket(orderId), v3Envelope(z.array(V3RefundableItem)))).data;
  }

  async createRefund(request: V3RefundOrderRequest): Promise<V3Order> {
    return (await this.call('POST', V3_PATHS.refundOrder, v3Envelope(V3Order), request)).data;
  }
}
