import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SIMULATOR_SETTINGS } from '../../../src/simulators/intellectmoney/index.js';
import { bodyHash, TEMPLATES } from '../../../src/providers/intellectmoney/signature.js';
import { createBody, SECRET, startInProcess, type Running } from '../../helpers/in-process.js';
import { WordPressReceiver } from '../../helpers/wordpress-receiver.js';
import { control, decide, SIM_PATH, simSettings, until } from './helpers.js';

let s: Running;
let wp: WordPressReceiver;
let sim: string;

beforeAll(async () => {
  wp = new WordPressReceiver(SECRET);
  s = await startInProcess({ wpEventsUrl: await wp.listen() });
  sim = `${s.baseUrl}${SIM_PATH}`;
  // The tests drive status polling themselves (poller.tick) so that every step is deterministic.
  await s.sidecar.poller.stop();
  await configure('fast', {});
  await configure('slow', { createWaitMs: 300 });
});
afterAll(async () => {
  await s.close();
  await wp.close();
});
beforeEach(async () => {
  await control(sim, 'timing', { createdMs: 0, inProcessMs: 0, outcome: 'redirect' });
  await control(sim, 'notifications', { enabled: true });
});

async function configure(profile: string, extra: Record<string, unknown>) {
  const res = await s.client.call('PUT', '/v1/providers/intellectmoney/config', { profile, settings: simSettings(sim, extra) }, { idempotencyKey: null });
  expect(res.status).toBe(200);
}

const RETURN_URL = 'https://shop.example/checkout/order-received/1/?key=wc_order_1';
const FAIL_URL = 'https://shop.example/checkout/?failed=1';

async function create(patch: Record<string, unknown> = {}, idempotencyKey?: string) {
  return s.client.post('/v1/payments', createBody({ provider: 'intellectmoney', profile: 'fast', amount: 1_234_50, return_url: RETURN_URL, fail_url: FAIL_URL, customer: { email: 'buyer@example.ru', name: 'Артем' }, ...patch }), idempotencyKey ? { idempotencyKey } : {});
}

const payment = async (id: string) => (await s.sidecar.store.getPayment(id))!;
const eventsOf = (id: string) => wp.applied.filter((e) => e.body.payment_id === id).map((e) => e.body.status);

/** Runs the durable status poller once its next poll is due. */
async function pollOnce() {
  await new Promise((r) => setTimeout(r, 30));
  await s.sidecar.poller.tick();
}

/** A result notification as IntellectMoney would post it for this payment, signed with `secretKey`. */
function notification(p: { id: string; provider_payment_id: string }, patch: Record<string, string> = {}, secretKey: string = SIMULATOR_SETTINGS.secretKey) {
  const fields: Record<string, string> = {
    eshopId: SIMULATOR_SETTINGS.eshopId,
    orderId: p.id,
    serviceName: 'Order #1',
    eshopAccount: '4300000001',
    recipientAmount: '1234.50',
    recipientCurrency: 'RUB',
    paymentStatus: '5',
    userName: 'Артем',
    userEmail: 'buyer@example.ru',
    paymentData: '2026-01-17 13:12:03',
    paymentId: p.provider_payment_id,
    ...patch,
  };
  return new URLSearchParams({ ...fields, hash: bodyHash(TEMPLATES.resultNotification, fields, secretKey), ...(patch.hash ? { hash: patch.hash } : {}) }).toString();
}

