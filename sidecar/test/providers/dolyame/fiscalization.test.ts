import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../../../src/core/secret-box.js';
import { SECRET } from '../../helpers/in-process.js';
import { liveSettingsFor, sandboxOf, startWithLogs, type LoggedRunning } from './helpers.js';

let s: LoggedRunning;
beforeAll(async () => {
  s = await startWithLogs();
});
afterAll(async () => {
  await s.close();
});

const fiscal = {
  enabled: true,
  inn: '7707083893',
  site: 'https://shop.example',
  supportEmail: 'support@shop.example',
  cashRegisterService: 'АТОЛ Онлайн',
  cashRegisterAccount: { login: 'atol-login', password: 'ATOL-PASSWORD-SECRET' },
  groupCode: 'group_code_123',
  authKeys: { key: 'ATOL-AUTH-KEY-SECRET' },
  taxSystem: 'usn_income',
  documentFormat: '1.2',
};

describe('fiscalisation summary for the Dolyame integration manager', () => {
  it('one call gives the message with every field the FAQ lists; the service password and keys are not kept', async () => {
    const put = await s.client.call('PUT', '/v1/providers/dolyame/config', { profile: 'fiscal', settings: liveSettingsFor(sandboxOf(s), { fiscalization: fiscal }) }, { idempotencyKey: null });
    expect(put.status).toBe(200);
    const res = await s.client.get('/v1/providers/dolyame/fiscalization-summary?profile=fiscal');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ profile: 'fiscal', complete: true, missing: [] });
    for (const value of ['7707083893', 'https://shop.example', 'support@shop.example', 'АТОЛ Онлайн', 'atol-login', 'group_code_123', 'УСН «доходы»', 'ФФД 1.2']) expect(res.body.text).toContain(value);
    expect(res.body.text).toMatch(/передадим отдельно/);
    expect(JSON.stringify(res.body)).not.toMatch(/SECRET/);
    // Not in the database either (the sealed copy is opened to check).
    const rows = await s.sidecar.store.listProviderConfigs();
    const sealed = rows.find((r) => r.provider === 'dolyame' && r.profile === 'fiscal')!.sealed;
    expect(JSON.stringify(new SecretBox(SECRET).open(sealed))).not.toMatch(/SECRET/);
  });

  it('names what is missing', async () => {
    await s.client.call('PUT', '/v1/providers/dolyame/config', { profile: 'bare', settings: liveSettingsFor(sandboxOf(s), { fiscalization: { enabled: true, inn: '7707083893' } }) }, { idempotencyKey: null });
    const res = await s.client.get('/v1/providers/dolyame/fiscalization-summary?profile=bare');
    expect(res.body).toMatchObject({ complete: false, missing: ['site', 'supportEmail', 'cashRegisterService', 'taxSystem'] });
  });
});
