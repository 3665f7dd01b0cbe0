import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR } from '../../../src/simulators/sber/account.js';
import { sberChecksum } from '../../../src/providers/sber/signature.js';
import { SECRET, startInProcess, type Running } from '../../helpers/in-process.js';
import { WordPressReceiver } from '../../helpers/wordpress-receiver.js';
import { submitPage } from './helpers.js';

const DAY = 86_400_000;
let s: Running;
const wp = new WordPressReceiver(SECRET);

beforeAll(async () => {
  const wpEventsUrl = await wp.listen();
  s = await startInProcess({ wpEventsUrl });
});
afterAll(async () => {
  await s.close();
  await wp.close();
});
afterEach(async () => {
  await control('clock', { reset: true });
  await control('notifications', { enabled: true });
});

function control(path: string, body: unknown = {}) {
  return request(`${s.baseUrl}/sim/sber/control/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.body.json() as Promise<any>);
}

function body(overrides: Record<string, unknown> = {}) {
  return {
    provider: 'sber',
    order_id: String(Math.floor(Math.random() * 1e9)),
    amount: 1_200_000,
    description: 'Заказ №1',
    return_url: `${wp.origin}/checkout/order-received/1/`,
    fail_url: `${wp.origin}/checkout/fail/1/`,
    customer: { email: 'buyer@example.ru', phone: '+79990000000' },
    items: [
      { sku: 'A-1', name: 'Чайник', quantity: 2, amount: 1_150_000, vat: 'vat20' },
      { name: 'Доставка', quantity: 1, amount: 50_000, type: 'shipping', vat: 'none' },
    ],
    ...overrides,
  };
}

async function create(overrides: Record<string, unknown> = {}) {
  const res = await s.client.post('/v1/payments', body(overrides));
  expect(res.status).toBe(201);
  return res.body as { id: string; provider_payment_id: string; redirect_url: string; status: string; test: boolean };
}

/** Creates and pays; a negative shift makes the gateway's clock (and so the payment time) earlier. */
async function paid(overrides: Record<string, unknown> = {}, shiftMs = 0) {
  if (shiftMs) await control('clock', { advanceMs: shiftMs });
  const payment = await create(overrides);
  expect((await submitPage(payment.redirect_url, 'pay')).status).toBe(303);
  await control('clock', { reset: true });
  return payment;
}

const stored = async (id: string) => (await s.sidecar.store.getPayment(id))!;

function callback(query: Record<string, string>, path = '/callbacks/sber') {
  return request(`${s.baseUrl}${path}?${new URLSearchParams(query)}`).then(async (r) => ({ status: r.statusCode, body: await r.body.text() }));
}

describe('Sber through the sidecar API, against its simulator', () => {
  it('is listed with its capabilities', async () => {
    const res = await s.client.get('/v1/providers');
    expect(res.body.providers.find((p: { id: string }) => p.id === 'sber')).toMatchObject({
      name: 'Sber «Плати частями»',
      simulated: true,
      capabilities: { refund: true, partialRefund: true, twoStage: true, cancel: true, currencies: ['RUB'], signedCallbacks: true },
    });
  });

  it('one-stage: pay on the «Плати частями» page → checksummed callback → status re-read → paid → WordPress event', async () => {
    const payment = await create();
    expect(payment).toMatchObject({ status: 'pending', test: true });
    expect(payment.redirect_url).toContain(`${s.baseUrl}/sim/sber/payment/merchants/sber-simulator/payment_ru.html?mdOrder=${payment.provider_payment_id}`);
    const page = await request(payment.redirect_url).then((r) => r.body.text());
    expect(page).toContain('data-kind="bnpl"');
    expect(page).toContain('Чайник');

    const done = await submitPage(payment.redirect_url, 'pay');
    expect(done.location).toContain('/checkout/order-received/1/');
    const after = await s.client.get(`/v1/payments/${payment.id}`);
    expect(after.body).toMatchObject({ status: 'paid', captured_amount: 1_200_000 });
    await wp.waitFor((events) => events.some((e) => e.body.payment_id === payment.id && e.body.status === 'paid'));
    const events = await s.sidecar.store.listEvents(payment.id);
    expect(events.map((e) => e.outcome)).toEqual(['applied']);
    expect(events[0]!.normalized).toMatchObject({ status: 'paid', verdict: 'unverifiable' });
  });

  it('a re-delivered callback is a no-op', async () => {
    const payment = await paid();
    const before = await stored(payment.id);
    const resent = await request(`${s.baseUrl}/sim/sber/control/orders/${payment.provider_payment_id}/resend`, { method: 'POST' }).then((r) => r.body.json() as Promise<{ delivered: number }>);
    expect(resent.delivered).toBe(200);
    const after = await stored(payment.id);
    expect(after.version).toBe(before.version);
    expect((await s.sidecar.store.listEvents(payment.id)).length).toBe(1);
  });

  it('a forged or missing checksum is refused and changes nothing', async () => {
    const payment = await create();
    const claim = { mdOrder: payment.provider_payment_id, orderNumber: payment.id, operation: 'deposited', status: '1', amount: '1200000' };
    expect((await callback({ ...claim, checksum: sberChecksum('not-the-key-not-the-key', claim) })).status).toBe(403);
    expect((await callback(claim)).status).toBe(403);
    expect((await stored(payment.id)).status).toBe('pending');
    expect(await s.sidecar.store.listEvents(payment.id)).toEqual([]);
  });

  it('a correctly signed callback that contradicts Sber (paid? no: unpaid) changes nothing', async () => {
    const payment = await create();
    const before = await stored(payment.id);
    const claim = { mdOrder: payment.provider_payment_id, orderNumber: payment.id, operation: 'deposited', status: '1', amount: '1' };
    const res = await callback({ ...claim, checksum: sberChecksum(SIMULATOR.callbackKey, claim) });
    expect(res).toEqual({ status: 200, body: 'OK' });
    const after = await stored(payment.id);
    expect(after.status).toBe('pending');
    expect(after.version).toBe(before.version);
    // Kept for audit with what Sber really said.
    expect((await s.sidecar.store.listEvents(payment.id)).map((e) => [e.outcome, (e.normalized as { status: string }).status])).toEqual([['duplicate', 'pending']]);
    // An order nobody knows: answered (nothing to retry), nothing stored.
    const unknown = { ...claim, mdOrder: '11111111-2222-3333-4444-555555555555' };
    expect((await callback({ ...unknown, checksum: sberChecksum(SIMULATOR.callbackKey, unknown) })).status).toBe(200);
  });

  it('two-stage: authorised, the deadline is exposed, captured within 7 days', async () => {
    const payment = await paid({ two_stage: true });
    expect((await stored(payment.id)).status).toBe('authorized');
    const details = await s.client.get(`/v1/providers/sber/payments/${payment.id}`);
    expect(details.status).toBe(200);
    const authorizedAt = Date.parse(details.body.authorizedAt);
    expect(Date.parse(details.body.depositDeadline) - authorizedAt).toBe(7 * DAY);
    expect(details.body).toMatchObject({ warn: false, canReverse: false, sber: { orderStatus: 1, approvedAmount: 1_200_000 } });
    expect(details.body.daysLeft).toBeGreaterThanOrEqual(6.9);

    const captured = await s.client.post(`/v1/payments/${payment.id}/capture`, {});
    expect(captured.status).toBe(200);
    expect(captured.body).toMatchObject({ status: 'paid', captured_amount: 1_200_000 });
    await wp.waitFor((events) => events.some((e) => e.body.payment_id === payment.id && e.body.status === 'paid'));
  });

  it('warns when less than a day of the hold is left', async () => {
    const payment = await paid({ two_stage: true }, -6.5 * DAY);
    const details = await s.client.get(`/v1/providers/sber/payments/${payment.id}`);
    expect(details.body.daysLeft).toBeLessThanOrEqual(0.5);
    expect(details.body.warn).toBe(true);
  });

  it('cancel: a hold is reversed; an unpaid order gets a clear refusal in both languages', async () => {
    const held = await paid({ two_stage: true });
    const cancelled = await s.client.post(`/v1/payments/${held.id}/cancel`, {});
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });

    const unpaid = await create();
    const refused = await s.client.post(`/v1/payments/${unpaid.id}/cancel`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'sber_not_paid_yet', message_ru: expect.stringContaining('не оплачен'), message_en: expect.stringContaining('not paid') });
    expect((await stored(unpaid.id)).status).toBe('pending');
  });

  it('same-day reversal of a paid order gives all the money back; the next day it is refused', async () => {
    const today = await paid();
    const reversed = await s.client.post(`/v1/providers/sber/payments/${today.id}/reverse`, {});
    expect(reversed.status).toBe(200);
    expect(reversed.body.payment).toMatchObject({ status: 'refunded', refunded_amount: 1_200_000 });

    const yesterday = await paid({}, -DAY);
    const details = await s.client.get(`/v1/providers/sber/payments/${yesterday.id}`);
    expect(details.body.canReverse).toBe(false);
    const refused = await s.client.post(`/v1/providers/sber/payments/${yesterday.id}/reverse`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'sber_reverse_window_closed', message_ru: expect.stringContaining('00:00'), message_en: expect.stringContaining('00:00 Moscow') });
    expect((await stored(yesterday.id)).status).toBe('paid');
  });

  it('partial and full refunds', async () => {
    const payment = await paid();
    const first = await s.client.post(`/v1/payments/${payment.id}/refunds`, { amount: 200_000 });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ refund: { amount: 200_000, status: 'succeeded' }, payment: { status: 'partially_refunded', refunded_amount: 200_000 } });
    const rest = await s.client.post(`/v1/payments/${payment.id}/refunds`, { amount: 1_000_000 });
    expect(rest.body.payment).toMatchObject({ status: 'refunded', refunded_amount: 1_200_000 });
    // The refund callbacks arrive after the answers (as Sber's do) and change nothing more.
    const deliveries = () =>
      request(`${s.baseUrl}/sim/sber/control/orders/${payment.provider_payment_id}`)
        .then((r) => r.body.json() as Promise<{ deliveries: Array<{ url: string; deliveredStatus: number | null }> }>)
        .then((o) => o.deliveries.filter((d) => d.url.includes('operation=refunded') && d.deliveredStatus === 200).length);
    await expect.poll(deliveries).toBe(2);
    expect((await stored(payment.id)).status).toBe('refunded');
    expect((await s.sidecar.store.listEvents(payment.id)).map((e) => e.outcome).filter((o) => o === 'applied')).toEqual(['applied']);
  });

  it('status polling: without a callback, GET ?refresh=1 asks Sber', async () => {
    await control('notifications', { enabled: false });
    const payment = await paid();
    expect((await s.client.get(`/v1/payments/${payment.id}`)).body.status).toBe('pending');
    expect((await s.client.get(`/v1/payments/${payment.id}?refresh=1`)).body.status).toBe('paid');
  });

  it('a gateway outage during checkout is a generic provider error for the shopper', async () => {
    await control('fail-next', { errorCode: '5', errorMessage: 'Доступ запрещён' });
    const res = await s.client.post('/v1/payments', body());
    expect(res.status).toBe(502);
    expect(res.body.error).toEqual({ code: 'provider_error', message: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toContain('Доступ');
  });

  it('bad input is refused naming the field', async () => {
    const res = await s.client.post('/v1/payments', body({ currency: 'USD' }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'unsupported_currency', field: 'currency' });
  });

  it('the plugin\'s "send test callback" is answered OK and changes nothing', async () => {
    const res = await s.client.post('/v1/providers/sber/test-callback', {});
    expect(res.body).toEqual({ ok: true, status: 200, body: 'OK' });
  });
});

describe('settings pushed by the plugin', () => {
  it('names a missing credential', async () => {
    const res = await s.client.call('PUT', '/v1/providers/sber/config', { profile: 'bad', settings: { userName: 'shop-api' } }, { idempotencyKey: null });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_settings', field: 'settings.password' });
  });

  it('a live profile with its callback key: the whole loop, as a live (non-test) payment', async () => {
    const settings = { userName: SIMULATOR.userName, password: SIMULATOR.password, callbackKey: SIMULATOR.callbackKey, baseUrl: `${s.baseUrl}/sim/sber/payment/rest/` };
    expect((await s.client.call('PUT', '/v1/providers/sber/config', { profile: 'seller2', settings }, { idempotencyKey: null })).status).toBe(200);
    const payment = await paid({ profile: 'seller2' });
    expect(payment.test).toBe(false);
    expect((await stored(payment.id)).status).toBe('paid');
  });

  it('a live profile without a key: an unsigned callback is confirmed by re-reading the status', async () => {
    const settings = { userName: SIMULATOR.userName, password: SIMULATOR.password, baseUrl: `${s.baseUrl}/sim/sber/payment/rest/` };
    expect((await s.client.call('PUT', '/v1/providers/sber/config', { profile: 'nokey', settings }, { idempotencyKey: null })).status).toBe(200);
    await control('notifications', { enabled: false });
    const payment = await paid({ profile: 'nokey' });
    expect((await stored(payment.id)).status).toBe('pending');
    const claim = { mdOrder: payment.provider_payment_id, orderNumber: payment.id, operation: 'deposited', status: '1' };
    expect(await callback(claim, '/callbacks/sber/nokey')).toEqual({ status: 200, body: 'OK' });
    expect((await stored(payment.id)).status).toBe('paid');
  });
});
