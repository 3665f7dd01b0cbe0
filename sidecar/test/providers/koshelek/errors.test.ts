import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, initBody, items, paidPayment, simSettings, startKoshelek, type Koshelek } from './helpers.js';

/** A live profile on the built-in simulator, without automatic resends, so each failure reaches the till. */
let k: Koshelek;
beforeAll(async () => {
  k = await startKoshelek({ live: (base) => simSettings(base, { http: { retries: 0, timeoutMs: 300 } }) });
});
afterAll(async () => {
  await k.close();
});

const tried = async (failure: Record<string, unknown>) => {
  await k.sim.failNext({ op: 'checkout', ...failure });
  return k.client.post(`${API}/payments`, initBody(await k.sim.card()));
};

describe('every HTTP answer of the Pay API reaches the till as a clear, translated instruction', () => {
  const http: Array<[number, number, string, boolean]> = [
    [400, 502, 'HTTP_400', false],
    [401, 502, 'HTTP_401', false],
    [403, 502, 'HTTP_403', false],
    [404, 502, 'HTTP_404', false],
    [409, 502, 'HTTP_409', true],
    [429, 502, 'HTTP_429', true],
    [500, 502, 'HTTP_5XX', true],
    [502, 502, 'HTTP_5XX', true],
    [503, 502, 'HTTP_5XX', true],
    [504, 502, 'HTTP_5XX', true],
  ];
  for (const [koshelek, ours, code, retryable] of http) {
    it(`HTTP ${koshelek} → ${ours} ${code}`, async () => {
      const res = await tried({ status: koshelek, details: 'RAW-PROVIDER-TEXT' });
      expect(res.status).toBe(ours);
      expect(res.body.error).toMatchObject({ code, retryable, koshelek: { httpStatus: koshelek, code }, cashier: { ru: expect.any(String), en: expect.any(String) } });
      expect(res.body.error.cashier.ru).not.toBe(res.body.error.cashier.en);
      // Never the provider's raw text.
      expect(JSON.stringify(res.body)).not.toContain('RAW-PROVIDER-TEXT');
    });
  }

  const codes422 = [
    'UNKNOWN_SESSION_ID',
    'UNKNOWN_TRANSACTION_ID',
    'UNKNOWN_PARTNER_ID',
    'WRONG_TRANSACTION_STATE_CHANGE',
    'PAYMENT_TRANSACTION_IS_NOT_PAID',
    'CANCEL_REFUNDING_BY_BANK',
    'TRANSACTION_FOR_SESSION_ID_ALREADY_EXISTS',
    'TRANSACTION_FOR_SESSION_ID_ALREADY_PAYED',
  ];
  for (const code of codes422) {
    it(`HTTP 422 ${code} → 422 with its own cashier text`, async () => {
      const res = await tried({ status: 422, code, details: 'Описание ошибки' });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code, retryable: false, koshelek: { httpStatus: 422, code } });
      expect(res.body.error.cashier.en).not.toMatch(/^The operation failed/);
      expect(JSON.stringify(res.body)).not.toContain('Описание ошибки');
    });
  }

  it('HTTP 422 TRANSACTION_IN_PROCESSING → 409, safe to repeat with the same Idempotency-Key', async () => {
    await k.sim.failNext({ op: 'checkout', status: 422, code: 'TRANSACTION_IN_PROCESSING' });
    const body = initBody(await k.sim.card());
    const first = await k.client.post(`${API}/payments`, body, { idempotencyKey: 'in-processing-1' });
    expect(first.status).toBe(409);
    expect(first.body.error).toMatchObject({ code: 'TRANSACTION_IN_PROCESSING', retryable: true });
    const again = await k.client.post(`${API}/payments`, body, { idempotencyKey: 'in-processing-1' });
    expect(again.status).toBe(201);
  });

  it('no answer in time → 504 TIMEOUT; repeating the request finishes the same checkout', async () => {
    const before = await k.sim.stats();
    const body = initBody(await k.sim.card());
    await k.sim.failNext({ op: 'checkout', delayMs: 600, apply: true });
    const first = await k.client.post(`${API}/payments`, body, { idempotencyKey: 'slow-1' });
    expect(first.status).toBe(504);
    expect(first.body.error).toMatchObject({ code: 'TIMEOUT', retryable: true, cashier: { ru: expect.stringContaining('Повторить') } });
    const again = await k.client.post(`${API}/payments`, body, { idempotencyKey: 'slow-1' });
    expect(again.status).toBe(201);
    const after = await k.sim.stats();
    expect(after.checkouts - before.checkouts).toBe(1);
    expect(after.replays - before.replays).toBe(1);
  });

  it('Koshelek unreachable → 502 UNREACHABLE with a cashier text', async () => {
    await k.client.call('PUT', `${API}/config`, { profile: 'down', settings: simSettings(k.simBase, { baseUrlTest: 'http://127.0.0.1:9/nothing', http: { retries: 0 } }) }, { idempotencyKey: null });
    const res = await k.client.post(`${API}/payments`, initBody(await k.sim.card(), { profile: 'down' }));
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: 'UNREACHABLE', retryable: true, cashier: { en: expect.stringMatching(/cannot be reached/) } });
  });

  it('a wrong token (cash fingerprint or TOTP part) is refused by Koshelek: HTTP 401', async () => {
    const settings = simSettings(k.simBase, { http: { retries: 0 } });
    await k.client.call('PUT', `${API}/config`, { profile: 'forged', settings: { ...settings, totp: { ...(settings.totp as object), cashFingerPrint: 'U29tZW9uZSBlbHNl' } } }, { idempotencyKey: null });
    const res = await k.client.post(`${API}/payments`, initBody(await k.sim.card(), { profile: 'forged' }));
    expect(res.body.error).toMatchObject({ code: 'HTTP_401', koshelek: { httpStatus: 401 } });
  });

  it('a status call failing with 422 reaches the till the same way', async () => {
    const card = await k.sim.card();
    const init = await k.client.post(`${API}/payments`, initBody(card));
    await k.sim.failNext({ op: 'status', status: 422, code: 'UNKNOWN_TRANSACTION_ID' });
    const res = await k.client.get(`${API}/payments/${init.body.requestId}?wait=2000`);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'UNKNOWN_TRANSACTION_ID', cashier: { en: expect.stringMatching(/right receipt/) } });
  });
});

