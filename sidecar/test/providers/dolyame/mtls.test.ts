import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/core/errors.js';
import { DolyameApiError, DolyameClient, correlationIdFor } from '../../../src/providers/dolyame/client.js';
import { MtlsTransport } from '../../../src/providers/dolyame/mtls.js';
import { SlidingWindowLimiter } from '../../../src/providers/dolyame/rate-limiter.js';
import { DolyameConfig } from '../../../src/providers/dolyame/schemas.js';
import { createCa, issueCertificate, type CertAndKey } from '../../../src/simulators/dolyame/pki.js';
import { DolyameSandbox } from '../../../src/simulators/dolyame/sandbox.js';

// A PKI made for this test with node-forge: the simulator's CA and server certificate, a shop's
// client certificate from that CA, and a client certificate from a stranger CA.
let ca: CertAndKey;
let shop: CertAndKey;
let stranger: CertAndKey;
let sandbox: DolyameSandbox;
let url: string;

beforeAll(async () => {
  ca = createCa('Test Dolyame CA');
  const server = issueCertificate(ca, { commonName: 'localhost', usage: 'server' });
  shop = issueCertificate(ca, { commonName: 'shop', usage: 'client' });
  stranger = issueCertificate(createCa('Stranger CA'), { commonName: 'shop', usage: 'client' });
  sandbox = new DolyameSandbox({ tls: { caPem: ca.certPem, serverCertPem: server.certPem, serverKeyPem: server.keyPem }, login: 'partner', password: 'secret-pass', pagesBaseUrl: 'http://127.0.0.1:9/sim/dolyame' });
  url = await sandbox.listen();
});

afterAll(async () => {
  await sandbox.close();
});

const limiter = () => new SlidingWindowLimiter({ limit: 10, windowMs: 1000, maxQueue: 100 });

function clientWith(material: { cert: string; key: string; ca?: string }, password = 'secret-pass', lim = limiter()) {
  return new DolyameClient({ baseUrl: url, login: 'partner', password, transport: new MtlsTransport(() => material), limiter: lim });
}

const createBody = (id: string) => ({
  order: { id, amount: 100, prepaid_amount: 0, items: [{ name: 'Товар', quantity: 1, price: 100 }] },
  notification_url: 'http://127.0.0.1:9/callbacks/dolyame',
  success_url: 'https://shop.example/ok',
  fail_url: 'https://shop.example/fail',
});

describe('mutual TLS', () => {
  it('a client with the shop certificate gets through', async () => {
    const info = await clientWith({ cert: shop.certPem, key: shop.keyPem, ca: ca.certPem }).create(createBody('mtls-ok'), correlationIdFor('create:mtls-ok'));
    expect(info).toMatchObject({ status: 'new', amount: 100 });
    expect(sandbox.orders.has('mtls-ok')).toBe(true);
  });

  it('a connection without a client certificate is refused during the handshake', async () => {
    const before = sandbox.requests.length;
    const agent = new Agent({ connect: { ca: ca.certPem } });
    await expect(request(`${url}orders/mtls-ok/info`, { dispatcher: agent, headers: { authorization: `Basic ${Buffer.from('partner:secret-pass').toString('base64')}` } })).rejects.toThrow();
    await agent.close();
    expect(sandbox.requests.length).toBe(before);
  });

  it('a client certificate from another CA is refused', async () => {
    const before = sandbox.requests.length;
    const error = await clientWith({ cert: stranger.certPem, key: stranger.keyPem, ca: ca.certPem }).info('mtls-ok').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DolyameApiError);
    expect((error as DolyameApiError).httpStatus).toBe(0);
    expect(sandbox.requests.length).toBe(before);
  });

  it('the right certificate with wrong Basic credentials gets 401 (a ProviderError, not retryable)', async () => {
    const error = (await clientWith({ cert: shop.certPem, key: shop.keyPem, ca: ca.certPem }, 'wrong').info('mtls-ok').catch((e: unknown) => e)) as DolyameApiError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.httpStatus).toBe(401);
    expect(error.retryable).toBe(false);
    expect(error.detail).toContain('Invalid credentials');
    expect(error.detail).not.toContain('secret-pass');
  });

  it('the client cannot be built without an mTLS transport', () => {
    expect(() => new DolyameClient({ baseUrl: url, login: 'partner', password: 'x', transport: {} as MtlsTransport, limiter: limiter() })).toThrow(/mTLS/);
  });
});

