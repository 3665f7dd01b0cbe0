import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcess, type Running } from '../../helpers/in-process.js';
import { submitPage } from './helpers.js';

// jsqr is CommonJS typed as an ES default export: take the function whichever way it arrives.
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsqr as unknown as { default?: Decode }).default ?? jsqr) as unknown as Decode;

let s: Running;
beforeAll(async () => {
  s = await startInProcess({ wpEventsUrl: undefined });
});
afterAll(async () => {
  await s.close();
});

function linkBody(overrides: Record<string, unknown> = {}) {
  return {
    order_id: String(Math.floor(Math.random() * 1e9)),
    amount: 2_499_990,
    description: 'Заказ в магазине, касса 2',
    return_url: 'https://shop.example/thanks',
    customer: { phone: '+79990000000' },
    ...overrides,
  };
}

const control = (path: string, body: unknown) =>
  request(`${s.baseUrl}/sim/sber/control/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.body.json());

function decodeQr(pngBase64: string): string | null {
  const png = PNG.sync.read(Buffer.from(pngBase64, 'base64'));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

describe('offline payment links (admin / till)', () => {
  it('creates the payment and returns the link, a QR code that decodes back to it, and a ready SMS', async () => {
    const res = await s.client.post('/v1/providers/sber/offline-links', linkBody({ lang: 'en' }));
    expect(res.status).toBe(201);
    const { payment, paymentUrl, qrSvg, qrPngBase64, smsText, lang, expiresAt } = res.body;
    expect(payment).toMatchObject({ provider: 'sber', status: 'pending', amount: 2_499_990, redirect_url: paymentUrl });
    expect(paymentUrl).toContain('/sim/sber/payment/merchants/');
    expect(decodeQr(qrPngBase64)).toBe(paymentUrl);
    expect(qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(smsText).toBe(`Order #${payment.order_id}: RUB 24,999.90. Pay in parts with Sber «Плати частями»: ${paymentUrl}`);
    expect(lang).toBe('en');
    // Default lifetime 72 hours, and the gateway's page lives as long.
    expect(Date.parse(expiresAt) - Date.parse(payment.created_at)).toBe(72 * 3_600_000);
    const order = (await request(`${s.baseUrl}/sim/sber/control/orders/${payment.provider_payment_id}`).then((r) => r.body.json())) as { sessionTimeoutMs: number; bnpl: boolean };
    expect(order).toMatchObject({ sessionTimeoutMs: 72 * 3_600_000, bnpl: true });
  });

  it('writes the SMS in Russian by default and honours a shorter lifetime', async () => {
    const res = await s.client.post('/v1/providers/sber/offline-links', linkBody({ link_ttl_hours: 2 }));
    expect(res.body.smsText).toBe(`Заказ №${res.body.payment.order_id}: 24 999,90 ₽. Оплата частями через «Плати частями» от Сбера: ${res.body.paymentUrl}`);
    expect(Date.parse(res.body.expiresAt) - Date.parse(res.body.payment.created_at)).toBe(2 * 3_600_000);
  });

  it('is idempotent: the same key gives the same answer and one payment', async () => {
    const body = linkBody();
    const first = await s.client.post('/v1/providers/sber/offline-links', body, { idempotencyKey: 'till-2-order-77' });
    const again = await s.client.post('/v1/providers/sber/offline-links', body, { idempotencyKey: 'till-2-order-77' });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await s.client.post('/v1/providers/sber/offline-links', { ...body, amount: 100_000 }, { idempotencyKey: 'till-2-order-77' });
    expect(other.status).toBe(422);
  });

  it('the admin screen sees the status change live when the buyer pays', async () => {
    const { body } = await s.client.post('/v1/providers/sber/offline-links', linkBody());
    const path = `/v1/providers/sber/offline-links/${body.payment.id}`;
    expect((await s.client.get(path)).body).toMatchObject({ status: 'pending', offline: true, expired: false, paymentUrl: body.paymentUrl });
    await submitPage(body.paymentUrl, 'pay');
    expect((await s.client.get(path)).body).toMatchObject({ status: 'paid', payment: { status: 'paid' } });
    expect((await s.client.get(`${path}?refresh=1`)).body.status).toBe('paid');
  });

  it('bad input is refused naming the field; unknown payments are 404; unsigned calls 401', async () => {
    const negative = await s.client.post('/v1/providers/sber/offline-links', linkBody({ amount: -5 }));
    expect(negative.status).toBe(400);
    expect(negative.body.error).toMatchObject({ code: 'invalid_request', field: 'amount' });
    const lang = await s.client.post('/v1/providers/sber/offline-links', linkBody({ lang: 'de' }));
    expect(lang.body.error.field).toBe('lang');
    const provider = await s.client.post('/v1/providers/sber/offline-links', linkBody({ provider: 'toy' }));
    expect(provider.body.error.field).toBe('provider');
    expect((await s.client.get('/v1/providers/sber/offline-links/pay_doesnotexist000')).status).toBe(404);
    const unsigned = await request(`${s.baseUrl}/v1/providers/sber/offline-links`, { method: 'POST', body: JSON.stringify(linkBody()), headers: { 'content-type': 'application/json' } });
    expect(unsigned.statusCode).toBe(401);
  });

  it('a refusal by Sber is explained to the cashier in both languages', async () => {
    await control('fail-next', { errorCode: '5', errorMessage: 'Доступ запрещён' });
    const res = await s.client.post('/v1/providers/sber/offline-links', linkBody());
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: 'sber_access_denied', message_ru: expect.stringContaining('логин'), message_en: expect.stringContaining('login') });
  });
});
