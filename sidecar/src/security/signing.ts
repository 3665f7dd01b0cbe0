import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Signing scheme shared with the PHP plugin; see docs/contract.md. */
export const SIGNATURE_HEADER = 'x-rup-signature';
export const TIMESTAMP_HEADER = 'x-rup-timestamp';
export const NONCE_HEADER = 'x-rup-nonce';
export const MAX_SKEW_SECONDS = 300;
export const NONCE_TTL_SECONDS = 600;
const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const SIGNATURE_PATTERN = /^v1=[0-9a-f]{64}$/;

export interface SignedParts {
  method: string;
  target: string;
  timestamp: string;
  nonce: string;
  body: Buffer | string;
}

export function canonicalString(parts: SignedParts): string {
  const bodyHash = createHash('sha256').update(parts.body).digest('hex');
  return ['v1', parts.method.toUpperCase(), parts.target, parts.timestamp, parts.nonce, bodyHash].join('\n');
}

export function sign(secret: string, parts: SignedParts): string {
  return `v1=${createHmac('sha256', secret).update(canonicalString(parts)).digest('hex')}`;
}

export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

/** Headers for an outgoing signed request. */
export function signedHeaders(
  secret: string,
  method: string,
  target: string,
  body: Buffer | string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const timestamp = String(nowSeconds);
  const nonce = newNonce();
  return {
    [TIMESTAMP_HEADER]: timestamp,
    [NONCE_HEADER]: nonce,
    [SIGNATURE_HEADER]: sign(secret, { method, target, timestamp, nonce, body }),
  };
}

export type VerifyFailure = 'missing_headers' | 'malformed' | 'bad_signature' | 'stale';

export interface VerifyInput {
  method: string;
  target: string;
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
  nowSeconds: number;
}

/**
 * Checks format, skew and signature. Replay (nonce reuse) is checked by the caller against the
 * durable store only after this passes, so forged requests cannot fill the nonce table.
 */
export function verifySignature(secret: string, input: VerifyInput): { ok: true; nonce: string } | { ok: false; reason: VerifyFailure } {
  const header = (name: string): string | undefined => {
    const value = input.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const timestamp = header(TIMESTAMP_HEADER);
  const nonce = header(NONCE_HEADER);
  const signature = header(SIGNATURE_HEADER);
  if (!timestamp || !nonce || !signature) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(timestamp) || !NONCE_PATTERN.test(nonce) || !SIGNATURE_PATTERN.test(signature)) {
    return { ok: false, reason: 'malformed' };
  }
  if (Math.abs(input.nowSeconds - Number(timestamp)) > MAX_SKEW_SECONDS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(sign(secret, { method: input.method, target: input.target, timestamp, nonce, body: input.body }));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
  return { ok: true, nonce };
}
