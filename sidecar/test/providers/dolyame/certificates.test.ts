import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dolyameProvider } from '../../../src/providers/dolyame/index.js';
import { runCertCheck } from '../../../src/providers/dolyame/cert-command.js';
import { createCa, createCsr, issueCertificate, newRsaKey, type CertAndKey } from '../../../src/simulators/dolyame/pki.js';
import { startInProcess, type Running } from '../../helpers/in-process.js';

const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'dolyame-cert-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

// A shop's files as T-Business produces them: private.key, its request.csr, and open-api-cert.pem
// issued for that request (one year); plus the usual mistakes.
let ca: CertAndKey;
let key: string;
let csr: string;
let cert: CertAndKey;
const paths: Record<string, string> = {};

beforeAll(() => {
  ca = createCa('T-Business test CA');
  key = newRsaKey();
  csr = createCsr(key, 'shop.example');
  cert = issueCertificate(ca, { commonName: 'shop.example', usage: 'client', keyPem: key, notAfter: new Date(Date.now() + 365 * DAY) });
  const otherKey = newRsaKey();
  Object.assign(paths, {
    key: file('private.key', key),
    csr: file('request.csr', csr),
    cert: file('open-api-cert.pem', cert.certPem),
    soon: file('soon.pem', issueCertificate(ca, { commonName: 'shop.example', usage: 'client', keyPem: key, notAfter: new Date(Date.now() + 10 * DAY + 3_600_000) }).certPem),
    expired: file('expired.pem', issueCertificate(ca, { commonName: 'shop.example', usage: 'client', keyPem: key, notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) }).certPem),
    otherKey: file('other.key', otherKey),
    otherCsr: file('other.csr', createCsr(otherKey)),
    otherCert: file('other.pem', issueCertificate(ca, { commonName: 'other', usage: 'client', keyPem: otherKey }).certPem),
  });
});

async function cli(...args: string[]) {
  const lines: string[] = [];
  const code = await runCertCheck(args, (l) => lines.push(l));
  return { code, text: lines.join('\n') };
}

describe('cert-check CLI', () => {
  it('is registered as `dolyame cert-check`', () => {
    expect(dolyameProvider.commands?.['cert-check']?.describe).toMatch(/expiry/);
  });

  it('matching files, a year left: OK (exit 0)', async () => {
    const { code, text } = await cli('--cert', paths.cert!, '--key', paths.key!, '--csr', paths.csr!);
    expect(code).toBe(0);
    expect(text).toMatch(/valid until: .* \((364|365) days left\)/);
    expect(text).toContain('private key ↔ certificate: match');
    expect(text).toContain('private key ↔ CSR:         match');
    expect(text).toContain('certificate ↔ CSR:         match');
    expect(text).toContain('OK:');
  });

  it('warns 30 days ahead (exit 3) and refuses an expired certificate (exit 1)', async () => {
    const soon = await cli('--cert', paths.soon!, '--key', paths.key!);
    expect(soon.code).toBe(3);
    expect(soon.text).toMatch(/WARNING: the certificate expires in 10 days/);
    const expired = await cli('--cert', paths.expired!, '--key', paths.key!);
    expect(expired.code).toBe(1);
    expect(expired.text).toMatch(/ERROR: the certificate expired on/);
  });

  it('names the file that does not belong', async () => {
    const wrongKey = await cli('--cert', paths.cert!, '--key', paths.otherKey!, '--csr', paths.csr!);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.text).toContain('private key ↔ certificate: MISMATCH');
    expect(wrongKey.text).toContain('the private key does not match');

    const wrongCsr = await cli('--cert', paths.cert!, '--key', paths.key!, '--csr', paths.otherCsr!);
    expect(wrongCsr.code).toBe(1);
    expect(wrongCsr.text).toContain('the CSR does not match');

    const wrongCert = await cli('--cert', paths.otherCert!, '--key', paths.key!, '--csr', paths.csr!);
    expect(wrongCert.code).toBe(1);
    expect(wrongCert.text).toContain('the certificate does not match: it was issued for another request');
  });

  it('runs as `ru-payments-sidecar dolyame cert-check` from the real CLI entry point', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'dolyame', 'cert-check', '--cert', paths.soon!, '--key', paths.key!, '--csr', paths.csr!], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(3);
    expect(run.stdout).toContain('certificate ↔ CSR:         match');
    expect(run.stdout).toMatch(/WARNING: the certificate expires in 10 days/);
  });

  it('--json prints the report; bad usage and unreadable files are clear', async () => {
    const json = await cli('--cert', paths.cert!, '--key', paths.otherKey!, '--json');
    expect(JSON.parse(json.text)).toMatchObject({ warning: false, matches: { keyCert: false, keyCsr: null, certCsr: null } });
    expect((await cli('--cert', paths.cert!)).code).toBe(2);
    const missing = await cli('--cert', join(dir, 'nope.pem'), '--key', paths.key!);
    expect(missing).toEqual({ code: 1, text: `error: cannot read the certificate ${join(dir, 'nope.pem')}: ENOENT` });
    const notPem = await cli('--cert', paths.key!, '--key', paths.key!);
    expect(notPem.text).toBe('error: the certificate is not a PEM X.509 certificate');
  });
});

describe('GET /v1/providers/dolyame/certificate', () => {
  let s: Running;
  beforeAll(async () => {
    s = await startInProcess({
      providers: { dolyame: { login: 'partner', password: 'secret-pass', certPath: paths.soon, keyPath: paths.key, csrPath: paths.csr, checkSenderNetwork: false } },
    });
  });
  afterAll(async () => {
    await s.close();
  });

  it('reports expiry with the 30-day warning and the key/cert/CSR match for the configured profile', async () => {
    const res = await s.client.get('/v1/providers/dolyame/certificate');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ profile: 'default', simulated: false, daysLeft: 10, warning: true, matches: { keyCert: true, keyCsr: true, certCsr: true } });
    expect(res.body.subject).toContain('CN=shop.example');
    expect(Date.parse(res.body.notAfter) - Date.now()).toBeGreaterThan(10 * DAY);
  });

  it('shows which file does not match for another profile', async () => {
    const put = await s.client.call('PUT', '/v1/providers/dolyame/config', {
      profile: 'second',
      settings: { login: 'partner', password: 'secret-pass', certPath: paths.cert, keyPath: paths.key, csrPath: paths.otherCsr },
    });
    expect(put.status).toBe(200);
    const res = await s.client.get('/v1/providers/dolyame/certificate?profile=second');
    expect(res.body).toMatchObject({ profile: 'second', warning: false, matches: { keyCert: true, keyCsr: false, certCsr: false } });
    expect(res.body.problems).toEqual(['the CSR does not match: the private key and the certificate belong together, the CSR is from another key']);
  });

  it('is signed like every /v1 route, and validates its query', async () => {
    const unsigned = await fetch(`${s.baseUrl}/v1/providers/dolyame/certificate`);
    expect(unsigned.status).toBe(401);
    const bad = await s.client.get('/v1/providers/dolyame/certificate?profile=Bad%20Name');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('profile');
  });
});