describe('refunds Koshelek refuses (HTTP 200, refStatus rejected + errorCode)', () => {
  const refusals = [
    'PAYMENT_TRANSACTION_IS_NOT_PAID',
    'TERMINAL_STATE_OF_PAYMENT_TRANSACTION',
    'PAYMENT_TRANSACTION_IS_BEING_REFUNDED_ALREADY',
    'REQUESTED_REFUND_AMOUNT_IS_GREATER_THAN_AVAILABLE',
    'EXTERNAL_PROVIDER_ERROR',
    'UNEXPECTED_REFUND_AMOUNT_LEFT_FROM_EXTERNAL_PROVIDER',
  ];
  it('each code: 422 with its instruction, nothing refunded, the refusal in the report', async () => {
    const paid = await paidPayment(k);
    for (const code of refusals) {
      await k.sim.mode({ nextRefundError: code });
      const res = await k.client.post(`${API}/payments/${paid.id}/refunds`, { amount: 1_000, items: items(1_000) });
      expect(res.status, code).toBe(422);
      expect(res.body.error).toMatchObject({ code, koshelek: { httpStatus: 200, code }, cashier: { ru: expect.any(String), en: expect.any(String) } });
      expect(res.body.error.cashier.en).not.toMatch(/^The operation failed/);
    }
    const payment = await k.client.get(`${API}/payments/${paid.id}`);
    expect(payment.body).toMatchObject({ paymentStatus: 'paid', refundedAmount: 0 });
    expect(payment.body.refunds.map((r: { status: string }) => r.status)).toEqual(refusals.map(() => 'failed'));
    const report = await k.client.get(`${API}/reports`);
    const rows = report.body.rows.filter((r: { paymentId: string; operation: string }) => r.paymentId === paid.id && r.operation === 'refund');
    expect(rows.map((r: { errorCode: string }) => r.errorCode).sort()).toEqual([...refusals].sort());
    expect((await k.sim.transaction(paid.transactionId)).refunded).toBe(0);
  });
});
