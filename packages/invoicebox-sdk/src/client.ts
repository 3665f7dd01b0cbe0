import { z } from 'zod';
import { InvoiceboxError } from './errors.js';
import { PATHS, PRODUCTION_URL } from './paths.js';
import type { CreateOrderRequest, CreateRefundRequest, CreateShipmentRequest, FindOrdersQuery, UpdateOrderRequest } from './requests.js';
import { AuthInfo, Order, RefundableItem, Shipment, envelope, type Order as OrderT } from './schemas.js';
import { callApi, type Method, type TransportOptions } from './transport.js';

export interface InvoiceboxClientOptions {
  /** The API token from the cabinet (business.invoicebox.ru → Settings → API). */
  token: string;
  userAgent: string | (() => string);
  /** Default: production, https://api.invoicebox.ru/v3. */
  baseUrl?: string;
  timeoutMs?: number;
  /** Default: the platform fetch. */
  fetch?: typeof globalThis.fetch;
}

export interface OrderPage {
  orders: OrderT[];
  totalCount?: number;
}

/** Invoicebox API v3: the base methods of the docs, answers checked by zod. */
export class InvoiceboxClient {
  private readonly transport: TransportOptions;

  constructor(options: InvoiceboxClientOptions) {
    if (!options.token) throw new TypeError('Invoicebox: the API token is required');
    this.transport = {
      baseUrl: (options.baseUrl ?? PRODUCTION_URL).replace(/\/+$/, ''),
      token: options.token,
      userAgent: options.userAgent,
      timeoutMs: options.timeoutMs ?? 15_000,
      fetch: options.fetch ?? globalThis.fetch,
    };
  }

  private async data<T extends z.ZodType>(method: Method, path: string, schema: T, body?: unknown): Promise<z.infer<T>> {
    return (await callApi(this.transport, method, path, envelope(schema), body)).data as z.infer<T>;
  }

  /** Checks the token: resolves with what Invoicebox says about it, rejects on HTTP 401/403. */
  checkAuth(): Promise<AuthInfo> {
    return this.data('GET', PATHS.auth, AuthInfo);
  }

  /** Success only with a payment URL and status "created" (as the official modules check). */
  async createOrder(request: CreateOrderRequest): Promise<OrderT & { paymentUrl: string }> {
    const order = await this.data('POST', PATHS.order, Order, request);
    if (order.status !== 'created' || !order.paymentUrl) {
      throw new InvoiceboxError(`order ${order.id} created in status ${order.status} without a payment URL`, false);
    }
    return { ...order, paymentUrl: order.paymentUrl };
  }

  getOrder(id: string): Promise<OrderT> {
    return this.data('GET', PATHS.orderById(id), Order);
  }

  /** Changes an unpaid order. */
  updateOrder(id: string, changes: UpdateOrderRequest): Promise<OrderT> {
    return this.data('PUT', PATHS.orderById(id), Order, changes);
  }

  /** Cancels an unpaid order. */
  cancelOrder(id: string): Promise<OrderT> {
    return this.data('DELETE', PATHS.orderById(id), Order);
  }

  /** Orders (refund orders too) matching the query; one page. */
  async findOrders(query: FindOrdersQuery): Promise<OrderPage> {
    const params = new URLSearchParams({ _page: String(query.page ?? 1), _pageSize: String(query.pageSize ?? 10) });
    for (const key of ['merchantOrderId', 'id', 'status'] as const) {
      const value = query[key];
      if (value !== undefined) params.set(key, value);
    }
    const answer = await callApi(this.transport, 'GET', `${PATHS.filter}?${params}`, envelope(z.array(Order)));
    return { orders: answer.data, totalCount: answer.metaData?.totalCount };
  }

  /** Orders whose merchantOrderId is exactly this one (the filter may match loosely). */
  async findByMerchantOrderId(merchantOrderId: string): Promise<OrderT[]> {
    return (await this.findOrders({ merchantOrderId })).orders.filter((o) => o.merchantOrderId === merchantOrderId);
  }

  refundableItems(orderId: string): Promise<RefundableItem[]> {
    return this.data('GET', PATHS.refundBasket(orderId), z.array(RefundableItem));
  }

  /** A refund order for a paid ("completed") order; returns the refund order. */
  createRefund(request: CreateRefundRequest): Promise<OrderT> {
    return this.data('POST', PATHS.refundOrder, Order, request);
  }

  /** Shipments of an order (closing documents, capture of held funds). */
  getShipments(orderId: string): Promise<Shipment[]> {
    return this.data('GET', `${PATHS.shipment}?${new URLSearchParams({ orderId })}`, z.array(Shipment));
  }

  createShipment(request: CreateShipmentRequest): Promise<Shipment> {
    return this.data('POST', PATHS.shipment, Shipment, request);
  }
}
