import { randomUUID } from 'node:crypto';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, initBody, items, sleep, startKoshelek, type Koshelek } from './helpers.js';

// jsqr is CommonJS typed as an ES default export: take the function whichever way it arrives.
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsqr as unknown as { default?: Decode }).default ?? jsqr) as unknown as Decode;

let k: Koshelek;
beforeAll(async () => {
  k = await startKoshelek();
});
afterAll(async () => {
  await k.close();
});

describe('cashier payment through the sidecar API, against the simulator', () => {
  it('SBP: init → customer confirms → accepted with every slip field stored', async () => {
    const card = await k.sim.card();
    const init = await k.client.post(`${API}/payments`, initBody(card, { amount: 14_245, items: [...items(1_900, 'vat10'), { name: 'Печенье', article: 'B-2', price: 12_345, quantity: 1, totalAmount: 12_345, tax: 'vat20' }] }));
    expect(init.status).toBe(201);
    expect(init.body).toMatchObject({ status: 'new', paymentStatus: 'pending', final: false, amount: 14_245, paymentType: 'SBP', test: true });
    expect(init.body.requestId).toMatch(/^[0-9a-f-]{36}$/);

    await k.sim.confirm(init.body.transactionId);
    const paid = await k.client.get(`${API}/payments/${init.body.requestId}?wait=10000`);
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'accepted', paymentStatus: 'paid', final: true, nextPollInMs: 0 });
    const slip = paid.body.slip;
    expect(slip).toMatchObject({ paymentType: 'SBP', orderId: init.body.orderId, paymentTransactionId: init.body.transactionId, totalAmount: 14_245, merchantId: expect.any(String) });
    expect(slip.qrcId).toMatch(/^AS/);
    expect(slip.kzo).toEqual(expect.any(String));
    expect(slip.operationDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    // Every slip parameter is in the database, as received.
    const stored = await k.client.get(`${API}/slips/${slip.id}`);
    expect(stored.body.slip).toEqual(slip);
    expect(stored.body).toMatchObject({ op: 'payment', requestId: init.body.requestId, paymentId: init.body.id });

    // The plugin-facing payment agrees; the same id works with our id and Koshelek's transactionId.
    expect((await k.client.get(`/v1/payments/${init.body.id}`)).body).toMatchObject({ status: 'paid', provider: 'koshelek', provider_payment_id: init.body.transactionId });
    expect((await k.client.get(`${API}/payments/${init.body.transactionId}`)).body.id).toBe(init.body.id);

    // Final: no more calls to Koshelek.
    const calls = (await k.sim.stats()).requests.status;
    await k.client.get(`${API}/payments/${init.body.id}`);
    expect((await k.sim.stats()).requests.status).toBe(calls);
  });

  it('Dolyame via PDF417, DataMatrix and QR barcodes', async () => {
    for (const format of ['pdf417', 'dataMatrix', 'qr'] as const) {
      const card = await k.sim.card();
      const init = await k.client.post(`${API}/payments`, initBody(card, { barcode: card.payloads[format], barcodeFormat: format, paymentType: 'DOLYAME' }));
      expect(init.status).toBe(201);
      await k.sim.confirm(init.body.transactionId);
      const paid = await k.client.get(`${API}/payments/${init.body.requestId}?wait=10000`);
      expect(paid.body).toMatchObject({ status: 'accepted', paymentType: 'DOLYAME', slip: { paymentType: 'DOLYAME' } });
      expect(paid.body.slip.qrcId).toBeUndefined();
      const txn = await k.sim.transaction(init.body.transactionId);
      expect(txn.cardSession).toBe(card.cardSession);
    }
  });

  it("the test-mode card page shows a QR code the till's scanner reads into a payable card", async () => {
    const page = await request(`${k.baseUrl}/sim/koshelek/card`);
    const html = await page.body.text();
    const png = PNG.sync.read(Buffer.from(/src="data:image\/png;base64,([^"]+)"/.exec(html)![1]!, 'base64'));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)!.data;
    const card = await k.client.post(`${API}/barcodes/parse`, { barcode: decoded, barcodeFormat: 'qr' }, { idempotencyKey: null });
    expect(card.body).toMatchObject({ format: 'qr', koshelekPay: true, passwordValid: true, cardNumber: /data-testid="card">(\d+)</.exec(html)![1] });
    const init = await k.client.post(`${API}/payments`, { barcode: decoded, barcodeFormat: 'qr', orderId: 'qr-1', amount: 15_000, items: items(15_000), paymentType: 'SBP' });
    expect(init.status).toBe(201);
    await k.client.post(`${API}/payments/${init.body.id}/cancel`, {});
  });

  it('the customer declines: rejected, with the cashier instruction for the error code', async () => {
    const card = await k.sim.card();
    const init = await k.client.post(`${API}/payments`, initBody(card, { paymentType: 'DOLYAME' }));
    await k.sim.confirm(init.body.transactionId, 'rejected', 'NOT_ENOUGH_LIMIT_TO_PAY');
    const done = await k.client.get(`${API}/payments/${init.body.requestId}?wait=10000`);
    expect(done.body).toMatchObject({ status: 'rejected', paymentStatus: 'failed', final: true, errorCode: 'NOT_ENOUGH_LIMIT_TO_PAY' });
    expect(done.body.cashier.ru).toMatch(/лимит/i);
    expect(done.body.cashier.en).toMatch(/limit/i);
  });

  it('below 4 ₽ Koshelek declines at once (HTTP 200 + errorCode)', async () => {
    const card = await k.sim.card();
    const init = await k.client.post(`${API}/payments`, initBody(card, { amount: 399 }));
    expect(init.status).toBe(201);
    expect(init.body).toMatchObject({ status: 'rejected', paymentStatus: 'failed', errorCode: 'TOTAL_AMOUNT_IS_TOO_SMALL', cashier: { ru: expect.stringContaining('4 ₽') } });
  });

  it('a plain loyalty card (no TOTP data) is read, but cannot pay with Koshelek Pay', async () => {
    const card = await k.sim.card();
    const parsed = await k.client.post(`${API}/barcodes/parse`, { barcode: card.plain }, { idempotencyKey: null });
    expect(parsed.body).toEqual({ format: 'dataMatrix', cardNumber: card.cardNumber, koshelekPay: false, cardSession: null, passwordValid: null });
    const init = await k.client.post(`${API}/payments`, initBody(card, { barcode: card.plain }));
    expect(init.status).toBe(422);
    expect(init.body.error).toMatchObject({ code: 'card_without_koshelek_pay', field: 'barcode', cashier: { ru: expect.any(String), en: expect.any(String) } });
  });

  it("refuses a card whose one-time password is wrong, and a session Koshelek never issued", async () => {
    const card = await k.sim.card();
    const wrong = card.payloads.code128.slice(0, -3) + String((Number(card.password) + 1) % 1000).padStart(3, '0');
    const bad = await k.client.post(`${API}/payments`, initBody(card, { barcode: wrong }));
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('card_password_invalid');

    const requestId = randomUUID();
    const unknown = await k.client.post(`${API}/payments`, initBody(card, { requestId, barcode: undefined, cardSession: 'ZZZZZZ', loyaltyId: card.cardNumber }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'UNKNOWN_SESSION_ID', koshelek: { httpStatus: 422, code: 'UNKNOWN_SESSION_ID' }, retryable: false });
    expect(unknown.body.error.cashier.ru).toMatch(/отсканируйте/i);
    // Refused by Koshelek: the payment failed and the report row says why.
    const report = await k.client.get(`${API}/reports`);
    expect(report.body.rows.find((r: { requestId: string }) => r.requestId === requestId)).toMatchObject({ operation: 'payment', status: null, errorCode: 'UNKNOWN_SESSION_ID' });
  });

  it('one card session pays once: a second checkout is refused (in progress, then already paid)', async () => {
    const card = await k.sim.card();
    const first = await k.client.post(`${API}/payments`, initBody(card));
    const again = await k.client.post(`${API}/payments`, initBody(card));
    expect(again.body.error.code).toBe('TRANSACTION_FOR_SESSION_ID_ALREADY_EXISTS');
    await k.sim.confirm(first.body.transactionId);
    await k.client.get(`${API}/payments/${first.body.requestId}?wait=10000`);
    const third = await k.client.post(`${API}/payments`, initBody(card));
    expect(third.body.error.code).toBe('TRANSACTION_FOR_SESSION_ID_ALREADY_PAYED');
  });

  it('a repeated request (same Idempotency-Key, or same requestId) is one checkout at Koshelek', async () => {
    const card = await k.sim.card();
    const body = initBody(card);
    const before = (await k.sim.stats()).checkouts;
    const a = await k.client.post(`${API}/payments`, body, { idempotencyKey: 'till-7-receipt-42' });
    const b = await k.client.post(`${API}/payments`, body, { idempotencyKey: 'till-7-receipt-42' });
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.body).toEqual(a.body);
    const c = await k.client.post(`${API}/payments`, { ...body, requestId: a.body.requestId }, { idempotencyKey: 'another-key' });
    expect(c.body.transactionId).toBe(a.body.transactionId);
    expect((await k.sim.stats()).checkouts).toBe(before + 1);
    // The same requestId with another basket is refused instead of paying something else.
    const d = await k.client.post(`${API}/payments`, { ...body, requestId: a.body.requestId, amount: 16_000, items: items(16_000) });
    expect(d.body.error.code).toBe('request_id_reused');
  });

  it('checks the basket and the ENUM values before anything is sent', async () => {
    const card = await k.sim.card();
    const before = (await k.sim.stats()).requests.checkout ?? 0;
    const sum = await k.client.post(`${API}/payments`, initBody(card, { amount: 20_000, items: items(15_000) }));
    expect(sum.body.error).toMatchObject({ code: 'basket_mismatch', field: 'items' });
    const type = await k.client.post(`${API}/payments`, initBody(card, { paymentType: 'CRYPTO' }));
    expect(type.body.error).toMatchObject({ code: 'invalid_request', field: 'paymentType', cashier: { ru: expect.any(String) } });
    const tax = await k.client.post(`${API}/payments`, initBody(card, { items: items(15_000, 'vat18') }));
    expect(tax.body.error.field).toBe('items.0.tax');
    const missing = await k.client.post(`${API}/payments`, { orderId: 'x', amount: 100, items: items(100), paymentType: 'SBP' });
    expect(missing.body.error).toMatchObject({ code: 'invalid_request', field: 'barcode' });
    expect((await k.sim.stats()).requests.checkout ?? 0).toBe(before);
  });

  it('is not a web checkout: the plugin\'s create-payment call is refused clearly', async () => {
    const res = await k.client.post('/v1/payments', { provider: 'koshelek', order_id: 'web-1', amount: 15_000, description: 'Order', return_url: 'https://shop.example/ok' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'cashier_api_only', field: 'provider' });
  });

  it('a status request never polls faster than every 250 ms, even when the till asks constantly', async () => {
    const card = await k.sim.card();
    const init = await k.client.post(`${API}/payments`, initBody(card));
    await sleep(350);
    const before = (await k.sim.stats()).requests.status ?? 0;
    await Promise.all(Array.from({ length: 5 }, () => k.client.get(`${API}/payments/${init.body.requestId}`)));
    const after = (await k.sim.stats()).requests.status ?? 0;
    expect(after - before).toBe(1);
  });
});

