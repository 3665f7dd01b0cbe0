import { afterEach, describe, expect, it } from 'vitest';
import { InvoiceboxClient, InvoiceboxError, type CreateOrderRequest } from '../src/index.js';
import mocks from './sdk-mocks.json' with { type: 'json' };
import { fakeInvoicebox, type Reply } from './server.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

async function clientWith(replies: Reply[]) {
  const server = await fakeInvoicebox(replies);
  close = server.close;
  return { client: new InvoiceboxClient({ token: 'tok-123', userAgent: 'WordPress/7.0 (Invoicebox 1.0.0)', baseUrl: `${server.url}/` }), requests: server.requests };
}

const order: CreateOrderRequest = {
  merchantId: 'ffffffff-ffff-ffff-ffff-ffffffffffff',
  merchantOrderId: 'pay_1',
  amount: 2790.67,
  vatAmount: 0,
  currencyId: 'RUB',
  description: 'Order 1',
  expirationDate: '2026-01-08T12:00:00+00:00',
  customer: { type: 'private', email: 'a@example.com' },
  basketItems: [mocks.refundBasketAnswer.data[0] as CreateOrderRequest['basketItems'][number]],
};

describe('InvoiceboxClient', () => {
  it('creates an order: POST with bearer token, app id and JSON body; returns the payment URL', async () => {
    const { client, requests } = await clientWith([{ json: mocks.createOrderAnswer }]);
    const created = await client.createOrder(order);
    expect(created.paymentUrl).toBe(mocks.createOrderAnswer.data.paymentUrl);
    expect(created.id).toBe(mocks.createOrderAnswer.data.id);
    const [req] = requests;
    expect(req).toMatchObject({ method: 'POST', url: '/v3/billing/api/order/order', body: order });
    expect(req!.headers).toMatchObject({ authorization: 'Bearer tok-123', 'user-agent': 'WordPress/7.0 (Invoicebox 1.0.0)', 'content-type': 'application/json' });
  });

  it('rejects a created order without a payment URL or not in status "created"', async () => {
    const paid = { data: { ...mocks.createOrderAnswer.data, status: 'completed' } };
    const { client } = await clientWith([{ json: paid }]);
    await expect(client.createOrder(order)).rejects.toThrow(/status completed/);
  });

  it('gets, updates and cancels an order by id (id escaped in the path)', async () => {
    const answer = { json: mocks.createOrderAnswer };
    const { client, requests } = await clientWith([answer, answer, answer]);
    await client.getOrder('a/b');
    await client.updateOrder('id-1', { description: 'new' });
    await client.cancelOrder('id-1');
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /v3/billing/api/order/order/a%2Fb',
      'PUT /v3/billing/api/order/order/id-1',
      'DELETE /v3/billing/api/order/order/id-1',
    ]);
    expect(requests[1]!.body).toEqual({ description: 'new' });
  });

  it('finds orders by merchantOrderId with paging and keeps only exact matches', async () => {
    const list = { data: [...mocks.orderListAnswer.data, { ...mocks.orderListAnswer.data[0], id: 'other', merchantOrderId: '5656-1234' }], metaData: { totalCount: 2 } };
    const { client, requests } = await clientWith([{ json: list }, { json: list }]);
    const page = await client.findOrders({ merchantOrderId: '5656-123', pageSize: 5 });
    expect(page.totalCount).toBe(2);
    expect(page.orders).toHaveLength(2);
    expect(await client.findByMerchantOrderId('5656-123')).toHaveLength(1);
    const url = new URL(requests[0]!.url, 'http://x');
    expect(url.pathname).toBe('/v3/filter/api/order/order');
    expect(Object.fromEntries(url.searchParams)).toEqual({ merchantOrderId: '5656-123', _page: '1', _pageSize: '5' });
  });

  it('reads refundable items and creates a refund order', async () => {
    const { client, requests } = await clientWith([{ json: mocks.refundBasketAnswer }, { json: mocks.createRefundAnswer }]);
    const items = await client.refundableItems('ord-1');
    expect(items[0]).toMatchObject({ sku: '0123456789', totalAmount: 2790.67, vatCode: 'VATNONE' });
    const refund = await client.createRefund({ parentId: 'ord-1', merchantOrderId: 'ref-1', amount: 2790.67, vatAmount: 0, description: 'refund', basketItems: order.basketItems });
    expect(refund.parentId).toBe(mocks.createRefundAnswer.data.parentId);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v3/billing/api/order/order/ord-1/refund-basket-item', 'POST /v3/billing/api/order/refund-order']);
  });

  it('checks auth and handles shipments', async () => {
    const { client, requests } = await clientWith([{ json: { data: { userId: 'u1' } } }, { json: { data: [{ id: 's1', orderId: 'o1' }] } }, { json: { data: { id: 's2', orderId: 'o1' } } }]);
    expect(await client.checkAuth()).toEqual({ userId: 'u1' });
    expect(await client.getShipments('o1')).toEqual([{ id: 's1', orderId: 'o1' }]);
    expect(await client.createShipment({ orderId: 'o1' })).toEqual({ id: 's2', orderId: 'o1' });
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v3/security/api/auth/auth', 'GET /v3/billing/api/order/shipment?orderId=o1', 'POST /v3/billing/api/order/shipment']);
  });
});

describe('errors', () => {
  it('HTTP 401 → not retryable, with the error code and request id', async () => {
    const { client } = await clientWith([{ status: 401, json: { error: { code: 'unauthorized', message: 'bad token' } }, headers: { 'x-request-id': 'rq-1' } }]);
    const error = await client.checkAuth().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvoiceboxError);
    expect(error).toMatchObject({ status: 401, code: 'unauthorized', requestId: 'rq-1', retryable: false });
  });

  it('HTTP 429 and 5xx are retryable; Retry-After is kept', async () => {
    const { client } = await clientWith([{ status: 429, json: { error: { code: 'too_many_requests' } }, headers: { 'retry-after': '30' } }, { status: 502, text: 'bad gateway' }]);
    await expect(client.getOrder('x')).rejects.toMatchObject({ retryable: true, status: 429, retryAfter: 30 });
    await expect(client.getOrder('x')).rejects.toMatchObject({ retryable: true, status: 502 });
  });

  it('is strict on amounts, currency and status of an answer', async () => {
    const base = mocks.createOrderAnswer.data;
    const { client } = await clientWith([
      { json: { data: { ...base, amount: '2790.67' } } },
      { json: { data: { ...base, amount: 10.001 } } },
      { json: { data: { ...base, currencyId: 'rub' } } },
      { json: { data: { ...base, status: 'paid' } } },
      { text: '<html>' },
    ]);
    await expect(client.getOrder('x')).rejects.toThrow(/amount/);
    await expect(client.getOrder('x')).rejects.toThrow(/2 decimals/);
    await expect(client.getOrder('x')).rejects.toThrow(/currencyId/);
    await expect(client.getOrder('x')).rejects.toThrow(/status/);
    await expect(client.getOrder('x')).rejects.toMatchObject({ retryable: true, message: expect.stringMatching(/not JSON/) });
  });

  it('a transport failure is retryable', async () => {
    const client = new InvoiceboxClient({ token: 't', userAgent: 'x', baseUrl: 'http://127.0.0.1:1/v3' });
    await expect(client.getOrder('x')).rejects.toMatchObject({ retryable: true, message: expect.stringMatching(/failed/) });
  });

  it('requires a token', () => {
    expect(() => new InvoiceboxClient({ token: '', userAgent: 'x' })).toThrow(/token/);
  });
});
