import { createHash, randomUUID } from 'node:crypto';

/**
 * Pay API `requestId`s: GUIDs (≤ 36 characters). A mutating call's id is derived from what makes the
 * operation unique (e.g. the till's Idempotency-Key), so a retry — even after a restart, even
 * without our own records — reaches Koshelek with the same id and is the same operation there.
 */
export function derivedRequestId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\n')).digest('hex');
  // RFC 4122 layout with version 8 (custom, name-based) and the RFC variant bits.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A read (status) needs a unique id too, but nothing to repeat. */
export function freshRequestId(): string {
  return randomUUID();
}

export const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
