import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntellectMoneyClient } from '../../../src/providers/intellectmoney/client.js';
import { IntellectMoneyConfig } from '../../../src/providers/intellectmoney/schemas.js';
import { IntellectMoneyWebhook } from '../../../src/providers/intellectmoney/webhook.js';
import type { RawCallback } from '../../../src/providers/types.js';
import { Recorder } from '../recorder.js';

const webhook = JSON.parse(readFileSync(new URL('./webhook.json', import.meta.url), 'utf8'));
const api = JSON.parse(readFileSync(new URL('./merchant-api.json', import.meta.url), 'utf8'));

const form = (fields: Record<string, string>): RawCallback => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  query: {},
  body: Buffer.from(new URLSearchParams(fields).toString()),
  ip: '127.0.0.1',
  profile: 'default',
});

/** The SDK's pattern over a body, names case-insensitive, key last (written from the SDK, not from the connector). */
function patternDigest(algorithm: 'md5' | 'sha256', pattern: string, body: Record<string, unknown>, key: string): string {
  const lower = new Map(Object.entries(body).map(([k, v]) => [k.toLowerCase(), v === undefined || v === null ? '' : String(v)]));
  return createHash(algorithm).update([...pattern.split('::').map((n) => lower.get(n.toLowerCase()) ?? ''), key].join('::'), 'utf8').digest('hex');
}

describe('IntellectMoney result notifications from public examples', () => {
  const config = IntellectMoneyConfig.parse({ eshopId: webhook.shop.eshopId, secretKey: webhook.shop.secretKey, signSecretKey: 'x', token: 't' });
  const handler = new IntellectMoneyWebhook(config);

  it('verifies and reads the manual vector (md5, UTF-8, secretKey included)', () => {
    const callback = form(webhook.manualVector.fields);
    expect(handler.verify(callback)).toBe('verified');
    expect(handler.parse(callback)).toMatchObject({ reference: { paymentId: webhook.manualVector.expect.orderId }, status: webhook.manualVector.expect.status, amount: webhook.manualVector.expect.amountKopecks, currency: webhook.manualVector.expect.currency });
  });

  it('takes the capitalised names of the newer docs and fields it does not read', () => {
    const capitalised = Object.fromEntries(Object.entries(webhook.manualVector.fields as Record<string, string>).map(([k, v]) => [k[0]!.toUpperCase() + k.slice(1), v]));
    const callback = form({ ...capitalised, ...webhook.extraFields });
    expect(handler.verify(callback)).toBe('verified');
    expect(handler.parse(callback).status).toBe('paid');
  });

  it('refuses the vector with a changed amount', () => {
    expect(handler.verify(form({ ...webhook.manualVector.fields, recipientAmount: '12.31' }))).toBe('invalid');
  });
});

describe('IntellectMoney Merchant API requests and answers', () => {
  let server: Recorder;
  let stateAnswer: unknown;
  beforeAll(async () => {
    server = await new Recorder((req) => ({ body: req.path.endsWith('/createInvoice') ? api.answers.createInvoice : stateAnswer })).start();
  });
  afterAll(() => server.close());
  const client = () => new IntellectMoneyClient(IntellectMoneyConfig.parse({ eshopId: '450123', secretKey: 'secret', signSecretKey: 'signSecret', token: 'bearer', baseUrl: server.url }));

  it('createInvoice: documented names, rubles with a dot, Sign SHA-256 and Hash/PurchaseHash md5 over the SDK patterns', async () => {
    const invoiceId = await client().createInvoice({ OrderId: 'pay_abc', ServiceName: 'Заказ №1', RecipientAmount: '1234.50', RecipientCurrency: 'RUB', Email: 'a@b.ru', SuccessUrl: 'https://shop/ok', ResultUrl: 'https://shop/cb' });
    expect(invoiceId).toBe('3000000007');
    const sent = server.last('/createInvoice');
    const body = JSON.parse(sent.body) as Record<string, unknown>;
    expect(Object.keys(body).filter((name) => !api.createInvoiceNames.includes(name))).toEqual([]);
    expect(body).toMatchObject({ EshopId: 450123, RecipientAmount: '1234.50', RecipientCurrency: 'RUB' });
    expect(sent.headers.authorization).toBe('Bearer bearer');
    expect(sent.headers.sign).toBe(patternDigest('sha256', api.hashPatterns.createInvoice, body, 'signSecret'));
    expect(body.Hash).toBe(patternDigest('md5', api.hashPatterns.createInvoice, body, 'secret'));
    expect(body.PurchaseHash).toBe(patternDigest('md5', api.hashPatterns.purchaseHash, body, 'secret'));
  });

  it('getBankCardPaymentState: a numeric PaymentStep 3 with a Form3DS form is the form, fields in order', async () => {
    stateAnswer = api.answers.stateNumericWithForm;
    const state = await client().paymentState('3000000007');
    const sent = server.last('/getBankCardPaymentState');
    expect(sent.headers.sign).toBe(patternDigest('sha256', api.hashPatterns.getBankCardPaymentState, JSON.parse(sent.body), 'signSecret'));
    expect(state).toMatchObject({ step: 'SendTo3DS', link: null, form: { action: 'https://acs.example/paylate/start', method: 'POST', fields: [['PaReq', 'eJzVWNmS'], ['MD', '3000000007'], ['TermUrl', 'https://merchant.intellectmoney.ru/return?a=1&b=2']] } });
  });

  it('getBankCardPaymentState: "OK" by name is paid; State 1 (warnings) is not an error', async () => {
    stateAnswer = api.answers.statePaidName;
    expect((await client().paymentState('3000000007')).step).toBe('Ok');
    stateAnswer = api.answers.stateCreated;
    expect((await client().paymentState('3000000007')).step).toBe('Created');
  });
});
