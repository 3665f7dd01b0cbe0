import express, { Router } from 'express';
import type { CallbackService } from '../../services/callbacks.js';

/** Public endpoint providers call directly (behind the shop's reverse proxy). */
export function callbackRouter(callbacks: CallbackService): Router {
  const router = Router();
  router.use(express.raw({ type: () => true, limit: '1mb' }));
  router.all('/:provider{/:profile}', async (req, res) => {
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    const query: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(req.query)) query[name] = typeof value === 'string' ? value : undefined;
    const ack = await callbacks.handle(String(req.params.provider), {
      method: req.method,
      headers,
      query,
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      ip: req.ip ?? '',
      profile: typeof req.params.profile === 'string' ? req.params.profile : 'default',
    });
    if (ack.headers) res.set(ack.headers);
    res.status(ack.status).send(ack.body);
  });
  return router;
}
