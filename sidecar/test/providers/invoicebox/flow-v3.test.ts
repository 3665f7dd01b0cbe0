import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_ACCOUNT } from '../../../src/simulators/invoicebox/index.js';
import { buildV3CreateOrder } from '../../../src/providers/invoicebox/v3-order.js';
import { VERSION } from '../../../src/version.js';
import { startInProcess, SECRET, type Running } from '../../helpers/in-process.js';
import { WordPressReceiver } from '../../helpers/wordpress-receiver.js';
import { createInput, MERCHANT_ID, ORGANIZATION, paymentRecord, SAMPLE_ITEMS, v3Config } from './fixtures.js';
import { formPost, http, json } from './http.js';

/** API v3 end to end: the sidecar's signed API, the simulator (test mode), callbacks, WordPress events. */

let s: Running;
let wp: WordPressReceiver;
const sim = () => `${s.baseUrl}/sim/invoicebox`;
const APP_ID = `WordPress WooCommerce (RU Payments ${VERSION})`;

beforeAll(async () => {
  wp = new WordPressReceiver(SECRET);
  const wpEventsUrl = await wp.listen();
  s = await startInProcess({ wpEventsUrl });
});
afterAll(async () => {
  await s.close();
  await wp.close();
});

let orderNo = 0;
function body(patch: Record<string, unknown> = {}) {
  orderNo++;
  return {
    provider: 'invoicebox',
    order_id: `v3-${orderNo}`,
    amount: 335_000,
    currency: 'RUB',
    description: `Order #${orderNo}`,
    return_url: `${wp.origin}/checkout/order-received/${orderNo}/`,
    fail_url: `${wp.origin}/checkout/fail/${orderNo}/`,
    customer: { email: 'buyer@example.ru', phone: '+79990000000', name: 'Иван Петров' },
    items: SAMPLE_ITEMS,
    ...patch,
  };
}

interface PaymentView {
  id: string;
  status: string;
  provider_payment_id: string;
  redirect_url: string;
  refunded_amount: number;
  test: boolean;
}

