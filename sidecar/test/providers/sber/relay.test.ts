import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcess, type Running } from '../../helpers/in-process.js';
import { submitPage } from './helpers.js';

/**
 * A shop that relays callbacks through WordPress: the per-order dynamicCallbackUrl must be the
 * plugin's relay URL (profile included), or Sber's callback never reaches the sidecar.
 */
let s: Running;
let relay: Server;
let relayBase: string;
const relayed: string[] = [];

beforeAll(async () => {
  s = await startInProcess();
  // The plugin's relay route, reduced to what it does: pass the raw callback to the sidecar, return its answer.
  relay = createServer(async (req, res) => {
    relayed.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://relay.invalid');
    const profile = url.pathname.match(/\/profile\/([a-z0-9_-]+)$/)?.[1] ?? 'default';
    const answer = await s.client.post('/v1/relay/callback/sber', {
      method: req.method,
      body_base64: '',
      headers: {},
      query: Object.fromEntries(url.searchParams),
      ip: '127.0.0.1',
      profile,
    });
    res.writeHead(answer.body.status, answer.body.headers).end(answer.body.body);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', () => resolve()));
  relayBase = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => relay.close(() => resolve()));
  await s.close();
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const value = await read();
    if (done(value) || i >= 200) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Sber in relay mode', () => {
  it('sends the relay URL as dynamicCallbackUrl, and the callback through it pays the order without a poll', async () => {
    const callbackUrl = `${relayBase}/wp-json/ru-payments/v1/callback/sber/profile/default`;
    const created = await s.client.post('/v1/payments', {
      provider: 'sber',
      order_id: 'relay-1',
      amount: 250_000,
      description: 'Заказ №1',
      return_url: 'https://shop.example/checkout/order-received/1/',
      callback_url: callbackUrl,
    });
    expect(created.status).toBe(201);
    const order = await (await fetch(`${s.baseUrl}/sim/sber/control/orders/${created.body.provider_payment_id}`)).json();
    expect(order.callbackUrl).toBe(callbackUrl);

    expect((await submitPage(created.body.redirect_url, 'pay')).status).toBe(303);
    // The simulated instance polls every 120 s: a paid status now can only have come through the relay.
    const payment = await until(() => s.client.get(`/v1/payments/${created.body.id}`), (r) => r.body.status === 'paid');
    expect(payment.body.status).toBe('paid');
    expect(relayed.some((u) => u.startsWith('/wp-json/ru-payments/v1/callback/sber/profile/default?') && u.includes('operation=deposited'))).toBe(true);
  });

  it('refuses a callback_url that is not an http(s) URL', async () => {
    const res = await s.client.post('/v1/payments', { provider: 'sber', order_id: 'relay-2', amount: 250_000, description: 'x', return_url: 'https://shop.example/r', callback_url: 'ftp://shop.example/cb' });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('callback_url');
  });
});
