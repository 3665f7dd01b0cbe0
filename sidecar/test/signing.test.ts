import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalString, sign, signedHeaders, verifySignature } from '../src/security/signing.js';

interface Vector { method: string; target: string; timestamp: string; nonce: string; body: string; canonical: string; signature: string }
const vectors = JSON.parse(readFileSync(new URL('../../plugin/tests/fixtures/signing-vectors.json', import.meta.url), 'utf8')) as { secret: string; cases: Vector[] };

describe('signing (fixed vectors shared with the PHP plugin)', () => {
  it.each(vectors.cases)('$method $target', (v) => {
    expect(canonicalString(v)).toBe(v.canonical);
    expect(sign(vectors.secret, v)).toBe(v.signature);
    const headers = { 'x-rup-timestamp': v.timestamp, 'x-rup-nonce': v.nonce, 'x-rup-signature': v.signature };
    expect(verifySignature(vectors.secret, { method: v.method, target: v.target, body: Buffer.from(v.body), headers, nowSeconds: Number(v.timestamp) + 10 })).toEqual({ ok: true, nonce: v.nonce });
  });
});

describe('verifySignature', () => {
  const secret = 'x'.repeat(40);
  const now = 1_800_000_000;
  const body = Buffer.from('{"a":1}');
  const headers = signedHeaders(secret, 'POST', '/v1/payments', body, now);
  const check = (patch: Partial<Parameters<typeof verifySignature>[1]>) =>
    verifySignature(secret, { method: 'POST', target: '/v1/payments', body, headers, nowSeconds: now, ...patch });

  it('accepts the untouched request', () => expect(check({}).ok).toBe(true));
  it('rejects another method, target or body', () => {
    expect(check({ method: 'PUT' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(check({ target: '/v1/payments?x=1' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(check({ body: Buffer.from('{"a":2}') })).toEqual({ ok: false, reason: 'bad_signature' });
  });
  it('rejects another secret', () => expect(verifySignature('y'.repeat(40), { method: 'POST', target: '/v1/payments', body, headers, nowSeconds: now }).ok).toBe(false));
  it('allows 300 s of skew, not 301', () => {
    expect(check({ nowSeconds: now + 300 }).ok).toBe(true);
    expect(check({ nowSeconds: now - 300 }).ok).toBe(true);
    expect(check({ nowSeconds: now + 301 })).toEqual({ ok: false, reason: 'stale' });
    expect(check({ nowSeconds: now - 301 })).toEqual({ ok: false, reason: 'stale' });
  });
  it('rejects missing and malformed headers', () => {
    expect(check({ headers: { ...headers, 'x-rup-nonce': undefined } })).toEqual({ ok: false, reason: 'missing_headers' });
    expect(check({ headers: { ...headers, 'x-rup-nonce': 'short' } })).toEqual({ ok: false, reason: 'malformed' });
    expect(check({ headers: { ...headers, 'x-rup-signature': 'v2=abc' } })).toEqual({ ok: false, reason: 'malformed' });
  });
});