/** The callback URL of the profile the payments below were made with. */
async function postResult(body: string, path = '/callbacks/intellectmoney/fast') {
  const res = await request(`${s.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  return { status: res.statusCode, body: await res.body.text() };
}

describe('IntellectMoney PayLate through the sidecar API', () => {
  it('test mode without settings: PayLate link → approve → webhook answered OK → paid', async () => {
    const res = await create({ profile: 'default', test: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ provider: 'intellectmoney', status: 'pending', test: true, amount: 123_450 });
    expect(res.body.provider_payment_id).toMatch(/^3\d{9}$/);
    expect(res.body.redirect_url).toMatch(new RegExp(`^${sim}/paylate/`));

    expect(await decide(res.body.redirect_url, 'pay')).toEqual({ status: 303, location: RETURN_URL });
    expect((await payment(res.body.id)).status).toBe('paid');
    const invoice = await control(sim, `invoices/${res.body.provider_payment_id}`);
    expect(invoice.notifications.map((n: { deliveredStatus: number; answer: string }) => [n.deliveredStatus, n.answer])).toEqual([[200, 'OK']]);
    expect(invoice).toMatchObject({ orderId: res.body.id, recipientAmount: '1234.50', recipientCurrency: 'RUB', email: 'buyer@example.ru', userName: 'Артем' });
    await wp.waitFor(() => eventsOf(res.body.id).includes('paid'));
    expect(eventsOf(res.body.id)).toEqual(['pending', 'paid']);
  });

  it('the shopper declines on PayLate: no webhook, polling reads PaymentStep Error → failed', async () => {
    const res = await create();
    expect(res.body.test).toBe(false);
    expect(await decide(res.body.redirect_url, 'fail')).toEqual({ status: 303, location: FAIL_URL });
    expect((await payment(res.body.id)).status).toBe('pending');
    await pollOnce();
    expect((await payment(res.body.id)).status).toBe('failed');
    await wp.waitFor(() => eventsOf(res.body.id).includes('failed'));
    expect(eventsOf(res.body.id)).toEqual(['pending', 'failed']);
  });

  it('PayLate refuses before any page (PaymentStep Error): the payment fails and the shopper goes to the fail URL', async () => {
    await control(sim, 'timing', { outcome: 'error' });
    const res = await create();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'failed', redirect_url: FAIL_URL });
    await wp.waitFor(() => eventsOf(res.body.id).includes('failed'));
    expect(eventsOf(res.body.id)).toEqual(['failed']);
  });

  it('waits for the link across Created/InProcess within createWaitMs', async () => {
    await control(sim, 'timing', { createdMs: 60, inProcessMs: 60 });
    const started = Date.now();
    const res = await create();
    expect(res.body.redirect_url).toMatch(/\/paylate\//);
    expect(Date.now() - started).toBeGreaterThanOrEqual(120);
    const invoice = await control(sim, `invoices/${res.body.provider_payment_id}`);
    expect(invoice.calls.getBankCardPaymentState).toBeGreaterThan(1);
  });

  it('createWaitMs exceeded: a generic 502 in time, nothing recorded as created at the provider; the retry continues the same invoice', async () => {
    await control(sim, 'timing', { inProcessMs: 600_000 });
    const key = `slow-${Date.now()}`;
    const started = Date.now();
    const slow = await create({ profile: 'slow' }, key);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(slow.status).toBe(502);
    expect(slow.body.error.code).toBe('provider_error');
    expect(JSON.stringify(slow.body)).not.toMatch(/createWaitMs|PayLate|invoice/i);
    const stored = (await s.sidecar.store.findPaymentByIdempotencyKey(key))!;
    expect(stored).toMatchObject({ status: 'created', providerPaymentId: null });

    await control(sim, `invoices/${stored.id}`, { ready: true });
    const retried = await create({ profile: 'slow' }, key);
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ id: stored.id, status: 'pending' });
    const invoice = await control(sim, `invoices/${stored.id}`);
    expect(invoice.calls).toMatchObject({ createInvoice: 1, bnplPayment: 1 });
    expect(retried.body.provider_payment_id).toBe(invoice.invoiceId);
  });

  it('poll and webhook both report paid: exactly one status change and one event, whichever comes first', async () => {
    await control(sim, 'notifications', { enabled: false });
    for (const order of ['webhook-first', 'together'] as const) {
      const res = await create();
      await decide(res.body.redirect_url, 'pay');
      const resend = () => control(sim, `invoices/${res.body.provider_payment_id}/resend`, {});
      const stateReads = async () => (await control(sim, `invoices/${res.body.provider_payment_id}`)).calls.getBankCardPaymentState as number;
      const readsBefore = await stateReads();
      if (order === 'webhook-first') {
        expect(await resend()).toEqual({ status: 200, answer: 'OK' });
        await pollOnce();
      } else {
        await new Promise((r) => setTimeout(r, 30));
        const [, delivered] = await Promise.all([s.sidecar.poller.tick(), resend()]);
        expect(delivered).toEqual({ status: 200, answer: 'OK' });
      }
      const paid = await payment(res.body.id);
      expect(paid.status).toBe('paid');
      // Both really arrived: the poll asked IntellectMoney, the webhook was answered OK.
      expect(await stateReads()).toBeGreaterThan(readsBefore);
      // A late duplicate is still answered OK and changes nothing.
      expect(await resend()).toEqual({ status: 200, answer: 'OK' });
      expect((await payment(res.body.id)).version).toBe(paid.version);
      await wp.waitFor(() => eventsOf(res.body.id).includes('paid'));
      await new Promise((r) => setTimeout(r, 150));
      expect(eventsOf(res.body.id)).toEqual(['pending', 'paid']);
      // Polling has ended with the final answer.
      await pollOnce();
      expect(await s.sidecar.store.claimDuePolls(Date.now() + 600_000, 100, 1)).not.toContainEqual(expect.objectContaining({ paymentId: res.body.id }));
    }
  });

  it('forged, foreign and contradicting webhooks are not answered OK and change nothing', async () => {
    const res = await create();
    const before = await payment(res.body.id);
    const forged = await postResult(notification(res.body, {}, 'not-the-secret'));
    expect(forged).toEqual({ status: 403, body: 'ERROR signature' });
    expect((await postResult(notification(res.body, { hash: '0'.repeat(32) }))).status).toBe(403);
    expect((await postResult(notification(res.body, { eshopId: '450124' }))).status).toBe(403);
    expect((await postResult('eshopId=450123&orderId=x')).status).toBe(403);

    const wrongAmount = await postResult(notification(res.body, { recipientAmount: '1.00' }));
    expect(wrongAmount).toEqual({ status: 409, body: 'ERROR amount_mismatch' });
    const wrongCurrency = await postResult(notification(res.body, { recipientCurrency: 'USD' }));
    expect(wrongCurrency.body).toBe('ERROR currency_mismatch');
    expect((await postResult(notification({ id: 'pay_doesnotexist0000', provider_payment_id: '3000000000' }))).status).toBe(404);

    const after = await payment(res.body.id);
    expect(after).toMatchObject({ status: 'pending', version: before.version });
    expect((await s.sidecar.store.listEvents(res.body.id)).map((e) => e.outcome)).toEqual(['rejected:amount_mismatch', 'rejected:currency_mismatch']);

    expect(await postResult(notification(res.body))).toEqual({ status: 200, body: 'OK' });
    expect((await payment(res.body.id)).status).toBe('paid');
  });

  it('a refund made in the IntellectMoney cabinet arrives as a notification and refunds the order', async () => {
    const res = await create();
    await decide(res.body.redirect_url, 'pay');
    expect(await postResult(notification(res.body, { paymentStatus: '8' }))).toEqual({ status: 200, body: 'OK' });
    expect(await payment(res.body.id)).toMatchObject({ status: 'refunded', refundedAmount: 123_450 });
  });

  it('the plugin relay gets the same answer, byte for byte', async () => {
    // The relay route is the default profile's: a test-mode payment is served there.
    const res = await create({ profile: 'default', test: true });
    const relay = await s.client.post('/v1/relay/callback/intellectmoney', {
      body_base64: Buffer.from(notification(res.body)).toString('base64'),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      ip: '203.0.113.7',
    });
    expect(relay.body).toEqual({ status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'OK' });
  });

  it('refund and cancel through the API are refused with a message for the admin', async () => {
    const providers = await s.client.get('/v1/providers');
    expect(providers.body.providers.find((p: { id: string }) => p.id === 'intellectmoney').capabilities).toMatchObject({ refund: false, cancel: false, twoStage: false, signedCallbacks: true });
    const res = await create();
    const cancel = await s.client.post(`/v1/payments/${res.body.id}/cancel`, {});
    expect(cancel.status).toBe(400);
    expect(cancel.body.error.message).toMatch(/IntellectMoney cabinet/);
    await decide(res.body.redirect_url, 'pay');
    const refund = await s.client.post(`/v1/payments/${res.body.id}/refunds`, { amount: 100 });
    expect(refund.status).toBe(400);
    expect(refund.body.error.code).toBe('not_supported');
  });

  it('the send-test-callback button is answered OK and changes nothing', async () => {
    const res = await s.client.post('/v1/providers/intellectmoney/test-callback', { profile: 'fast' });
    expect(res.body).toEqual({ ok: true, status: 200, body: 'OK' });
  });

  it('a provider outage is a shopper-safe 502; amounts below 10.00 RUB are refused up front', async () => {
    await control(sim, 'fail-next', { kind: 'operation' });
    const down = await create();
    expect(down.status).toBe(502);
    expect(down.body.error.message).toBe('The payment provider did not accept the request. Please try again later.');
    const tiny = await create({ amount: 999 });
    expect(tiny.status).toBe(400);
    expect(tiny.body.error.code).toBe('amount_out_of_range');
  });

  it('settings are checked naming the key; the plugin may call the token bearerToken', async () => {
    const put = (settings: Record<string, unknown>) => s.client.call('PUT', '/v1/providers/intellectmoney/config', { profile: 'checked', settings }, { idempotencyKey: null });
    const bad = await put(simSettings(sim, { eshopId: '1234567' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('settings.eshopId');
    const { signSecretKey: _omitted, ...withoutSign } = simSettings(sim);
    expect((await put(withoutSign)).body.error.field).toBe('settings.signSecretKey');
    expect((await put(simSettings(sim, { createWaitMs: 'soon' }))).body.error.field).toBe('settings.createWaitMs');
    const { token, ...rest } = simSettings(sim);
    expect((await put({ ...rest, bearerToken: token, inn: '7707083893', pollIntervalMs: '50', ipAddress: '' })).status).toBe(200);
    const listed = await s.client.get('/v1/providers');
    expect(JSON.stringify(listed.body)).not.toContain(SIMULATOR_SETTINGS.secretKey);
  });

  it('the payment can be read back with ?refresh=1 (asks IntellectMoney)', async () => {
    const res = await create();
    await control(sim, `invoices/${res.body.provider_payment_id}`, { step: 'Ok' });
    const refreshed = await s.client.get(`/v1/payments/${res.body.id}?refresh=1`);
    expect(refreshed.body.status).toBe('paid');
    await until(async () => eventsOf(res.body.id), (e) => e.includes('paid'));
  });
});