async function create(patch: Record<string, unknown> = {}): Promise<PaymentView> {
  const res = await s.client.post<PaymentView>('/v1/payments', body(patch));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function pay(p: PaymentView, action: 'pay' | 'fail' = 'pay') {
  return formPost(p.redirect_url, { action });
}

const stored = async (id: string) => (await s.sidecar.store.getPayment(id))!;
const outcomes = async (id: string) => (await s.sidecar.store.listEvents(id)).map((e) => e.outcome);
const simOrder = (ref: string) => json(`${sim()}/control/orders/${ref}`);
const notify = (ref: string, payload: { override?: Record<string, unknown>; badSignature?: boolean }) => json(`${sim()}/control/orders/${ref}/notify`, payload);

async function paidPayment(patch: Record<string, unknown> = {}) {
  const p = await create(patch);
  await pay(p);
  expect((await stored(p.id)).status).toBe('paid');
  return p;
}

describe('invoicebox v3: pay', () => {
  it('create → pay on the simulator page → signed callback → event delivered to WordPress', async () => {
    const p = await create();
    expect(p).toMatchObject({ status: 'pending', test: true });
    expect(p.redirect_url.startsWith(`${sim()}/pay/`)).toBe(true);

    const page = await http('GET', p.redirect_url);
    expect(page.text).toContain('data-testid="pay"');
    expect(page.text).toContain('3350.00 RUB');

    const paid = await pay(p);
    expect(paid.status).toBe(303);
    expect(paid.headers.location).toBe(`${wp.origin}/checkout/order-received/${orderNo}/`);

    await wp.waitFor((events) => events.some((e) => e.body.payment_id === p.id && e.body.status === 'paid'));
    const event = wp.applied.find((e) => e.body.payment_id === p.id && e.body.status === 'paid')!.body;
    expect(event).toMatchObject({ provider: 'invoicebox', provider_payment_id: p.provider_payment_id, amount: 335_000, currency: 'RUB', previous_status: 'pending', test: true });

    // What Invoicebox received and heard back.
    const order = await simOrder(p.provider_payment_id);
    expect(order.request).toMatchObject({ merchantId: SIMULATOR_ACCOUNT.shopId, merchantOrderId: p.id, amount: 3350, vatAmount: 540.98, customer: { type: 'private', phone: '79990000000' } });
    expect(order.notifications).toHaveLength(1);
    expect(order.notifications[0]).toMatchObject({ accepted: true, deliveredStatus: 200, answer: '{"status":"success"}', answerUserAgent: APP_ID });
  });

  it('sends an organisation paying by invoice as a legal customer', async () => {
    const p = await create({ payer: { ...ORGANIZATION } });
    const order = await simOrder(p.provider_payment_id);
    expect(order.request.customer).toEqual({
      type: 'legal',
      name: ORGANIZATION.name,
      vatNumber: ORGANIZATION.inn,
      taxRegistrationReasonCode: ORGANIZATION.kpp,
      registrationAddress: ORGANIZATION.legal_address,
      email: 'buyer@example.ru',
      phone: '79990000000',
    });
    expect((await http('GET', p.redirect_url)).text).toContain('ИНН 7707083893');
  });

  it('a declined card leaves the order open: back to the fail URL, nothing changes', async () => {
    const p = await create();
    const declined = await pay(p, 'fail');
    expect([declined.status, declined.headers.location]).toEqual([303, `${wp.origin}/checkout/fail/${orderNo}/`]);
    expect((await stored(p.id)).status).toBe('pending');
    expect((await simOrder(p.id)).notifications).toEqual([]);
  });

  it('an expired order becomes expired', async () => {
    const p = await create();
    await json(`${sim()}/control/orders/${p.id}/expire`, {});
    expect((await stored(p.id)).status).toBe('expired');
  });

  it('refresh=1 reads the order from Invoicebox when a notification was lost', async () => {
    await json(`${sim()}/control/notifications`, { enabled: false });
    try {
      const p = await create();
      await pay(p);
      expect((await stored(p.id)).status).toBe('pending');
      const res = await s.client.get(`/v1/payments/${p.id}?refresh=1`);
      expect([res.status, res.body.status]).toEqual([200, 'paid']);
    } finally {
      await json(`${sim()}/control/notifications`, { enabled: true });
    }
  });

  it('cancels an unpaid order at Invoicebox', async () => {
    const p = await create();
    const res = await s.client.post(`/v1/payments/${p.id}/cancel`, {});
    expect([res.status, res.body.status]).toEqual([200, 'cancelled']);
    expect((await simOrder(p.id)).status).toBe('canceled');
  });
});

describe('invoicebox v3: callbacks that must change nothing', () => {
  it('a duplicate is acknowledged and changes nothing', async () => {
    const p = await paidPayment();
    const before = await stored(p.id);
    const dup = await json(`${sim()}/control/orders/${p.id}/resend`, {});
    expect(dup).toMatchObject({ deliveredStatus: 200, answer: '{"status":"success"}' });
    expect((await stored(p.id)).version).toBe(before.version);
    expect(await outcomes(p.id)).toEqual(['applied']);
  });

  it('an out-of-order "created" after payment is acknowledged, logged and not applied', async () => {
    const p = await paidPayment();
    const late = await notify(p.id, { override: { status: 'created' } });
    expect(late).toMatchObject({ deliveredStatus: 200, answer: '{"status":"success"}' });
    expect((await stored(p.id)).status).toBe('paid');
    expect(await outcomes(p.id)).toEqual(['applied', 'illegal']);
  });

  it('a paid amount other than the order amount: order_wrong_amount, nothing changes', async () => {
    const p = await create();
    const res = await notify(p.id, { override: { status: 'completed', amount: 3349.99 } });
    expect(res.deliveredStatus).toBe(200);
    expect(JSON.parse(res.answer)).toMatchObject({ status: 'error', code: 'order_wrong_amount' });
    expect(JSON.parse(res.answer).message).toContain('expected 335000, got 334999');
    expect(res.answerUserAgent).toBe(APP_ID);
    expect((await stored(p.id)).status).toBe('pending');
    expect(await outcomes(p.id)).toEqual(['rejected:amount_mismatch']);
    // The right notification afterwards still counts.
    await pay(p);
    expect((await stored(p.id)).status).toBe('paid');
  });

  it('another currency: order_wrong_currency, nothing changes', async () => {
    const p = await create();
    const res = await notify(p.id, { override: { status: 'completed', currencyId: 'USD' } });
    expect([res.deliveredStatus, JSON.parse(res.answer).code]).toEqual([200, 'order_wrong_currency']);
    expect((await stored(p.id)).status).toBe('pending');
    expect(await outcomes(p.id)).toEqual(['rejected:currency_mismatch']);
  });

  it('another shop id (merchantId), correctly signed: signature_error, nothing changes', async () => {
    const p = await create();
    const res = await notify(p.id, { override: { status: 'completed', merchantId: MERCHANT_ID } });
    expect([res.deliveredStatus, JSON.parse(res.answer).code]).toEqual([200, 'signature_error']);
    expect((await stored(p.id)).status).toBe('pending');
    expect(await outcomes(p.id)).toEqual([]);
  });

  it('a forged signature: signature_error, nothing changes', async () => {
    const p = await create();
    const res = await notify(p.id, { override: { status: 'completed' }, badSignature: true });
    expect([res.deliveredStatus, JSON.parse(res.answer).code]).toEqual([200, 'signature_error']);
    expect((await stored(p.id)).status).toBe('pending');
    expect(await outcomes(p.id)).toEqual([]);
  });

  it('an order this shop does not know: order_not_found', async () => {
    const p = await create();
    const res = await notify(p.id, { override: { id: '0190a6c2-0000-7000-8000-00000000dead' } });
    expect([res.deliveredStatus, JSON.parse(res.answer).code]).toEqual([200, 'order_not_found']);
  });

  it('the test notification (order id ffffffff-…) is answered success and changes nothing', async () => {
    const p = await create();
    const res = await notify(p.id, { override: { id: 'ffffffff-ffff-ffff-ffff-ffffffffffff', status: 'completed' } });
    expect([res.deliveredStatus, res.answer]).toEqual([200, '{"status":"success"}']);
    expect((await stored(p.id)).status).toBe('pending');
    // The plugin's "send test callback" button.
    const button = await s.client.post('/v1/providers/invoicebox/test-callback', {});
    expect(button.body).toEqual({ ok: true, status: 200, body: '{"status":"success"}' });
    // Signed right but for another shop: refused.
    const other = await notify(p.id, { override: { id: 'ffffffff-ffff-ffff-ffff-ffffffffffff', merchantId: MERCHANT_ID } });
    expect(JSON.parse(other.answer).code).toBe('signature_error');
  });
});

describe('invoicebox v3: refunds', () => {
  it('a partial refund, then the rest: refund orders with basket lines that add up', async () => {
    const p = await paidPayment();
    const partial = await s.client.post(`/v1/payments/${p.id}/refunds`, { amount: 100_000, reason: 'Вернули чайник' });
    expect(partial.status, JSON.stringify(partial.body)).toBe(201);
    expect(partial.body.refund).toMatchObject({ amount: 100_000, status: 'succeeded' });
    expect(partial.body.payment).toMatchObject({ status: 'partially_refunded', refunded_amount: 100_000 });

    let order = await simOrder(p.provider_payment_id);
    expect(order.refunds).toHaveLength(1);
    expect(order.refunds[0]).toMatchObject({ parentId: p.provider_payment_id, merchantOrderId: partial.body.refund.id, amount: 1000, vatAmount: 161.49, status: 'completed' });
    expect(order.refunds[0].basketItems.map((i: { sku: string; totalAmount: number }) => [i.sku, i.totalAmount])).toEqual([
      ['A-1', 895.52],
      ['delivery', 104.48],
    ]);

    const rest = await s.client.post(`/v1/payments/${p.id}/refunds`, { amount: 235_000 });
    expect(rest.status, JSON.stringify(rest.body)).toBe(201);
    expect(rest.body.payment).toMatchObject({ status: 'refunded', refunded_amount: 335_000 });
    order = await simOrder(p.provider_payment_id);
    expect(order.available).toEqual([0, 0]);
    // Invoicebox still says "completed": a refresh keeps the refunds we made.
    const refreshed = await s.client.get(`/v1/payments/${p.id}?refresh=1`);
    expect(refreshed.body).toMatchObject({ status: 'refunded', refunded_amount: 335_000 });

    await wp.waitFor((events) => events.some((e) => e.body.payment_id === p.id && e.body.status === 'refunded'));
    expect(wp.applied.filter((e) => e.body.payment_id === p.id).map((e) => e.body.status)).toEqual(['pending', 'paid', 'partially_refunded', 'refunded']);
  });

  it('a full refund at once; a repeated request (same idempotency key) is not sent twice', async () => {
    const p = await paidPayment();
    const first = await s.client.post(`/v1/payments/${p.id}/refunds`, { amount: 335_000 }, { idempotencyKey: `full-${p.id}` });
    expect(first.body.payment).toMatchObject({ status: 'refunded' });
    const again = await s.client.post(`/v1/payments/${p.id}/refunds`, { amount: 335_000 }, { idempotencyKey: `full-${p.id}` });
    expect(again.body).toEqual(first.body);
    expect((await simOrder(p.provider_payment_id)).refunds).toHaveLength(1);
  });

  it('an unpaid order cannot be refunded', async () => {
    const p = await create();
    expect((await s.client.post(`/v1/payments/${p.id}/refunds`, { amount: 100 })).status).toBe(409);
  });
});

describe('invoicebox v3: nothing is sent when the order is wrong', () => {
  it('a missing basket: 400 naming items, no order at Invoicebox', async () => {
    const before = (await json(`${sim()}/control/orders`)).orders.length;
    const res = await s.client.post('/v1/payments', body({ items: undefined }));
    expect([res.status, res.body.error.field]).toEqual([400, 'items']);
    const noContact = await s.client.post('/v1/payments', body({ customer: { name: 'Иван' } }));
    expect([noContact.status, noContact.body.error.field]).toEqual([400, 'customer.email']);
    expect((await json(`${sim()}/control/orders`)).orders.length).toBe(before);
  });

  it('a provider outage is a generic 502; the raw error stays in the log', async () => {
    await json(`${sim()}/control/fail-next`, { status: 500, code: 'internal', message: 'secret internals' });
    const res = await s.client.post('/v1/payments', body());
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('provider_error');
    expect(JSON.stringify(res.body)).not.toContain('secret internals');
  });
});

describe('invoicebox v3 simulator: refuses what Invoicebox refuses', () => {
  const valid = () => buildV3CreateOrder(createInput(paymentRecord({ id: `pay_sim${Date.now()}x` })), v3Config({ shopId: SIMULATOR_ACCOUNT.shopId }), Date.now());
  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    http('POST', `${sim()}/v3/billing/api/order/order`, JSON.stringify(payload), { 'content-type': 'application/json', authorization: `Bearer ${SIMULATOR_ACCOUNT.apiKey}`, 'user-agent': APP_ID, ...headers });
  const code = (a: { text: string }) => (JSON.parse(a.text) as { error: { code: string } }).error.code;

  it('accepts a valid order', async () => {
    const res = await post(valid());
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).data).toMatchObject({ status: 'created' });
  });

  it('a wrong token, a missing User-Agent', async () => {
    const wrong = await post(valid(), { authorization: 'Bearer nope' });
    expect([wrong.status, code(wrong)]).toEqual([401, 'unauthorized']);
    const noUa = await post(valid(), { 'user-agent': 'undici' });
    expect([noUa.status, code(noUa)]).toEqual([400, 'user_agent_required']);
  });

  it('a basket that does not add up, a wrong VAT, a missing field, another merchant', async () => {
    const order = valid();
    const short = await post({ ...order, amount: order.amount + 0.01 });
    expect([short.status, code(short)]).toEqual([400, 'validation_error']);
    expect(JSON.parse(short.text).error.message).toContain('≠ amount');
    const vat = await post({ ...order, basketItems: order.basketItems.map((i, n) => (n === 0 ? { ...i, totalVatAmount: i.totalVatAmount + 1 } : i)) });
    expect(JSON.parse(vat.text).error.message).toContain('totalVatAmount');
    const { customer: _customer, ...missing } = order;
    const noCustomer = await post(missing);
    expect([noCustomer.status, JSON.parse(noCustomer.text).error.message]).toEqual([400, expect.stringContaining('customer')]);
    const other = await post({ ...order, merchantId: MERCHANT_ID });
    expect([other.status, code(other)]).toEqual([403, 'merchant_not_found']);
  });
});
