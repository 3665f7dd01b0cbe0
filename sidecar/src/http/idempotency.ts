import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { ApiError } from '../core/errors.js';
import type { Store } from '../store/types.js';

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
/** A first request that is still running (or died) holds its key this long. */
const LEASE_MS = 120_000;

export function idempotencyKeyOf(req: Request): string {
  const key = req.get('idempotency-key');
  if (!key) throw new ApiError(400, 'idempotency_key_required', 'Idempotency-Key header is required', 'Idempotency-Key');
  if (!KEY_PATTERN.test(key)) throw new ApiError(400, 'invalid_request', 'Idempotency-Key must be 1–200 printable ASCII characters', 'Idempotency-Key');
  return key;
}

/**
 * Runs a mutating handler once per Idempotency-Key: a repeat gets the stored answer (same status,
 * same body) without touching the provider; a failed attempt that changed nothing frees the key.
 */
export async function runIdempotent(store: Store, req: Request, handler: (key: string) => Promise<Reply>, clock: () => number = Date.now): Promise<Reply> {
  const key = idempotencyKeyOf(req);
  const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const fingerprint = createHash('sha256').update(`${req.method}\n${req.originalUrl}\n`).update(raw).digest('hex');
  const begin = await store.beginIdempotent(key, fingerprint, clock(), LEASE_MS);
  if (begin.state === 'done') return { status: begin.status, body: JSON.parse(begin.body), headers: { 'idempotent-replayed': 'true' } };
  if (begin.state === 'mismatch') throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request', 'Idempotency-Key');
  if (begin.state === 'in_progress') throw new ApiError(409, 'idempotency_in_progress', 'A request with this Idempotency-Key is still being processed');
  try {
    const reply = await handler(key);
    await store.completeIdempotent(key, reply.status, JSON.stringify(reply.body), clock());
    return reply;
  } catch (error) {
    // Client errors are final answers; anything else may be retried with the same key.
    if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 409) {
      await store.completeIdempotent(key, error.status, JSON.stringify(error.toJSON()), clock());
    } else {
      await store.releaseIdempotent(key);
    }
    throw error;
  }
}
