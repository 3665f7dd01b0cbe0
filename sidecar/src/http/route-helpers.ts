import type { Request, Response, Router } from 'express';
import { ApiError } from '../core/errors.js';
import type { Timing } from '../core/timing.js';
import type { Store } from '../store/types.js';
import { runIdempotent, type Reply } from './idempotency.js';

/** The raw body (routers under /v1 read it raw for the signature) parsed as JSON. */
export function jsonBody(req: Request): unknown {
  const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ApiError(400, 'invalid_json', 'Body is not valid JSON', 'body');
  }
}

function send(res: Response, reply: Reply, timing?: Timing): void {
  if (timing && timing.providerMs > 0) res.set('server-timing', `provider;dur=${timing.providerMs.toFixed(2)}`);
  if (reply.headers) res.set(reply.headers);
  res.status(reply.status).json(reply.body);
}

export type GetHandler = (req: Request, timing: Timing) => Promise<Reply>;
export type PostHandler = (req: Request, key: string, timing: Timing) => Promise<Reply>;

/** GET and idempotent POST route builders shared by the core API and connectors' extra routes. */
export function routeHelpers(router: Router, store: Store, clock?: () => number) {
  return {
    get(path: string, handler: GetHandler) {
      router.get(path, async (req, res) => {
        const timing = { providerMs: 0 };
        send(res, await handler(req, timing), timing);
      });
    },
    post(path: string, handler: PostHandler) {
      router.post(path, async (req, res) => {
        const timing = { providerMs: 0 };
        send(res, await runIdempotent(store, req, (key) => handler(req, key, timing), clock), timing);
      });
    },
  };
}