describe('a live profile: first status call after polling.firstDelayMs, cancel after polling.tillWaitMs', () => {
  let short: Koshelek;
  beforeAll(async () => {
    short = await startKoshelek({ live: (base) => ({ ...liveSettings(base), polling: { firstDelayMs: 500, tillWaitMs: 1_000 } }) });
  });
  afterAll(async () => {
    await short.close();
  });

  it('does not ask Koshelek before the first 250–500 ms have passed', async () => {
    const card = await short.sim.card();
    const init = await short.client.post(`${API}/payments`, initBody(card));
    const early = await short.client.get(`${API}/payments/${init.body.requestId}`);
    expect(early.body.nextPollInMs).toBeGreaterThan(0);
    expect((await short.sim.stats()).requests.status ?? 0).toBe(0);
    await short.client.post(`${API}/payments/${init.body.requestId}/cancel`, {});
  });

  it('cancels automatically and tells the cashier', async () => {
    const card = await short.sim.card();
    const cancelsBefore = (await short.sim.stats()).cancels;
    const init = await short.client.post(`${API}/payments`, initBody(card));
    expect(init.body.test).toBe(false);
    const waited = await short.client.get(`${API}/payments/${init.body.requestId}?wait=10000`);
    expect(waited.body).toMatchObject({ status: 'canceled', paymentStatus: 'cancelled', final: true, cashier: { en: expect.stringMatching(/30 seconds/) } });
    expect((await short.sim.transaction(init.body.transactionId)).status).toBe('canceled');
    expect((await short.sim.stats()).cancels).toBe(cancelsBefore + 1);
  });
});

function liveSettings(base: string) {
  return { login: 'koshelek-sim', password: 'koshelek-sim-password', store: 'ac99f4c8-1a8e-4b60-8aeb-fe20220f1b99', terminal: 'TILL-9', baseUrlTest: `${base}/sim/koshelek`, baseUrlProduction: 'https://api.koshelek.app/', postbackLogin: 'koshelek-postback', postbackPassword: 'koshelek-postback-password', totp: { cashFingerPrint: Buffer.from('SIMULATED-CASH-SERVER;sidecar').toString('base64'), retailerKey: '6b6f7368656c656b2d73696d756c61746f722d6b6579', cardNumberLength: 13 } };
}

