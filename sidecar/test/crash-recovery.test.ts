import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from './helpers/free-port.js';
import { spawnSidecar, type SidecarProcess } from './helpers/sidecar-process.js';
import { SignedClient } from './helpers/signed-client.js';
import { WordPressReceiver } from './helpers/wordpress-receiver.js';

const SECRET = 'crash-test-secret-0123456789abcdef012345';
const running: Array<SidecarProcess | WordPressReceiver> = [];
afterEach(async () => {
  for (const r of running.splice(0)) await ('kill9' in r ? r.kill9() : r.close());
});

async function pay(baseUrl: string, providerPaymentId: string) {
  const res = await request(`${baseUrl}/sim/toy/pay/${providerPaymentId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'action=pay',
  });
  await res.body.dump();
  expect(res.statusCode).toBe(303);
}

async function setup() {
  const receiver = new WordPressReceiver(SECRET);
  running.push(receiver);
  const eventsUrl = await receiver.listen();
  const port = await freePort();
  const env = {
    SHARED_SECRET: SECRET,
    SIMULATORS: '1',
    DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'rup-crash-')), 'sidecar.sqlite'),
    WP_EVENTS_URL: eventsUrl,
    OUTBOX_POLL_MS: '50',
    OUTBOX_BASE_DELAY_MS: '50',
    OUTBOX_MAX_DELAY_MS: '200',
  };
  const start = async () => {
    const p = await spawnSidecar(port, env);
    running.push(p);
    return p;
  };
  return { receiver, start, client: new SignedClient(`http://127.0.0.1:${port}`, SECRET) };
}

describe('the whole loop across processes', () => {
  it('plugin-shaped request → sidecar → simulator → callback → outbox → WordPress receiver', async () => {
    const { receiver, start, client } = await setup();
    const sidecar = await start();
    const created = await client.post('/v1/payments', { provider: 'toy', order_id: '501', amount: 99_90, description: 'Order #501', return_url: 'https://shop.example/ok' }, { idempotencyKey: 'order-501-1' });
    expect(created.status).toBe(201);
    await pay(sidecar.baseUrl, created.body.provider_payment_id);
    await receiver.waitFor((events) => events.some((e) => e.body.status === 'paid'));
    expect(receiver.applied.map((e) => e.body.status)).toEqual(['pending', 'paid']);
    expect(receiver.applied[1]!.body).toMatchObject({ order_id: '501', amount: 9990, payment_id: created.body.id, provider: 'toy', sequence: 2 });
    expect(receiver.rejected).toEqual([]);
  });

  it('kill -9 between the callback and the delivery: delivered after restart', async () => {
    const { receiver, start, client } = await setup();
    receiver.failWith = 503; // WordPress is down: nothing can be delivered yet.
    let sidecar = await start();
    const created = await client.post('/v1/payments', { provider: 'toy', order_id: '502', amount: 1_000, description: 'Order #502', return_url: 'https://shop.example/ok' }, { idempotencyKey: 'order-502-1' });
    await pay(sidecar.baseUrl, created.body.provider_payment_id);
    // The callback was acknowledged (the simulator got its 2xx), so the provider will not send it again.
    const sim = await request(`${sidecar.baseUrl}/sim/toy/control/payments/${created.body.provider_payment_id}`);
    expect(((await sim.body.json()) as any).notifications.map((n: any) => n.deliveredStatus)).toEqual([200]);
    while (receiver.attempts < 1) await new Promise((r) => setTimeout(r, 10));
    await sidecar.kill9();
    expect(receiver.applied).toEqual([]);

    receiver.failWith = null;
    sidecar = await start();
    await receiver.waitFor((events) => events.some((e) => e.body.status === 'paid'));
    expect(receiver.applied.map((e) => e.body.status)).toEqual(['pending', 'paid']);
    expect(receiver.applied[1]!.body.order_id).toBe('502');
  });

  it('kill -9 in the middle of a burst loses no acknowledged callback', async () => {
    const { receiver, start, client } = await setup();
    let sidecar = await start();
    const payments = [];
    for (let i = 0; i < 30; i++) {
      const res = await client.post('/v1/payments', { provider: 'toy', order_id: `burst-${i}`, amount: 100 + i, description: `Order ${i}`, return_url: 'https://shop.example/ok' });
      payments.push(res.body as { id: string; provider_payment_id: string });
    }
    // Pay all of them concurrently and kill the sidecar while callbacks and deliveries are in flight.
    let done = 0;
    const paid = payments.map((p) =>
      pay(sidecar.baseUrl, p.provider_payment_id).then(
        () => (done++, p.id),
        () => null,
      ),
    );
    while (done < 5) await new Promise((r) => setImmediate(r));
    await sidecar.kill9();
    const acknowledged = (await Promise.all(paid)).filter((id): id is string => id !== null);
    expect(acknowledged.length).toBeGreaterThan(0);

    sidecar = await start();
    // Every payment whose pay click completed (callback acknowledged before the 303) must reach WordPress as paid.
    await receiver.waitFor((events) => acknowledged.every((id) => events.some((e) => e.body.payment_id === id && e.body.status === 'paid')), 15_000);
    const ids = receiver.applied.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of acknowledged) {
      const statuses = receiver.applied.filter((e) => e.body.payment_id === id).map((e) => e.body.status);
      expect(statuses).toEqual(['pending', 'paid']);
    }
  });
});
