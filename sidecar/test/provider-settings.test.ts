import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createBody, SECRET, startInProcess, type Running } from './helpers/in-process.js';

const running: Running[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
});

async function start(databasePath = ':memory:', port?: number) {
  const s = await startInProcess({ databasePath, ...(port ? { port } : {}) });
  running.push(s);
  return s;
}

const simSettings = (s: Running, extra: Record<string, unknown> = {}) => ({
  baseUrl: `${s.baseUrl}/sim/toy`,
  apiKey: 'toy-simulator-api-key',
  webhookSecret: 'toy-simulator-webhook-secret',
  ...extra,
});

const control = (s: Running, path: string, body: unknown) =>
  request(`${s.baseUrl}/sim/toy/control/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.body.json());

describe('provider settings pushed by the plugin', () => {
  it('validates them with the provider schema and names the bad setting', async () => {
    const s = await start();
    const res = await s.client.call('PUT', '/v1/providers/toy/config', { profile: 'seller2', settings: { baseUrl: 'https://toy.example', apiKey: 'k', webhookSecret: 'w'.repeat(16) } }, { idempotencyKey: null });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_settings', field: 'settings.apiKey' });
    const unknown = await s.client.call('PUT', '/v1/providers/nope/config', { settings: {} }, { idempotencyKey: null });
    expect(unknown.body.error.code).toBe('unknown_provider');
  });

  it('stores them sealed, survives a restart, and never returns them', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rup-settings-')), 'db.sqlite');
    const s = await start(path);
    const settings = simSettings(s);
    const put = await s.client.call('PUT', '/v1/providers/toy/config', { profile: 'seller2', settings }, { idempotencyKey: null });
    expect(put.body).toEqual({ provider: 'toy', profile: 'seller2', configured: true });
    const listed = await s.client.get('/v1/providers');
    expect(JSON.stringify(listed.body)).not.toContain('toy-simulator-api-key');
    expect(listed.body.providers[0]).toMatchObject({ id: 'toy', configured: true, profiles: ['seller2'] });
    const raw = new Database(path, { readonly: true }).prepare('SELECT sealed FROM provider_configs').get() as { sealed: string };
    expect(raw.sealed).not.toContain('toy-simulator-api-key');
    const port = Number(new URL(s.baseUrl).port);
    await running.pop()!.close();

    const again = await start(path, port);
    const created = await again.client.post('/v1/payments', createBody({ profile: 'seller2' }));
    expect(created.status).toBe(201);
    // Served by the pushed settings (a live instance), not by the built-in simulator instance.
    expect(created.body.test).toBe(false);
  });

  it('test mode sends the payment to the simulator even when live settings exist', async () => {
    const s = await start();
    await s.client.call('PUT', '/v1/providers/toy/config', { settings: simSettings(s) }, { idempotencyKey: null });
    const live = await s.client.post('/v1/payments', createBody());
    const test = await s.client.post('/v1/payments', createBody({ test: true }));
    expect(live.body.test).toBe(false);
    expect(test.body.test).toBe(true);
  });

  it('the test callback is answered OK and changes nothing', async () => {
    const s = await start();
    const res = await s.client.post('/v1/providers/toy/test-callback', {});
    expect(res.body).toMatchObject({ ok: true, status: 200, body: '{"ok":true}' });
    const forged = await s.client.post('/v1/providers/toy/test-callback', { url: `${s.baseUrl}/callbacks/nope` });
    expect(forged.body.ok).toBe(false);
  });

  it('an unknown path under /v1/providers is 404, not a replay error', async () => {
    const s = await start();
    expect((await s.client.get('/v1/providers/toy/nothing-here')).status).toBe(404);
  });
});

describe('status polling', () => {
  it('finds the paid status without any callback, and stops polling', async () => {
    const s = await start();
    await s.client.call('PUT', '/v1/providers/toy/config', { profile: 'polling', settings: simSettings(s, { pollIntervalMs: 30 }) }, { idempotencyKey: null });
    await control(s, 'notifications', { enabled: false });
    const created = await s.client.post('/v1/payments', createBody({ profile: 'polling' }));
    const pay = await request(`${s.baseUrl}/sim/toy/pay/${created.body.provider_payment_id}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=pay' });
    await pay.body.dump();
    const deadline = Date.now() + 5000;
    let status = '';
    while (Date.now() < deadline && status !== 'paid') {
      await new Promise((r) => setTimeout(r, 50));
      status = (await s.sidecar.store.getPayment(created.body.id))!.status;
    }
    expect(status).toBe('paid');
    await new Promise((r) => setTimeout(r, 1200));
    expect(await s.sidecar.store.claimDuePolls(Date.now() + 10_000, 10, 1)).toEqual([]);
  });
});
