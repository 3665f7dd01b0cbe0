import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, initBody, items, paidPayment, simSettings, standaloneSim, startKoshelek, type Koshelek } from './helpers.js';

/**
 * Koshelek's methods are idempotent by requestId: a request whose answer was lost is sent again
 * with the same requestId. These tests lose answers on purpose (the simulator applies the
 * operation, then answers after our timeout) and count what happened at Koshelek.
 */
describe('a lost answer, then a retry: exactly one refund', () => {
  let k: Koshelek;
  beforeAll(async () => {
    k = await startKoshelek({ live: (base) => simSettings(base, { http: { retries: 0, timeoutMs: 300 } }) });
  });
  afterAll(async () => {
    await k.close();
  });

  it('the till repeats the request (same Idempotency-Key): same requestId, one refund at Koshelek', async () => {
    const paid = await paidPayment(k);
    const before = await k.sim.stats();
    await k.sim.failNext({ op: 'refund', delayMs: 700, apply: true });
    const lost = await k.client.post(`${API}/payments/${paid.id}/refunds`, { amount: 5_000, items: items(5_000) }, { idempotencyKey: 'till-3-refund-77' });
    expect(lost.status).toBe(504);
    expect(lost.body.error).toMatchObject({ code: 'TIMEOUT', retryable: true });
    // Koshelek did refund; we do not know it yet, and say so.
    expect((await k.sim.stats()).refunds).toBe(before.refunds + 1);
    const meanwhile = await k.client.get(`${API}/payments/${paid.id}`);
    expect(meanwhile.body.refunds).toEqual([expect.objectContaining({ amount: 5_000, status: 'pending' })]);

    const retried = await k.client.post(`${API}/payments/${paid.id}/refunds`, { amount: 5_000, items: items(5_000) }, { idempotencyKey: 'till-3-refund-77' });
    expect(retried.status).toBe(201);
    expect(retried.body.refund).toMatchObject({ amount: 5_000, status: 'succeeded' });
    expect(retried.body.payment).toMatchObject({ paymentStatus: 'partially_refunded', refundedAmount: 5_000 });

    const after = await k.sim.stats();
    expect(after.refunds).toBe(before.refunds + 1);
    expect(after.replays).toBe(before.replays + 1);
    const txn = await k.sim.transaction(paid.transactionId);
    expect(txn.refunded).toBe(5_000);
    expect(txn.refs).toHaveLength(1);

    // Once more with the same key: the stored answer, Koshelek is not asked.
    const third = await k.client.post(`${API}/payments/${paid.id}/refunds`, { amount: 5_000, items: items(5_000) }, { idempotencyKey: 'till-3-refund-77' });
    expect(third.headers['idempotent-replayed']).toBe('true');
    // A new key but the same Pay API requestId: our ledger answers, Koshelek is not asked.
    const requestId = retried.body.refund.requestId;
    const sameRequest = await k.client.post(`${API}/payments/${paid.id}/refunds`, { requestId, amount: 5_000, items: items(5_000) }, { idempotencyKey: 'another-key' });
    expect(sameRequest.status).toBe(201);
    expect((await k.sim.stats()).requests.refund).toBe(after.requests.refund);
    expect((await k.client.get(`/v1/payments/${paid.id}`)).body.refunded_amount).toBe(5_000);
  });

  it('the sidecar resends by itself (http.retries): one till call, one refund', async () => {
    await k.client.call('PUT', `${API}/config`, { profile: 'resend', settings: simSettings(k.simBase, { http: { retries: 2, timeoutMs: 300, retryDelayMs: 10 } }) }, { idempotencyKey: null });
    const paid = await paidPayment(k, { profile: 'resend' });
    const before = await k.sim.stats();
    await k.sim.failNext({ op: 'refund', delayMs: 700, apply: true });
    const refund = await k.client.post(`${API}/payments/${paid.id}/refunds`, { amount: paid.amount });
    expect(refund.status).toBe(201);
    expect(refund.body.payment.paymentStatus).toBe('refunded');
    const after = await k.sim.stats();
    expect(after.refunds - before.refunds).toBe(1);
    expect((after.requests.refund ?? 0) - (before.requests.refund ?? 0)).toBe(2);
    expect(after.replays - before.replays).toBe(1);
  });

  it('a checkout whose answer was lost is one transaction after the retry', async () => {
    const card = await k.sim.card();
    const body = initBody(card);
    const before = await k.sim.stats();
    await k.sim.failNext({ op: 'checkout', delayMs: 700, apply: true });
    expect((await k.client.post(`${API}/payments`, body, { idempotencyKey: 'checkout-lost' })).status).toBe(504);
    const retried = await k.client.post(`${API}/payments`, body, { idempotencyKey: 'checkout-lost' });
    expect(retried.status).toBe(201);
    expect((await k.sim.stats()).checkouts).toBe(before.checkouts + 1);
  });
});

