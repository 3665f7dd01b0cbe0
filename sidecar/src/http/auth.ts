import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../core/errors.js';
import { NONCE_TTL_SECONDS, verifySignature } from '../security/signing.js';
import type { Store } from '../store/types.js';

const MESSAGES = {
  missing_headers: 'Missing signature headers',
  malformed: 'Malformed signature headers',
  bad_signature: 'Signature does not match',
  stale: 'Request timestamp is too far from the server clock',
  replay: 'Nonce already used',
} as const;

/**
 * Plugin → sidecar authentication: HMAC over method, path+query, timestamp, nonce and raw body;
 * the nonce is remembered durably only after the signature checks out.
 */
export function requireSignature(secret: string, store: Store, clock: () => number = Date.now) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const now = clock();
    const result = verifySignature(secret, {
      method: req.method,
      target: req.originalUrl,
      body,
      headers: req.headers,
      nowSeconds: Math.floor(now / 1000),
    });
    if (!result.ok) return next(new ApiError(401, 'unauthorized', MESSAGES[result.reason]));
    if (!(await store.rememberNonce(result.nonce, now, NONCE_TTL_SECONDS * 1000))) {
      return next(new ApiError(401, 'unauthorized', MESSAGES.replay));
    }
    next();
  };
}
