import { randomBytes } from 'node:crypto';

/** Opaque, URL-safe, prefixed ids: the prefix tells a log reader what the id is. */
export function newId(prefix: 'pay' | 'ref' | 'evt'): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