describe('a retried checkout does not check the card again', () => {
  it('the one-time password may expire while the answer is awaited: the retry still goes through', async () => {
    const fast = (base: string) => simSettings(base, { totp: { ...(simSettings(base).totp as object), timeIntervalSec: 1, window: 1 }, http: { retries: 0, timeoutMs: 300 } });
    const sim = await standaloneSim({ totp: fast('http://placeholder').totp, postbackUrl: undefined });
    const k = await startKoshelek({ live: () => fast(sim.base) });
    try {
      const card = await sim.sim.card();
      const body = initBody(card);
      await sim.sim.failNext({ op: 'checkout', delayMs: 600, apply: true });
      expect((await k.client.post(`${API}/payments`, body, { idempotencyKey: 'slow-checkout' })).status).toBe(504);
      await new Promise((r) => setTimeout(r, 3_100));
      // A new attempt with this card would be refused now…
      expect((await k.client.post(`${API}/payments`, body)).body.error.code).toBe('card_password_invalid');
      // …the retry of the request already sent is not.
      const retried = await k.client.post(`${API}/payments`, body, { idempotencyKey: 'slow-checkout' });
      expect(retried.status).toBe(201);
      expect((await sim.sim.stats()).checkouts).toBe(1);
    } finally {
      await k.close();
      await sim.close();
    }
  });
});

describe('idempotency survives a restart of the sidecar', () => {
  it('refund sent, sidecar gone before the answer, restarted: the retry resends the same requestId', async () => {
    const sim = await standaloneSim({ postbackUrl: undefined });
    const databasePath = join(mkdtempSync(join(tmpdir(), 'rup-koshelek-')), 'db.sqlite');
    const live = () => simSettings(sim.base, { http: { retries: 0, timeoutMs: 300 } });
    let k = await startKoshelek({ live, databasePath });
    try {
      const card = await sim.sim.card();
      const init = await k.client.post(`${API}/payments`, initBody(card));
      await sim.sim.confirm(init.body.transactionId);
      await k.client.get(`${API}/payments/${init.body.requestId}?wait=10000`);
      await sim.sim.failNext({ op: 'refund', delayMs: 700, apply: true });
      const lost = await k.client.post(`${API}/payments/${init.body.id}/refunds`, { amount: 15_000 }, { idempotencyKey: 'refund-before-crash' });
      expect(lost.status).toBe(504);
      await k.close();

      k = await startKoshelek({ live, databasePath });
      const retried = await k.client.post(`${API}/payments/${init.body.id}/refunds`, { amount: 15_000 }, { idempotencyKey: 'refund-before-crash' });
      expect(retried.status).toBe(201);
      expect(retried.body.payment).toMatchObject({ paymentStatus: 'refunded', refundedAmount: 15_000 });
      const stats = await sim.sim.stats();
      expect(stats.refunds).toBe(1);
      expect(stats.requests.refund).toBe(2);
      expect(stats.replays).toBe(1);
    } finally {
      await k.close();
      await sim.close();
    }
  });
});