describe('Dolyame answers', () => {
  it('maps the error body to a log-only detail naming the fields', async () => {
    const error = (await clientWith({ cert: shop.certPem, key: shop.keyPem, ca: ca.certPem })
      .create({ ...createBody('bad-sum'), order: { ...createBody('bad-sum').order, amount: 99 } }, correlationIdFor('x'))
      .catch((e: unknown) => e)) as DolyameApiError;
    expect(error.httpStatus).toBe(400);
    expect(error.detail).toMatch(/Amount does not match the items \(order\.amount: must equal/);
  });

  it('on 429 waits X-Retry-After and resends the same request with the same correlation id', async () => {
    // A limiter that lets everything through, so the simulator's own 10 req/s limit answers 429.
    const client = clientWith({ cert: shop.certPem, key: shop.keyPem, ca: ca.certPem }, 'secret-pass', new SlidingWindowLimiter({ limit: 100, windowMs: 1, maxQueue: 100 }));
    await new Promise((r) => setTimeout(r, 1100));
    const from = sandbox.requests.length;
    const results = await Promise.all(Array.from({ length: 13 }, () => client.info('mtls-ok')));
    expect(results.every((r) => r.status === 'new')).toBe(true);
    const seen = sandbox.requests.slice(from);
    const limited = seen.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(3);
    for (const r of limited) {
      const retry = seen.find((x) => x !== r && x.correlationId === r.correlationId && x.status === 200);
      expect(retry, 'retried with the same X-Correlation-ID').toBeDefined();
      expect(retry!.at - r.at).toBeGreaterThanOrEqual(900);
    }
  });

  it('correlation ids for retries are stable UUIDs', () => {
    expect(correlationIdFor('refund:ref_1')).toBe(correlationIdFor('refund:ref_1'));
    expect(correlationIdFor('refund:ref_1')).not.toBe(correlationIdFor('refund:ref_2'));
    expect(correlationIdFor('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('settings', () => {
  const base = { login: 'partner', password: 'secret-pass' };
  const issue = (r: ReturnType<typeof DolyameConfig.safeParse>) => (r.success ? null : { path: r.error.issues[0]!.path.join('.'), message: r.error.issues[0]!.message });

  it('accepts file paths or PEM text, with Dolyame defaults', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dolyame-'));
    writeFileSync(join(dir, 'open-api-cert.pem'), shop.certPem);
    writeFileSync(join(dir, 'private.key'), shop.keyPem);
    const byPath = DolyameConfig.parse({ ...base, certPath: join(dir, 'open-api-cert.pem'), keyPath: join(dir, 'private.key') });
    expect(byPath).toMatchObject({ baseUrl: 'https://partner.dolyame.ru/v1/', autoCommit: true, maxAmount: 3_000_000, checkSenderNetwork: true, senderNetworks: ['91.194.226.0/23'], fiscalization: { enabled: false } });
    expect(DolyameConfig.safeParse({ ...base, certPem: shop.certPem, keyPem: shop.keyPem }).success).toBe(true);
  });

  it('names the setting that is wrong', () => {
    expect(issue(DolyameConfig.safeParse({ ...base, keyPem: shop.keyPem }))).toEqual({ path: 'certPem', message: 'the mTLS certificate is required: set certPath or certPem' });
    expect(issue(DolyameConfig.safeParse({ ...base, certPath: '/nonexistent/cert.pem', keyPem: shop.keyPem }))).toEqual({ path: 'certPath', message: 'cannot read /nonexistent/cert.pem: ENOENT' });
    expect(issue(DolyameConfig.safeParse({ ...base, certPem: shop.certPem, keyPem: stranger.keyPem }))?.path).toBe('keyPem');
    expect(issue(DolyameConfig.safeParse({ ...base, certPem: shop.certPem, certPath: '/x', keyPem: shop.keyPem }))?.path).toBe('certPem');
    expect(issue(DolyameConfig.safeParse({ ...base, certPem: 'nope', keyPem: shop.keyPem }))).toEqual({ path: 'certPem', message: 'is not a PEM certificate' });
    expect(issue(DolyameConfig.safeParse({ ...base, certPem: shop.certPem, keyPem: shop.keyPem, maxAmount: 3_000_001 }))?.path).toBe('maxAmount');
    expect(issue(DolyameConfig.safeParse({ ...base, certPem: shop.certPem, keyPem: shop.keyPem, baseUrl: 'http://partner.dolyame.ru/v1/' }))?.path).toBe('baseUrl');
    expect(issue(DolyameConfig.safeParse({ ...base, certPem: shop.certPem, keyPem: shop.keyPem, senderNetworks: ['91.194.226.0'] }))?.path).toBe('senderNetworks.0');
    expect(issue(DolyameConfig.safeParse({ ...base, certPem: shop.certPem, keyPem: shop.keyPem, fiscalization: { inn: '1234567890' } }))?.path).toBe('fiscalization.inn');
    expect(issue(DolyameConfig.safeParse({ ...base, certPem: shop.certPem, keyPem: shop.keyPem, autoComit: false }))?.message).toMatch(/autoComit/);
  });
});
