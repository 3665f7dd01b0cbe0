import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBody } from '../../helpers/in-process.js';
import { API, initBody, items, simSettings, startKoshelek, type Koshelek } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'rup-koshelek-settings-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, name.endsWith('.json') ? JSON.stringify(content, null, 2) : stringify(content));
  return path;
};

describe('settings: a separate file, validated with errors naming the key', () => {
  let k: Koshelek;
  beforeAll(async () => {
    k = await startKoshelek();
  });
  afterAll(async () => {
    await k.close();
  });

  const put = (settings: Record<string, unknown>, profile = 'shop2') => k.client.call('PUT', `${API}/config`, { profile, settings }, { idempotencyKey: null });

  it('refuses a file with a bad value, naming the file and the key inside it', async () => {
    const path = file('bad.json', { ...simSettings(k.simBase), enums: { paymentTypes: ['SBP', 'not allowed!'] } });
    const res = await put({ configFile: path });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('settings.configFile');
    expect(res.body.error.message).toContain(path);
    expect(res.body.error.message).toContain('enums.paymentTypes.1');
  });

  it('refuses a file that is missing a mandatory key, or is not YAML/JSON', async () => {
    const { baseUrlProduction: _omitted, ...rest } = simSettings(k.simBase);
    const missing = await put({ configFile: file('missing.yaml', rest) });
    expect(missing.body.error.message).toMatch(/baseUrlProduction/);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "login": ');
    expect((await put({ configFile: broken })).body.error.field).toBe('settings.configFile');
    expect((await put({ configFile: join(dir, 'absent.yaml') })).body.error.message).toMatch(/ENOENT|no such file/);
  });

  it('names inline keys too, and refuses unknown ones', async () => {
    const { login: _omitted, ...rest } = simSettings(k.simBase);
    expect((await put(rest)).body.error.field).toBe('settings.login');
    expect((await put({ ...simSettings(k.simBase), http: { timeoutMs: 5 } })).body.error.field).toBe('settings.http.timeoutMs');
    expect((await put({ ...simSettings(k.simBase), pasword: 'typo' })).body.error.message).toContain('pasword');
  });

  it('accepts a YAML file; its keys win over inline ones', async () => {
    const path = file('good.yaml', { ...simSettings(k.simBase), terminal: 'FROM-FILE' });
    expect((await put({ configFile: path, terminal: 'INLINE' })).status).toBe(200);
    const card = await k.sim.card();
    const init = await k.client.post(`${API}/payments`, initBody(card, { profile: 'shop2' }));
    expect(init.body).toMatchObject({ terminalId: 'FROM-FILE', test: false });
    // Never echoed back.
    expect(JSON.stringify((await k.client.get('/v1/providers')).body)).not.toContain('koshelek-sim-password');
  });
});

describe('the file is re-read when it changes: no code change, no restart', () => {
  let k: Koshelek;
  let path: string;
  let base: Record<string, unknown>;
  beforeAll(async () => {
    path = join(dir, 'live.json');
    k = await startKoshelek({
      live: (url) => {
        base = simSettings(url);
        writeFileSync(path, JSON.stringify(base));
        return { configFile: path };
      },
    });
  });
  afterAll(async () => {
    await k.close();
  });

  it('a new payment provider and a new VAT rate are accepted once the file lists them', async () => {
    // Koshelek launches a new payment provider…
    await k.sim.call('POST', '/control/payment-types', { add: ['PODELI'] });
    const card = await k.sim.card();
    const body = initBody(card, { paymentType: 'PODELI', items: items(15_000, 'vat22') });
    const before = await k.client.post(`${API}/payments`, body);
    expect(before.status).toBe(400);
    expect(before.body.error).toMatchObject({ code: 'invalid_request', field: 'paymentType' });

    // …and the shop adds it to its settings file while the sidecar runs.
    writeFileSync(path, JSON.stringify({ ...base, enums: { paymentTypes: ['SBP', 'DOLYAME', 'PODELI'], taxes: ['none', 'vat0', 'vat10', 'vat20', 'vat22', 'vat110', 'vat120'] } }));
    const after = await k.client.post(`${API}/payments`, body);
    expect(after.status).toBe(201);
    expect(after.body).toMatchObject({ paymentType: 'PODELI', status: 'new' });
    expect((await k.sim.transaction(after.body.transactionId)).paymentType).toBe('PODELI');
  });

  it('a broken edit keeps the last good settings in force', async () => {
    writeFileSync(path, JSON.stringify({ ...base, http: { timeoutMs: 'soon' } }));
    const card = await k.sim.card();
    const res = await k.client.post(`${API}/payments`, initBody(card));
    expect(res.status).toBe(201);
    writeFileSync(path, JSON.stringify({ ...base, terminal: 'TILL-AFTER-FIX' }));
    const fixed = await k.client.post(`${API}/payments`, initBody(await k.sim.card()));
    expect(fixed.body.terminalId).toBe('TILL-AFTER-FIX');
  });
});

describe('a malformed Koshelek settings file at start-up disables Koshelek alone', () => {
  it('the sidecar starts, web payments work, the till gets a clear error and GET /v1/providers names the problem', async () => {
    const broken = join(dir, 'start-broken.yaml');
    writeFileSync(broken, 'login: [unclosed');
    const k = await startKoshelek({ live: () => ({ configFile: broken }) });
    try {
      const web = await k.client.post('/v1/payments', createBody());
      expect(web.status).toBe(201);
      const till = await k.client.post(`${API}/payments`, initBody(await k.sim.card()));
      expect(till.status).toBe(503);
      expect(till.body.error).toMatchObject({ code: 'provider_misconfigured', cashier: { ru: expect.stringMatching(/не настроен/) } });
      const providers = await k.client.get('/v1/providers');
      const koshelek = providers.body.providers.find((p: { id: string }) => p.id === 'koshelek');
      expect(koshelek).toMatchObject({ configured: false, config_error: expect.stringContaining(broken) });
      expect(providers.body.providers.find((p: { id: string }) => p.id === 'toy').config_error).toBeNull();
    } finally {
      await k.close();
    }
  });
});
