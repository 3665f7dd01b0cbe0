import { createHmac, timingSafeEqual } from 'node:crypto';

/** Toy callbacks: `X-Toy-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`. */
export function toySignature(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function verifyToySignature(secret: string, body: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(toySignature(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
