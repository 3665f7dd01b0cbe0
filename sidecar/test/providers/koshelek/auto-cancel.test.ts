import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, initBody, simSettings, sleep, startKoshelek, type Koshelek } from './helpers.js';

/**
 * The automatic cancels of the Pay API requirements: after X failed checkout/status attempts in a
 * row (X configurable), and after the till's wait even when the till stopped asking.
 */
let k: Koshelek;
beforeAll(async () => {
  k = await startKoshelek({ live: (base) => simSettings(base, { http: { retries: 0, timeoutMs: 300 }, polling: { tillWaitMs: 600, cancelAfterFailedAttempts: 2 } }) });
});
afterAll(async () => {
  await k.close();
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, limitMs = 10_000): Promise<T> {
  const stop = Date.now() + limitMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > stop) return value;
    await sleep(50);
  }
}

describe('automatic cancel', () => {
  it('after X failed status attempts in a row the payment is cancelled and the till is told', async () => {
    const init = await k.client.post(`${API}/payments`, initBody(await k.sim.card()));
    expect(init.status).toBe(201);
    await k.sim.failNext({ op: 'status', status: 503, times: 2 });
    const first = await k.client.get(`${API}/payments/${init.body.requestId}?refresh=1&wait=2000`);
    expect(first.body.error).toMatchObject({ code: 'HTTP_5XX', retryable: true });
    const second = await k.client.get(`${API}/payments/${init.body.requestId}?refresh=1&wait=2000`);
    expect(second.body.error).toMatchObject({ code: 'payment_cancelled_after_failures', cashier: { ru: expect.stringMatching(/отменена/) } });
    expect((await k.sim.transaction(init.body.transactionId)).status).toBe('canceled');
    const view = await k.client.get(`${API}/payments/${init.body.requestId}`);
    expect(view.body).toMatchObject({ status: 'canceled', paymentStatus: 'cancelled' });
  });

  it('a checkout that never got an answer X times: resent once with the same requestId, then cancelled (one transaction)', async () => {
    const requestId = randomUUID();
    const body = initBody(await k.sim.card(), { requestId });
    const checkoutsBefore = (await k.sim.stats()).checkouts;
    await k.sim.failNext({ op: 'checkout', delayMs: 450, apply: true });
    const first = await k.client.post(`${API}/payments`, body, { idempotencyKey: `ac-${requestId}` });
    expect(first.body.error.code).toBe('TIMEOUT');
    await k.sim.failNext({ op: 'checkout', status: 502 });
    const second = await k.client.post(`${API}/payments`, body, { idempotencyKey: `ac-${requestId}` });
    expect(second.body.error.code).toBe('payment_cancelled_after_failures');
    expect((await k.sim.stats()).checkouts).toBe(checkoutsBefore + 1);
    const view = await k.client.get(`${API}/payments/${requestId}`);
    expect(view.body).toMatchObject({ status: 'canceled', paymentStatus: 'cancelled', transactionId: expect.any(String) });
    expect((await k.sim.transaction(view.body.transactionId)).status).toBe('canceled');
  });

  it('cancels when the till stops asking: no status call after the checkout, cancelled after the till wait', async () => {
    const init = await k.client.post(`${API}/payments`, initBody(await k.sim.card()));
    expect(init.status).toBe(201);
    const txn = await until(() => k.sim.transaction(init.body.transactionId), (t) => t.status === 'canceled');
    expect(txn.status).toBe('canceled');
    const stored = await until(() => k.sidecar.store.getPayment(init.body.id), (p) => p?.status === 'cancelled');
    expect(stored?.status).toBe('cancelled');
  });

  it('a payment the customer confirmed in time is left alone', async () => {
    const init = await k.client.post(`${API}/payments`, initBody(await k.sim.card()));
    await k.sim.confirm(init.body.transactionId);
    const paid = await k.client.get(`${API}/payments/${init.body.requestId}?wait=5000`);
    expect(paid.body, JSON.stringify(paid.body)).toMatchObject({ status: 'accepted' });
    await sleep(800);
    expect((await k.sim.transaction(init.body.transactionId)).status).toBe('accepted');
  });
});
