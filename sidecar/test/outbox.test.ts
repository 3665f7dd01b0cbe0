import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxWorker, retryDelay } from '../src/outbox/worker.js';
import { restRouteOf } from '../src/outbox/wordpress-target.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { WordPressReceiver } from './helpers/wordpress-receiver.js';

const SECRET = 'outbox-secret-0123456789abcdef0123456789';
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function setup(secret = SECRET) {
  const store = new SqliteStore(':memory:');
  const receiver = new WordPressReceiver(SECRET);
  const url = await receiver.listen();
  const worker = new OutboxWorker({ store, logger: pino({ level: 'silent' }), url, secret, pollMs: 20, baseDelayMs: 30, maxDelayMs: 200, timeoutMs: 2000, concurrency: 4 });
  cleanup.push(async () => {
    await worker.stop();
    await receiver.close();
    await store.close();
  });
  const payment = await store.insertPayment(
    { id: 'pay_outbox000001', orderId: '7', orderKey: null, provider: 'toy', profile: 'default', amount: 500, currency: 'RUB', description: 'x', idempotencyKey: null, metadata: {}, details: {}, test: false },
    Date.now(),
  );
  return { store, receiver, worker, payment };
}

async function until(check: () => Promise<boolean>, timeoutMs = 5000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('retryDelay', () => {
  it('doubles from the base up to the cap, with bounded jitter', () => {
    expect([0, 1, 2, 3].map((a) => retryDelay(a, 1000, 60_000, () => 0.5))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelay(20, 1000, 60_000, () => 0.5)).toBe(60_000);
    expect(retryDelay(0, 1000, 60_000, () => 0)).toBe(800);
    expect(retryDelay(0, 1000, 60_000, () => 1)).toBe(1200);
  });
});

describe('restRouteOf', () => {
  it('reads the REST route from pretty and plain permalinks', () => {
    expect(restRouteOf('https://shop.example/wp-json/ru-payments/v1/events')).toBe('/ru-payments/v1/events');
    expect(restRouteOf('https://shop.example/blog/wp-json/ru-payments/v1/events')).toBe('/ru-payments/v1/events');
    expect(restRouteOf('http://wordpress/?rest_route=/ru-payments/v1/events')).toBe('/ru-payments/v1/events');
  });
});

describe('OutboxWorker', () => {
  it('delivers signed events in order; the receiver verifies the HMAC', async () => {
    const { store, receiver, worker, payment } = await setup();
    for (const status of ['pending', 'paid', 'refunded'] as const) await store.applyTransition({ paymentId: payment.id, status, source: 'api', now: Date.now() });
    worker.start();
    await receiver.waitFor((e) => e.length === 3);
    expect(receiver.applied.map((e) => [e.body.status, e.body.sequence])).toEqual([
      ['pending', 1],
      ['paid', 2],
      ['refunded', 3],
    ]);
    expect(receiver.rejected).toEqual([]);
    await until(async () => (await store.outboxStats()).delivered === 3);
    expect((await store.outboxStats()).pending).toBe(0);
  });

  it('retries with backoff until WordPress answers 2xx', async () => {
    const { store, receiver, worker, payment } = await setup();
    receiver.failWith = 503;
    await store.applyTransition({ paymentId: payment.id, status: 'paid', source: 'api', now: Date.now() });
    worker.start();
    while (receiver.attempts < 3) await new Promise((r) => setTimeout(r, 10));
    expect(receiver.applied).toEqual([]);
    receiver.failWith = null;
    await receiver.waitFor((e) => e.length === 1);
    await until(async () => (await store.outboxStats()).delivered === 1);
    expect((await store.outboxStats()).pending).toBe(0);
  });

  it('a receiver with another secret never accepts, and the event stays pending', async () => {
    const { store, receiver, worker, payment } = await setup('a-different-secret-0123456789abcdef0123');
    await store.applyTransition({ paymentId: payment.id, status: 'paid', source: 'api', now: Date.now() });
    worker.start();
    while (receiver.attempts < 2) await new Promise((r) => setTimeout(r, 10));
    expect(receiver.rejected[0]).toBe('signature');
    expect(receiver.applied).toEqual([]);
    expect((await store.outboxStats()).pending).toBe(1);
  });
});
