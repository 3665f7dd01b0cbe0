import { readFileSync } from 'node:fs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasketItem, normalizeBasket } from '../../../src/core/basket.js';
import { SberProvider } from '../../../src/providers/sber/provider.js';
import { SberConfig } from '../../../src/providers/sber/schemas.js';
import { checkString } from '../../../src/providers/sber/signature.js';
import { SberWebhook } from '../../../src/providers/sber/webhook.js';
import type { RawCallback } from '../../../src/providers/types.js';
import type { PaymentRecord } from '../../../src/store/types.js';
import { formNames, formOf, Recorder } from '../recorder.js';

interface SymmetricCase {
  params: Record<string, string>;
  checkString: string;
  checksumComputed: string;
}
const callbacks = JSON.parse(readFileSync(new URL('./callbacks.json', import.meta.url), 'utf8'));
const symmetricCases: SymmetricCase[] = callbacks.symmetric.cases;
const answers = JSON.parse(readFileSync(new URL('./gateway-answers.json', import.meta.url), 'utf8'));

const raw = (query: Record<string, string>): RawCallback => ({ method: 'GET', headers: {}, query, body: Buffer.alloc(0), ip: '127.0.0.1', profile: 'default' });

describe('Sber callbacks from public examples', () => {
  const symmetric = new SberWebhook(SberConfig.parse({ userName: 'u-api', password: 'p', callbackKey: callbacks.symmetric.key }));
  const asymmetric = new SberWebhook(SberConfig.parse({ userName: 'u-api', password: 'p', callbackPublicKey: callbacks.asymmetric.publicKeyPem }));

  it.each(symmetricCases)('builds the published check string and accepts its HMAC ($checkString)', (c) => {
    expect(checkString(c.params)).toBe(c.checkString);
    expect(symmetric.verify(raw({ ...c.params, checksum: c.checksumComputed }))).toBe('unverifiable');
    expect(symmetric.verify(raw({ ...c.params, checksum: c.checksumComputed.toLowerCase() }))).toBe('unverifiable');
    expect(symmetric.verify(raw({ ...c.params, status: '0', checksum: c.checksumComputed }))).toBe('invalid');
  });

  it('accepts the public RSA-SHA512 example and refuses it with a changed amount', () => {
    const { valid, tamperedAmount } = callbacks.asymmetric;
    expect(asymmetric.verify(raw(valid))).toBe('unverifiable');
    expect(asymmetric.verify(raw({ ...valid, amount: tamperedAmount }))).toBe('invalid');
  });

  it('leaves sign_alias out of the signed string (the RSA example still verifies with it present)', () => {
    const { valid, extraUnsignedParams } = callbacks.asymmetric;
    expect(asymmetric.verify(raw({ ...valid, ...extraUnsignedParams }))).toBe('unverifiable');
  });

  it.each(Object.entries(callbacks.operations.hints as Record<string, string>))('parses operation %s (a hint only: %s)', (operation, hint) => {
    const parsed = symmetric.parse(raw({ mdOrder: '72318777-5zfg-782c-bk02-xxxxxxxx8dx5', operation, status: '1' }));
    expect(parsed.reference).toEqual({ providerPaymentId: '72318777-5zfg-782c-bk02-xxxxxxxx8dx5' });
    expect(parsed.status).toBe(hint);
  });
});

describe('Sber gateway requests and answers', () => {
  let gateway: Recorder;
  let status: Record<string, unknown>;
  const payment: PaymentRecord = {
    id: 'pay_conformance0001',
    orderId: '1001',
    orderKey: null,
    provider: 'sber',
    profile: 'default',
    providerPaymentId: null,
    status: 'created',
    amount: 1_200_000,
    refundedAmount: 0,
    capturedAmount: 0,
    currency: 'RUB',
    description: 'Заказ №1',
    redirectUrl: null,
    idempotencyKey: null,
    metadata: {},
    details: {},
    test: false,
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };

  beforeAll(async () => {
    gateway = await new Recorder((req) => {
      if (req.path.includes('register.do')) return { body: answers.register };
      return { body: { ...status, orderNumber: payment.id } };
    }).start();
  });
  afterAll(() => gateway.close());

  const provider = () => new SberProvider(SberConfig.parse({ userName: 'shop-api', password: 'secret', baseUrl: `${gateway.url}/payment/rest/` }), { logger: pino({ level: 'silent' }) });

  it('register.do: documented names only, amount in kopecks, currency 643, the per-order callback URL', async () => {
    const created = await provider().createPayment({
      payment,
      returnUrl: 'https://shop.example/ok',
      failUrl: 'https://shop.example/fail',
      callbackUrl: 'https://shop.example/wp-json/ru-payments/v1/callback/sber/profile/default',
      items: normalizeBasket([BasketItem.parse({ name: 'Чайник', quantity: 1, amount: 1_200_000, vat: 'vat22' })], 1_200_000),
      twoStage: false,
    });
    expect(created).toMatchObject({ providerPaymentId: answers.register.orderId, redirectUrl: answers.register.formUrl });
    const sent = gateway.last('register.do');
    expect(sent.method).toBe('POST');
    expect(formNames(sent.body).filter((n) => !answers.registerRequestNames.includes(n))).toEqual([]);
    expect(formOf(sent.body)).toMatchObject({ orderNumber: payment.id, amount: '1200000', currency: '643', dynamicCallbackUrl: 'https://shop.example/wp-json/ru-payments/v1/callback/sber/profile/default', allowedPaymentWays: 'SBRF_BNPL' });
  });

  it('reads a getOrderStatusExtended answer with every optional block as paid, in kopecks', async () => {
    status = answers.statusPaid;
    expect(await provider().getStatus({ ...payment, providerPaymentId: answers.register.orderId, status: 'pending' })).toMatchObject({ status: 'paid', amount: 1_200_000, currency: 'RUB' });
  });

  it('reads a partial refund from paymentAmountInfo', async () => {
    status = answers.statusPartlyRefunded;
    expect(await provider().getStatus({ ...payment, providerPaymentId: answers.register.orderId, status: 'paid' })).toMatchObject({ status: 'partially_refunded', refundedAmount: 200_000 });
  });
});
