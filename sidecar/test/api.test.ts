import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBody, startInProcess, type Running } from './helpers/in-process.js';

let s: Running;
beforeAll(async () => {
  s = await startInProcess();
});
afterAll(async () => {
  await s.close();
});

async function simState(paymentProviderId: string) {
  const res = await request(`${s.baseUrl}/sim/toy/control/payments/${paymentProviderId}`);
  return (await res.body.json()) as { status: string; notifications: unknown[]; refunded_amount: string };
}

async function payOnSimulator(providerId: string, action: 'pay' | 'fail' = 'pay') {
  const res = await request(`${s.baseUrl}/sim/toy/pay/${providerId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `action=${action}`,
  });
  await res.body.dump();
  return res.statusCode;
}

describe('health', () => {
  it('answers liveness and readiness without a signature', async () => {
    expect((await (await request(`${s.baseUrl}/healthz`)).body.json())).toEqual({ ok: true });
    expect((await (await request(`${s.baseUrl}/readyz`)).body.json())).toEqual({ ok: true, store: 'ok' });
  });

  it('answers the signed readiness check with version and providers', async () => {
    const res = await s.client.get('/v1/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, store: 'ok' });
    expect(res.body.providers).toContain('toy');
    expect(res.body.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('authentication', () => {
  it('rejects a request without signature headers', async () => {
    const res = await request(`${s.baseUrl}/v1/readyz`);
    expect(res.statusCode).toBe(401);
    expect(((await res.body.json()) as any).error.code).toBe('unauthorized');
  });

  it('rejects a forged signature and creates nothing', async () => {
    const body = createBody({ order_id: 'forged-1' });
    const res = await s.client.post('/v1/payments', body, { secret: 'another-secret-of-enough-length-000000' });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/Signature/);
  });

  it('rejects a body changed after signing', async () => {
    const headers = s.client.sign('POST', '/v1/payments', JSON.stringify(createBody({ amount: 100 })));
    const res = await request(`${s.baseUrl}/v1/payments`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': 'tamper-1' },
      body: JSON.stringify(createBody({ amount: 100_000_00 })),
    });
    expect(res.statusCode).toBe(401);
  });

  it('rejects a stale timestamp (skew > 5 minutes) either way', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await s.client.get('/v1/readyz', { timestamp: now - 301 })).status).toBe(401);
    expect((await s.client.get('/v1/readyz', { timestamp: now + 301 })).status).toBe(401);
    expect((await s.client.get('/v1/readyz', { timestamp: now - 290 })).status).toBe(200);
  });

  it('rejects a replayed nonce and the replay changes nothing', async () => {
    const body = createBody({ order_id: 'replay-1' });
    const first = await s.client.post('/v1/payments', body, { nonce: 'replayed-nonce-000001', idempotencyKey: 'replay-a' });
    expect(first.status).toBe(201);
    const replay = await s.client.post('/v1/payments', body, { nonce: 'replayed-nonce-000001', idempotencyKey: 'replay-b' });
    expect(replay.status).toBe(401);
    expect(replay.body.error.message).toMatch(/Nonce/);
    expect(await s.sidecar.store.findPaymentByIdempotencyKey('replay-b')).toBeNull();
  });

  it('signs the query string too', async () => {
    const headers = s.client.sign('GET', '/v1/readyz', '');
    const res = await request(`${s.baseUrl}/v1/readyz?x=1`, { headers });
    expect(res.statusCode).toBe(401);
  });
});

describe('validation', () => {
  it('names the bad field', async () => {
    const res = await s.client.post('/v1/payments', createBody({ amount: 10.5 }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', field: 'amount' });
    const nested = await s.client.post('/v1/payments', createBody({ customer: { email: 'not-an-email' } }));
    expect(nested.body.error.field).toBe('customer.email');
    const unknown = await s.client.post('/v1/payments', createBody({ surprise: 1 }));
    expect(unknown.status).toBe(400);
  });

  it('requires an Idempotency-Key on mutating calls', async () => {
    const res = await s.client.post('/v1/payments', createBody(), { idempotencyKey: null });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'idempotency_key_required', field: 'Idempotency-Key' });
  });

  it('rejects invalid JSON with a clear error', async () => {
    const body = '{"provider":';
    const headers = s.client.sign('POST', '/v1/payments', body);
    const res = await request(`${s.baseUrl}/v1/payments`, { method: 'POST', headers: { ...headers, 'idempotency-key': 'bad-json' }, body });
    expect(res.statusCode).toBe(400);
    expect(((await res.body.json()) as any).error.code).toBe('invalid_json');
  });

  it('rejects an unknown provider', async () => {
    const res = await s.client.post('/v1/payments', createBody({ provider: 'nope' }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'unknown_provider', field: 'provider' });
  });

  it('answers 404 for an unknown payment', async () => {
    const res = await s.client.get('/v1/payments/pay_doesnotexist000');
    expect(res.status).toBe(404);
  });
});

describe('payments', () => {
  it('creates a payment at the provider and returns the redirect URL', async () => {
    const res = await s.client.post('/v1/payments', createBody({ order_id: '1001', amount: 123_45 }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ order_id: '1001', provider: 'toy', status: 'pending', amount: 12345, currency: 'RUB' });
    expect(res.body.redirect_url).toContain('/sim/toy/pay/');
    expect(res.headers['server-timing']).toMatch(/^provider;dur=/);
    // The simulator received rubles: the edge converts.
    const sim = await request(`${s.baseUrl}/sim/toy/control/payments/${res.body.provider_payment_id}`);
    expect(((await sim.body.json()) as any).amount).toBe('123.45');
  });

  it('same Idempotency-Key → same answer, one provider payment', async () => {
    const body = createBody({ order_id: '1002' });
    const a = await s.client.post('/v1/payments', body, { idempotencyKey: 'order-1002-attempt-1' });
    const b = await s.client.post('/v1/payments', body, { idempotencyKey: 'order-1002-attempt-1' });
    expect(b.status).toBe(a.status);
    expect(b.body).toEqual(a.body);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.headers['server-timing']).toBeUndefined();
    const other = await s.client.post('/v1/payments', { ...body, amount: 1 }, { idempotencyKey: 'order-1002-attempt-1' });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
  });

  it('concurrent requests with one key reach the provider once', async () => {
    const body = createBody({ order_id: '1003' });
    const answers = await Promise.all(Array.from({ length: 5 }, () => s.client.post('/v1/payments', body, { idempotencyKey: 'order-1003-attempt-1' })));
    const created = answers.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.provider_payment_id)).size).toBe(1);
    for (const r of answers.filter((x) => x.status !== 201)) expect(r.body.error.code).toBe('idempotency_in_progress');
  });

  it('pays on the simulator page, callback moves the payment to paid', async () => {
    const created = await s.client.post('/v1/payments', createBody({ order_id: '1004' }));
    expect(await payOnSimulator(created.body.provider_payment_id)).toBe(303);
    const res = await s.client.get(`/v1/payments/${created.body.id}`);
    expect(res.body).toMatchObject({ status: 'paid', captured_amount: 150_000 });
  });

  it('refresh=1 reads the status from the provider', async () => {
    const created = await s.client.post('/v1/payments', createBody({ order_id: '1005' }));
    const res = await s.client.get(`/v1/payments/${created.body.id}?refresh=1`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('pending');
  });

  it('cancels an unpaid payment, refuses to cancel a paid one', async () => {
    const a = await s.client.post('/v1/payments', createBody({ order_id: '1006' }));
    const cancelled = await s.client.post(`/v1/payments/${a.body.id}/cancel`, {});
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await simState(a.body.provider_payment_id)).status).toBe('canceled');

    const b = await s.client.post('/v1/payments', createBody({ order_id: '1007' }));
    await payOnSimulator(b.body.provider_payment_id);
    const refused = await s.client.post(`/v1/payments/${b.body.id}/cancel`, {});
    expect(refused.status).toBe(409);
  });

  it('refunds partially then fully; a retried refund does not refund twice', async () => {
    const p = await s.client.post('/v1/payments', createBody({ order_id: '1008', amount: 10_000 }));
    await payOnSimulator(p.body.provider_payment_id);

    const r1 = await s.client.post(`/v1/payments/${p.body.id}/refunds`, { amount: 3_000 }, { idempotencyKey: 'refund-1008-1' });
    expect(r1.status).toBe(201);
    expect(r1.body.refund).toMatchObject({ amount: 3_000, status: 'succeeded' });
    expect(r1.body.payment).toMatchObject({ status: 'partially_refunded', refunded_amount: 3_000 });

    const again = await s.client.post(`/v1/payments/${p.body.id}/refunds`, { amount: 3_000 }, { idempotencyKey: 'refund-1008-1' });
    expect(again.body).toEqual(r1.body);
    expect((await simState(p.body.provider_payment_id)).refunded_amount).toBe('30.00');

    const tooMuch = await s.client.post(`/v1/payments/${p.body.id}/refunds`, { amount: 7_001 });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error).toMatchObject({ code: 'amount_too_large', field: 'amount' });

    const r2 = await s.client.post(`/v1/payments/${p.body.id}/refunds`, { amount: 7_000 }, { idempotencyKey: 'refund-1008-2' });
    expect(r2.body.payment).toMatchObject({ status: 'refunded', refunded_amount: 10_000 });
    expect((await simState(p.body.provider_payment_id)).status).toBe('refunded');
  });

  it('does not refund an unpaid payment', async () => {
    const p = await s.client.post('/v1/payments', createBody({ order_id: '1009' }));
    const res = await s.client.post(`/v1/payments/${p.body.id}/refunds`, { amount: 100 });
    expect(res.status).toBe(409);
  });

  it('hides the provider error from the caller', async () => {
    await request(`${s.baseUrl}/sim/toy/control/fail-next`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 400, code: 'merchant_blocked', message: 'Merchant 42 is blocked by risk team' }),
    });
    const body = createBody({ order_id: '1010' });
    const res = await s.client.post('/v1/payments', body, { idempotencyKey: 'order-1010-attempt-1' });
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('provider_error');
    expect(JSON.stringify(res.body)).not.toMatch(/merchant|blocked|risk|HTTP/i);
    // The failed attempt freed its key: the same key retries and reuses the same payment row.
    const retry = await s.client.post('/v1/payments', body, { idempotencyKey: 'order-1010-attempt-1' });
    expect(retry.status).toBe(201);
    expect(retry.body.status).toBe('pending');
  });

  it('lists providers with capabilities', async () => {
    const res = await s.client.get('/v1/providers');
    expect(res.body.providers).toContainEqual(expect.objectContaining({ id: 'toy', configured: false, simulated: true, callback_url: `${s.baseUrl}/callbacks/toy`, capabilities: expect.objectContaining({ partialRefund: true }) }));
  });
});

describe('basket and payer', () => {
  it('validates the payer and names the field', async () => {
    const bad = await s.client.post('/v1/payments', createBody({ payer: { type: 'organization', name: 'ООО', inn: '7707083894', kpp: '773601001', legal_address: 'Москва' } }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('payer.inn');
    const kppForSoleTrader = await s.client.post('/v1/payments', createBody({ payer: { type: 'entrepreneur', name: 'ИП', inn: '500100732259', kpp: '773601001', legal_address: 'Москва' } }));
    expect(kppForSoleTrader.status).toBe(400);
    const ok = await s.client.post('/v1/payments', createBody({ payer: { type: 'organization', name: 'ООО «Ромашка»', inn: '7707083893', kpp: '773601001', legal_address: 'Москва' } }));
    expect(ok.status).toBe(201);
  });

  it('stores the normalized basket with the payment', async () => {
    const res = await s.client.post('/v1/payments', createBody({ amount: 1_000, items: [{ name: 'Pen', quantity: 3, amount: 1_000 }] }));
    expect(res.status).toBe(201);
    const stored = await s.sidecar.store.getPayment(res.body.id);
    expect(stored!.details.items!.map((i) => [i.quantity, i.price])).toEqual([[2, 333], [1, 334]]);
  });

  it('refuses a basket that cannot add up', async () => {
    const res = await s.client.post('/v1/payments', createBody({ amount: 10_000, items: [{ name: 'Pen', quantity: 1, amount: 100 }] }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'basket_mismatch', field: 'items' });
  });
});

