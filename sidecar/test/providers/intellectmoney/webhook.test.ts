import { describe, expect, it } from 'vitest';
import { encodeCp1251 } from '../../../src/providers/intellectmoney/cp1251.js';
import { IntellectMoneyConfig, REFUND_PAYMENT_STATUS } from '../../../src/providers/intellectmoney/schemas.js';
import { IntellectMoneyWebhook } from '../../../src/providers/intellectmoney/webhook.js';
import type { RawCallback } from '../../../src/providers/types.js';
import { MANUAL_WEBHOOK } from './vectors.js';

const config = IntellectMoneyConfig.parse({ eshopId: 17354, secretKey: 'myKey', signSecretKey: 'sign', token: 'token' });
const webhook = new IntellectMoneyWebhook(config);

// The manual's vector (protocol notes): md5 UTF-8 61620ea2…, cp1251 6c345560….
const MANUAL: Record<string, string> = {
  ...MANUAL_WEBHOOK,
  paymentId: '3000000042',
  hash: '61620ea240928af649e44aaebb1c15dd',
};

const raw = (body: string | Buffer): RawCallback => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  query: {},
  body: Buffer.isBuffer(body) ? body : Buffer.from(body),
  ip: '203.0.113.1',
  profile: 'default',
});
const form = (fields: Record<string, string>) => raw(new URLSearchParams(fields).toString());

/** The same form percent-encoded in cp1251, as old integrations post it. */
function cp1251Form(fields: Record<string, string>): RawCallback {
  const encode = (text: string) => [...encodeCp1251(text)!].map((b) => (/[A-Za-z0-9._-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`)).join('');
  return raw(Object.entries(fields).map(([k, v]) => `${k}=${encode(v)}`).join('&'));
}

describe('IntellectMoney result webhook', () => {
  it("verifies the manual's notification and reads it in our terms", () => {
    const callback = form(MANUAL);
    expect(webhook.verify(callback)).toBe('verified');
    expect(webhook.parse(callback)).toEqual({
      reference: { paymentId: 'order_0000001' },
      dedupKey: 'order_0000001:5:2010-01-17 13:12:03:61620ea240928af649e44aaebb1c15dd',
      status: 'paid',
      amount: 1230,
      currency: 'RUB',
      test: false,
    });
  });

  it('accepts a cp1251 form with a cp1251 hash, and capitalised field names', () => {
    expect(webhook.verify(cp1251Form({ ...MANUAL, hash: '6c34556014a298e4d957c50bf1acb496' }))).toBe('verified');
    const capitalised = Object.fromEntries(Object.entries(MANUAL).map(([k, v]) => [k[0]!.toUpperCase() + k.slice(1), v]));
    expect(webhook.verify(form(capitalised))).toBe('verified');
    expect(webhook.parse(form(capitalised)).amount).toBe(1230);
  });

  it('rejects a forged or altered notification', () => {
    expect(webhook.verify(form({ ...MANUAL, recipientAmount: '1.00' }))).toBe('invalid');
    expect(webhook.verify(form({ ...MANUAL, paymentStatus: '4' }))).toBe('invalid');
    expect(webhook.verify(form({ ...MANUAL, hash: '0'.repeat(32) }))).toBe('invalid');
    const { hash: _dropped, ...unsigned } = MANUAL;
    expect(webhook.verify(form(unsigned))).toBe('invalid');
    expect(webhook.verify(raw('not a form at all {'))).toBe('invalid');
    expect(webhook.verify(raw('{"broken json'))).toBe('invalid');
  });

  it("rejects another shop's notification and a wrong secretKey field", () => {
    const otherShop = new IntellectMoneyWebhook(IntellectMoneyConfig.parse({ eshopId: '17355', secretKey: 'myKey', signSecretKey: 's', token: 't' }));
    expect(otherShop.verify(form(MANUAL))).toBe('invalid');
    expect(webhook.verify(form({ ...MANUAL, secretKey: 'notMyKey' }))).toBe('invalid');
    expect(webhook.verify(form({ ...MANUAL, secretKey: 'myKey' }))).toBe('verified');
  });

  it('maps every documented paymentStatus; an unknown one is malformed', () => {
    const parseStatus = (paymentStatus: string) => webhook.parse(form({ ...MANUAL, paymentStatus }));
    expect(parseStatus('3').status).toBe('pending');
    expect(parseStatus('4').status).toBe('cancelled');
    expect(parseStatus('6').status).toBe('authorized');
    expect(parseStatus('7').status).toBe('pending');
    expect(parseStatus(String(REFUND_PAYMENT_STATUS))).toMatchObject({ status: 'refunded', refundedAmount: 1230 });
    expect(() => parseStatus('42')).toThrow(/paymentStatus 42/);
    expect(() => webhook.parse(form({ ...MANUAL, recipientAmount: 'lots' }))).toThrow();
  });

  it('answers exactly OK when accepted, never OK otherwise', () => {
    expect(webhook.ack({ kind: 'accepted' })).toEqual({ status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'OK' });
    for (const reason of ['signature', 'malformed', 'unknown_payment', 'amount_mismatch', 'currency_mismatch'] as const) {
      const ack = webhook.ack({ kind: 'rejected', reason, detail: 'x' });
      expect(ack.body).not.toBe('OK');
      expect(ack.status).toBeGreaterThanOrEqual(400);
    }
  });

  it('its test notification is signed with our key and marked as a test', () => {
    const note = webhook.testNotification();
    const callback = raw(note.body);
    expect(webhook.verify(callback)).toBe('verified');
    expect(webhook.parse(callback)).toMatchObject({ test: true, status: 'paid' });
  });
});
