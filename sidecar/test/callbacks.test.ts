import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toySignature } from '../src/providers/toy/signature.js';
import { createBody, startInProcess, type Running } from './helpers/in-process.js';

const WEBHOOK_SECRET = 'toy-simulator-webhook-secret';
let s: Running;
beforeAll(async () => {
  s = await startInProcess({ wpEventsUrl: undefined });
});
afterAll(async () => {
  await s.close();
});

async function newPayment(amount = 50_000) {
  const res = await s.client.post('/v1/payments', createBody({ amount }));
  return res.body as { id: string; provider_payment_id: string };
}

function notification(providerPaymentId: string, patch: Record<string, unknown> = {}) {
  return {
    notification_id: randomUUID(),
    payment_id: providerPaymentId,
    order_ref: 'x',
    status: 'succeeded',
    amount: '500.00',
    refunded_amount: '0.00',
    currency: 'RUB',
    ...patch,
  };
}

async function post(body: string, signature: string | null) {
  const res = await request(`${s.baseUrl}/callbacks/toy`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-toy-signature': signature } : {}) },
    body,
  });
  return { status: res.statusCode, body: await res.body.text() };
}

const signed = (json: unknown) => {
  const body = JSON.stringify(json);
  return post(body, toySignature(WEBHOOK_SECRET, body));
};

async function status(id: string) {
  return (await s.sidecar.store.getPayment(id))!;
}

describe('provider callbacks', () => {
  it('a verified callback changes the status once and writes one outbox row', async () => {
    const p = await newPayment();
    const n = notification(p.provider_payment_id);
    expect(await signed(n)).toEqual({ status: 200, body: '{"ok":true}' });
    const after = await status(p.id);
    expect(after.status).toBe('paid');
    // Re-delivery of the same notification: acknowledged, nothing changes.
    expect((await signed(n)).status).toBe(200);
    const again = await status(p.id);
    expect(again.version).toBe(after.version);
    const events = await s.sidecar.store.listEvents(p.id);
    expect(events.map((e) => e.outcome)).toEqual(['applied']);
  });

  it('a different notification with the same status is a no-op', async () => {
    const p = await newPayment();
    await signed(notification(p.provider_payment_id));
    const v = (await status(p.id)).version;
    await signed(notification(p.provider_payment_id));
    expect((await status(p.id)).version).toBe(v);
    expect((await s.sidecar.store.listEvents(p.id)).map((e) => e.outcome)).toEqual(['applied', 'duplicate']);
  });

  it('a bad or missing signature is rejected and changes nothing', async () => {
    const p = await newPayment();
    const body = JSON.stringify(notification(p.provider_payment_id));
    expect((await post(body, toySignature('wrong-secret-wrong-secret', body))).status).toBe(401);
    expect((await post(body, null)).status).toBe(401);
    expect((await post(body.replace('500.00', '500.01'), toySignature(WEBHOOK_SECRET, body))).status).toBe(401);
    expect((await status(p.id)).status).toBe('pending');
    expect(await s.sidecar.store.listEvents(p.id)).toEqual([]);
  });

  it('an amount or currency that contradicts the payment changes nothing', async () => {
    const p = await newPayment();
    const wrongAmount = await signed(notification(p.provider_payment_id, { amount: '499.99' }));
    expect(wrongAmount.status).toBe(400);
    expect(wrongAmount.body).toContain('amount_mismatch');
    const wrongCurrency = await signed(notification(p.provider_payment_id, { currency: 'USD' }));
    expect(wrongCurrency.body).toContain('currency_mismatch');
    expect((await status(p.id)).status).toBe('pending');
    expect((await s.sidecar.store.listEvents(p.id)).map((e) => e.outcome)).toEqual(['rejected:amount_mismatch', 'rejected:currency_mismatch']);
  });

  it('an unknown payment is answered 404', async () => {
    expect((await signed(notification('toy_unknown'))).status).toBe(404);
  });

  it('a malformed body with a valid signature is answered 400', async () => {
    const body = '{"notification_id":1}';
    expect((await post(body, toySignature(WEBHOOK_SECRET, body))).status).toBe(400);
  });

  it('a test notification is answered OK and changes nothing', async () => {
    const p = await newPayment();
    const res = await signed(notification(p.provider_payment_id, { test: true }));
    expect(res.status).toBe(200);
    expect((await status(p.id)).status).toBe('pending');
  });

  it('an illegal transition is acknowledged, logged and not applied', async () => {
    const p = await newPayment();
    await signed(notification(p.provider_payment_id));
    await signed(notification(p.provider_payment_id, { status: 'failed' }));
    expect((await status(p.id)).status).toBe('paid');
    expect((await s.sidecar.store.listEvents(p.id)).map((e) => e.outcome)).toEqual(['applied', 'illegal']);
  });

  it('the relay route hands raw bytes to the same handler and returns the answer verbatim', async () => {
    const p = await newPayment();
    const raw = JSON.stringify(notification(p.provider_payment_id));
    const relay = (signature: string) =>
      s.client.post('/v1/relay/callback/toy', {
        body_base64: Buffer.from(raw).toString('base64'),
        headers: { 'Content-Type': 'application/json', 'X-Toy-Signature': signature },
        ip: '203.0.113.7',
      });
    const forged = await relay(toySignature('nope-nope-nope-nope', raw));
    expect(forged.body).toEqual({ status: 401, headers: { 'content-type': 'application/json' }, body: '{"ok":false,"error":"signature"}' });
    expect((await status(p.id)).status).toBe('pending');
    const ok = await relay(toySignature(WEBHOOK_SECRET, raw));
    expect(ok.body).toEqual({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' });
    expect((await status(p.id)).status).toBe('paid');
  });

  it('an unknown provider is 404', async () => {
    const res = await request(`${s.baseUrl}/callbacks/nope`, { method: 'POST', body: '{}' });
    expect(res.statusCode).toBe(404);
  });
});
