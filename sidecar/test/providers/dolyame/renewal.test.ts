import { X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DolyameProvider } from '../../../src/providers/dolyame/provider.js';
import { DolyameConfig } from '../../../src/providers/dolyame/schemas.js';
import type { PaymentRecord } from '../../../src/store/types.js';
import { createCa, issueCertificate, newRsaKey, type CertAndKey } from '../../../src/simulators/dolyame/pki.js';
import { DolyameSandbox } from '../../../src/simulators/dolyame/sandbox.js';

const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'dolyame-renewal-'));
const certPath = join(dir, 'open-api-cert.pem');
const keyPath = join(dir, 'private.key');
let ca: CertAndKey;
let sandbox: DolyameSandbox;
let provider: DolyameProvider;

const fingerprint = (pem: string) => new X509Certificate(pem).fingerprint256;
const issue = (days: number) => {
  const keyPem = newRsaKey();
  return issueCertificate(ca, { commonName: 'shop.example', usage: 'client', keyPem, notAfter: new Date(Date.now() + days * DAY) });
};

beforeAll(async () => {
  ca = createCa('Renewal test CA');
  const server = issueCertificate(ca, { commonName: 'localhost', usage: 'server' });
  sandbox = new DolyameSandbox({ tls: { caPem: ca.certPem, serverCertPem: server.certPem, serverKeyPem: server.keyPem }, login: 'partner', password: 'secret-pass', pagesBaseUrl: 'http://127.0.0.1:9/sim/dolyame' });
  const url = await sandbox.listen();
  const old = issue(5);
  writeFileSync(keyPath, old.keyPem);
  writeFileSync(certPath, old.certPem);
  const config = DolyameConfig.parse({ baseUrl: url, login: 'partner', password: 'secret-pass', certPath, keyPath, caPem: ca.certPem });
  provider = new DolyameProvider(config, pino({ level: 'silent' }), false);
});

afterAll(async () => {
  await provider.close();
  await sandbox.close();
});

/** One API call (an unknown order: Dolyame answers 404, which is fine here); returns the certificate it carried. */
async function callWithCertificate(): Promise<string | null> {
  const from = sandbox.requests.length;
  await provider.getStatus({ id: 'pay_x', providerPaymentId: 'no-such-order', amount: 100, details: {} } as unknown as PaymentRecord).catch(() => undefined);
  return sandbox.requests[from]?.clientCert ?? null;
}

describe('a certificate renewed in place (open-api-cert.pem replaced, as the renewal guide says)', () => {
  it('is used from the next request on without a restart, and the Status screen shows the same one', async () => {
    const before = await callWithCertificate();
    const oldReport = provider.certificateReport(Date.now());
    expect(oldReport.daysLeft).toBeLessThanOrEqual(5);
    expect(before).toBe(fingerprint((await import('node:fs')).readFileSync(certPath, 'utf8')));

    const renewed = issue(365);
    writeFileSync(keyPath, renewed.keyPem);
    writeFileSync(certPath, renewed.certPem);

    const after = await callWithCertificate();
    expect(after).toBe(fingerprint(renewed.certPem));
    const report = provider.certificateReport(Date.now());
    expect(Date.parse(report.notAfter)).toBe(Date.parse(new X509Certificate(renewed.certPem).validTo));
    expect(report.daysLeft).toBeGreaterThan(360);
  });

  it('a half-finished copy (new certificate, old key) keeps the previous pair in use', async () => {
    const inUse = await callWithCertificate();
    writeFileSync(certPath, issue(365).certPem);
    expect(await callWithCertificate()).toBe(inUse);
    expect(provider.certificateReport(Date.now()).problems).toEqual([]);
  });
});
