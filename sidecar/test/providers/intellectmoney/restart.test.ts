import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBody, SECRET, startInProcess, type Running } from '../../helpers/in-process.js';
import { WordPressReceiver } from '../../helpers/wordpress-receiver.js';
import { control, decide, simSettings, standaloneSimulator, until } from './helpers.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

describe('IntellectMoney status polling survives a sidecar restart', () => {
  it('create, stop the sidecar, the shopper pays, a new sidecar on the same database finishes the payment by polling', async () => {
    // The simulator runs on its own, like the real provider, so it outlives the sidecar.
    const sim = await standaloneSimulator();
    cleanup.push(sim.close);
    await control(sim.base, 'timing', { createdMs: 0, inProcessMs: 0 });
    await control(sim.base, 'notifications', { enabled: false });
    const wp = new WordPressReceiver(SECRET);
    const wpEventsUrl = await wp.listen();
    cleanup.push(() => wp.close());
    const databasePath = join(mkdtempSync(join(tmpdir(), 'rup-im-restart-')), 'sidecar.sqlite');

    let first: Running | null = await startInProcess({ databasePath, wpEventsUrl });
    const port = Number(new URL(first.baseUrl).port);
    cleanup.push(async () => first?.close());
    const put = await first.client.call('PUT', '/v1/providers/intellectmoney/config', { profile: 'resume', settings: simSettings(sim.base, { pollIntervalMs: 50 }) }, { idempotencyKey: null });
    expect(put.status).toBe(200);
    const created = await first.client.post('/v1/payments', createBody({ provider: 'intellectmoney', profile: 'resume', amount: 50_000, return_url: 'https://shop.example/ok' }));
    expect(created.body).toMatchObject({ status: 'pending', test: false });
    await wp.waitFor((events) => events.some((e) => e.body.payment_id === created.body.id));
    const running = first;
    first = null;
    await running.close();

    // While the sidecar is down the shopper is approved on PayLate; no webhook reaches anyone.
    expect(await decide(created.body.redirect_url, 'pay')).toMatchObject({ status: 303 });

    const second = await startInProcess({ databasePath, wpEventsUrl, port });
    cleanup.push(() => second.close());
    const paid = await until(() => second.sidecar.store.getPayment(created.body.id), (p) => p?.status === 'paid');
    expect(paid?.status).toBe('paid');
    await wp.waitFor((events) => events.filter((e) => e.body.payment_id === created.body.id).length === 2);
    expect(wp.applied.filter((e) => e.body.payment_id === created.body.id).map((e) => e.body.status)).toEqual(['pending', 'paid']);
    const invoice = await control(sim.base, `invoices/${created.body.provider_payment_id}`);
    expect(invoice.notifications.map((n: { deliveredStatus: number | null }) => n.deliveredStatus)).toEqual([null]);
  });
});
