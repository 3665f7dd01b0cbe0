import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { Config } from '../src/config/schema.js';
import { ProviderRegistry } from '../src/providers/registry.js';

const SECRET = 's'.repeat(32);
const dir = mkdtempSync(join(tmpdir(), 'rup-config-'));

describe('loadConfig', () => {
  it('reads env with defaults', () => {
    const config = loadConfig({ SHARED_SECRET: SECRET, PORT: '9000', SIMULATORS: '1' });
    expect(config).toMatchObject({ port: 9000, host: '127.0.0.1', simulators: true, logLevel: 'info', sharedSecret: SECRET });
  });

  it('names the bad key and its env variable', () => {
    expect(() => loadConfig({ SHARED_SECRET: 'short' })).toThrow(/sharedSecret \(env SHARED_SECRET\): must be at least 32 characters/);
    expect(() => loadConfig({ SHARED_SECRET: SECRET, PORT: 'eighty' })).toThrow(/port \(env PORT\)/);
    expect(() => loadConfig({})).toThrow(/sharedSecret/);
  });

  it('overlays env on a YAML or JSON file', () => {
    const yaml = join(dir, 'c.yaml');
    writeFileSync(yaml, `sharedSecret: ${SECRET}\nport: 7000\noutbox:\n  pollMs: 100\nproviders:\n  toy:\n    baseUrl: https://toy.example\n`);
    const config = loadConfig({ CONFIG_FILE: yaml, PORT: '7001' });
    expect(config.port).toBe(7001);
    expect(config.outbox.pollMs).toBe(100);
    expect(config.providers.toy).toEqual({ baseUrl: 'https://toy.example' });
    const json = join(dir, 'c.json');
    writeFileSync(json, JSON.stringify({ sharedSecret: SECRET, logLevel: 'loud' }));
    expect(() => loadConfig({ CONFIG_FILE: json })).toThrow(/logLevel \(env LOG_LEVEL\)/);
    writeFileSync(json, '{nope');
    expect(() => loadConfig({ CONFIG_FILE: json })).toThrow(/not valid JSON/);
  });

  it('checks each provider config with its own schema and names the key', async () => {
    const config = Config.parse({ sharedSecret: SECRET, providers: { toy: { baseUrl: 'https://toy.example', apiKey: 'k', webhookSecret: 'w'.repeat(16) } } });
    await expect(ProviderRegistry.create({ config, logger: pino({ level: 'silent' }), publicUrl: 'http://x' })).rejects.toThrow(/providers\.toy\.apiKey/);
  });

  it('the sidecar process exits with a message naming the key', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: new URL('..', import.meta.url).pathname,
      env: { PATH: process.env.PATH, SHARED_SECRET: SECRET, PORT: '-1' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Invalid configuration: port \(env PORT\)/);
  });

  it('the CLI checks the configuration', () => {
    const cli = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'check-config'], { cwd: new URL('..', import.meta.url).pathname, env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 20_000 });
    expect(cli({ SHARED_SECRET: SECRET }).stdout).toContain('configuration OK');
    const bad = cli({ SHARED_SECRET: 'short' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/sharedSecret \(env SHARED_SECRET\)/);
  });
});
