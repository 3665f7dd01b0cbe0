import { describe, expect, it } from 'vitest';
import { v2NotificationSignature, v3Signature } from '../../../src/providers/invoicebox/signature.js';
import { InvoiceboxWebhook } from '../../../src/providers/invoicebox/webhook.js';
import type { RawCallback } from '../../../src/providers/types.js';
import { VERSION } from '../../../src/version.js';
import { MERCHANT_ID, silent, v2Config, v3Config } from './fixtures.js';

const TOKEN = 'v3-notification-token';

function v3Callback(json: Record<string, unknown>, token = TOKEN): RawCallback {
  const body = Buffer.from(JSON.stringify(json));
  return { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature': v3Signature(token, body) }, query: {}, body, ip: '203.0.113.1', profile: 'default' };
}

const order = (patch: Record<string, unknown> = {}) => ({ id: '0190a6c2-0000-7000-8000-000000000001', merchantId: MERCHANT_ID, merchantOrderId: 'pay_x', amount: 1500.5, currencyId: 'RUB', status: 'completed', ...patch });

const v2Fields = (patch: Record<string, string> = {}) => ({
  participantId: '12345',
  participantOrderId: 'pay_abcdefghijkl',
  ucode: '12345-67890-12345-67890',
  timetype: '1',
  time: '2026-03-01 12:00:00',
  amount: '1500.00',
  currency: 'RUB',
  agentName: 'Банковская карта',
  agentPointName: 'Point',
  testMode: '0',
  ...patch,
});

function v2Callback(fields: Record<string, string>, key = 'apikey', method: 'POST' | 'GET' = 'POST'): RawCallback {
  const signed = { ...fields, sign: fields.sign ?? v2NotificationSignature(fields as never, key) };
  const encoded = new URLSearchParams(signed).toString();
  return method === 'POST'
    ? { method, headers: { 'content-type': 'application/x-www-form-urlencoded' }, query: {}, body: Buffer.from(encoded), ip: '203.0.113.1', profile: 'default' }
    : { method, headers: {}, query: signed, body: Buffer.alloc(0), ip: '203.0.113.1', profile: 'default' };
}

describe('invoicebox v3 notifications', () => {
  const hook = new InvoiceboxWebhook(v3Config(), silent);

  it('verifies the X-Signature and reads the order', () => {
    const cb = v3Callback(order());
    expect(hook.verify(cb)).toBe('verified');
    expect(hook.parse(cb)).toEqual({
      reference: { providerPaymentId: '0190a6c2-0000-7000-8000-000000000001' },
      dedupKey: `v3:0190a6c2-0000-7000-8000-000000000001:${cb.headers['x-signature']}`,
      status: 'paid',
      amount: 150_050,
      currency: 'RUB',
      test: false,
    });
  });

  it('maps canceled and expired orders', () => {
    expect(hook.parse(v3Callback(order({ status: 'canceled' }))).status).toBe('cancelled');
    expect(hook.parse(v3Callback(order({ status: 'expired' }))).status).toBe('expired');
    expect(hook.parse(v3Callback(order({ status: 'created' }))).status).toBe('pending');
  });

  it('refuses a wrong key, a changed body and a notification for another merchant', () => {
    expect(hook.verify(v3Callback(order(), 'another-token'))).toBe('invalid');
    const cb = v3Callback(order());
    expect(hook.verify({ ...cb, body: Buffer.from(cb.body.toString().replace('1500.5', '1500.6')) })).toBe('invalid');
    expect(hook.verify(v3Callback(order({ merchantId: '01771534-0000-0000-0000-000000000000' })))).toBe('invalid');
  });

  it('takes both test order ids as a test, and a refund order as nothing to change', () => {
    expect(hook.parse(v3Callback(order({ id: 'ffffffff-ffff-ffff-ffff-ffffffffffff' }))).test).toBe(true);
    expect(hook.parse(v3Callback(order({ id: '00000-00000-00000-00000' }))).test).toBe(true);
    const refund = hook.parse(v3Callback(order({ id: 'refund-1', parentId: 'parent-1' })));
    expect([refund.reference, refund.test]).toEqual([{ providerPaymentId: 'parent-1' }, true]);
  });

  it('answers in the v3 format with the app id as User-Agent', () => {
    const ok = hook.ack({ kind: 'accepted' });
    expect(ok).toEqual({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': `WordPress/6.8 WooCommerce/11.0 (RU Payments ${VERSION})` }, body: '{"status":"success"}' });
    const amount = hook.ack({ kind: 'rejected', reason: 'amount_mismatch', detail: 'expected 150000, got 149999' });
    expect(amount.status).toBe(200);
    expect(JSON.parse(amount.body)).toEqual({ status: 'error', code: 'order_wrong_amount', message: 'The paid amount does not match the order amount (kopecks: expected 150000, got 149999); nothing changed' });
    expect(JSON.parse(hook.ack({ kind: 'rejected', reason: 'currency_mismatch', detail: 'x' }).body).code).toBe('order_wrong_currency');
    expect(JSON.parse(hook.ack({ kind: 'rejected', reason: 'unknown_payment', detail: 'x' }).body).code).toBe('order_not_found');
    const signature = hook.ack({ kind: 'rejected', reason: 'signature', detail: 'x' });
    expect([signature.status, JSON.parse(signature.body).code]).toEqual([200, 'signature_error']);
    // A paid order notified again by another payment (Bitrix NOTIFICATION_ERROR_CODE order_already_paid).
    expect(JSON.parse(hook.ack({ kind: 'rejected', reason: 'already_paid', detail: 'x' }).body)).toMatchObject({ status: 'error', code: 'order_already_paid' });
  });

  it('signs its own test notification so that it verifies and is a test', () => {
    const note = hook.testNotification();
    const cb: RawCallback = { method: note.method, headers: note.headers, query: {}, body: note.body, ip: '127.0.0.1', profile: 'default' };
    expect(hook.verify(cb)).toBe('verified');
    expect(hook.parse(cb).test).toBe(true);
  });
});

describe('invoicebox v2 notifications', () => {
  const hook = new InvoiceboxWebhook(v2Config(), silent);

  it('verifies the notes\' vector (test ucode) and answers OK', () => {
    const vector = { participantId: '12345', participantOrderId: '1001', ucode: '00000-00000-00000-00000', timetype: '1', time: '2020-01-01 00:00:00', amount: '1500.00', currency: 'RUB', agentName: 'Agent', agentPointName: 'Point', testMode: '1', sign: '731ddef9bcae036a953b1b1c7dd8709f' };
    const cb = v2Callback(vector);
    expect(hook.verify(cb)).toBe('verified');
    expect(hook.parse(cb)).toMatchObject({ test: true, status: 'paid', amount: 150_000 });
    expect(hook.ack({ kind: 'accepted' })).toMatchObject({ status: 200, body: 'OK', headers: { 'user-agent': `WordPress/6.8 WooCommerce/11.0 (RU Payments ${VERSION})` } });
  });

  it('reads a paid notification from a POST body or a GET query', () => {
    for (const method of ['POST', 'GET'] as const) {
      const cb = v2Callback(v2Fields(), 'apikey', method);
      expect(hook.verify(cb)).toBe('verified');
      expect(hook.parse(cb)).toMatchObject({ reference: { paymentId: 'pay_abcdefghijkl' }, status: 'paid', amount: 150_000, currency: 'RUB', test: false });
    }
  });

  it('an amount not in exactly two decimals is checked as sent and compared as a number', () => {
    for (const [amount, kopecks] of [['1500', 150_000], ['1500.5', 150_050], ['1500,50', 150_050]] as const) {
      const cb = v2Callback(v2Fields({ amount }));
      expect(hook.verify(cb), amount).toBe('verified');
      expect(hook.parse(cb).amount, amount).toBe(kopecks);
    }
  });

  it('names the invoice (ucode) it reports, so refunds and status can use it; a test notification does not', () => {
    expect(hook.parse(v2Callback(v2Fields())).providerReference).toBe(v2Fields().ucode);
    expect(hook.parse(v2Callback(v2Fields({ ucode: '00000-00000-00000-00000' }))).providerReference).toBeUndefined();
  });

  it('accepts an upper-case sign and a "+" in the time that arrived as a space', () => {
    const fields = v2Fields();
    expect(hook.verify(v2Callback({ ...fields, sign: v2NotificationSignature(fields, 'apikey').toUpperCase() }))).toBe('verified');
    const withZone = v2Fields({ time: '2026-03-01T12:00:00+03:00' });
    const sign = v2NotificationSignature(withZone, 'apikey');
    const raw = new URLSearchParams({ ...withZone, sign }).toString().replace('%2B', '+');
    expect(hook.verify({ method: 'POST', headers: {}, query: {}, body: Buffer.from(raw), ip: '', profile: 'default' })).toBe('verified');
  });

  it('refuses a wrong key, a changed field and another participant id', () => {
    expect(hook.verify(v2Callback(v2Fields(), 'another'))).toBe('invalid');
    const fields = v2Fields();
    expect(hook.verify(v2Callback({ ...fields, amount: '1.00', sign: v2NotificationSignature(fields, 'apikey') }))).toBe('invalid');
    expect(hook.verify(v2Callback(v2Fields({ participantId: '99999' })))).toBe('invalid');
  });

  it('does not take test-mode money for a live shop, but does in test mode', () => {
    const cb = v2Callback(v2Fields({ testMode: '1' }));
    expect(() => hook.parse(cb)).toThrow(/test-mode/);
    expect(new InvoiceboxWebhook(v2Config({ testMode: true }), silent).parse(cb).status).toBe('paid');
  });

  it('answers a refusal in text', () => {
    const ack = hook.ack({ kind: 'rejected', reason: 'amount_mismatch', detail: 'expected 1, got 2' });
    expect([ack.status, ack.headers?.['content-type'], ack.body.startsWith('error: order_wrong_amount (')]).toEqual([200, 'text/plain; charset=utf-8', true]);
  });

  it('signs its own test notification (ucode 00000-…)', () => {
    const note = hook.testNotification();
    const cb: RawCallback = { method: note.method, headers: note.headers, query: {}, body: note.body, ip: '127.0.0.1', profile: 'default' };
    expect(hook.verify(cb)).toBe('verified');
    expect(hook.parse(cb)).toMatchObject({ test: true });
  });
});
