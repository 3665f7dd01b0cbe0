import express, { type Request, Router } from 'express';
import type { ProviderRegistry } from '../../providers/registry.js';
import type { CallbackService } from '../../services/callbacks.js';
import type { PaymentService } from '../../services/payments.js';
import type { Store } from '../../store/types.js';
import { requireSignature } from '../auth.js';
import { jsonBody, routeHelpers } from '../route-helpers.js';
import { CaptureBody, CreatePaymentBody, EmptyBody, PaymentIdParam, PaymentQuery, RefundBody, RelayBody, paymentView, refundView } from '../schemas.js';
import { parseInput } from '../validate.js';

export interface ApiDeps {
  secret: string;
  store: Store;
  registry: ProviderRegistry;
  payments: PaymentService;
  callbacks: CallbackService;
  version: string;
  clock?: () => number;
}

/** The signed API the WordPress plugin (and cash-register software) calls. */
export function apiRouter(deps: ApiDeps): Router {
  const { store, registry, payments, callbacks } = deps;
  const router = Router();
  router.use(express.raw({ type: () => true, limit: '1mb' }));
  router.use(requireSignature(deps.secret, store, deps.clock));

  const { get, post } = routeHelpers(router, store, deps.clock);
  const paymentId = (req: Request) => parseInput(PaymentIdParam, req.params, 'params').id;

  get('/readyz', async () => {
    await store.ping();
    return { status: 200, body: { ok: true, store: 'ok', version: deps.version, providers: registry.ids() } };
  });

  post('/payments', async (req, key, timing) => {
    const body = parseInput(CreatePaymentBody, jsonBody(req), 'body');
    return { status: 201, body: paymentView(await payments.create(body, key, timing)) };
  });

  get('/payments/:id', async (req, timing) => {
    const id = paymentId(req);
    const query = parseInput(PaymentQuery, req.query, 'query');
    const payment = query.refresh === '1' ? await payments.refresh(id, timing) : await payments.get(id);
    return { status: 200, body: paymentView(payment) };
  });

  post('/payments/:id/cancel', async (req, _key, timing) => {
    parseInput(EmptyBody, jsonBody(req), 'body');
    return { status: 200, body: paymentView(await payments.cancel(paymentId(req), timing)) };
  });

  post('/payments/:id/capture', async (req, _key, timing) => {
    const body = parseInput(CaptureBody, jsonBody(req), 'body');
    return { status: 200, body: paymentView(await payments.capture(paymentId(req), body.amount, timing, body.items)) };
  });

  post('/payments/:id/refunds', async (req, key, timing) => {
    const id = paymentId(req);
    const body = parseInput(RefundBody, jsonBody(req), 'body');
    const { refund, payment } = await payments.refund(id, body.amount, body.reason, key, timing, body.items);
    return { status: 201, body: { refund: refundView(refund), payment: paymentView(payment) } };
  });

  // The plugin's relay for shops whose sidecar is not reachable from the internet: the provider's
  // raw bytes, headers and sender IP arrive unchanged, and the answer goes back verbatim.
  post('/relay/callback/:provider', async (req) => {
    const body = parseInput(RelayBody, jsonBody(req), 'body');
    const headers = Object.fromEntries(Object.entries(body.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const ack = await callbacks.handle(String(req.params.provider), {
      method: body.method,
      headers,
      query: body.query,
      body: Buffer.from(body.body_base64, 'base64'),
      ip: body.ip,
      profile: body.profile,
    });
    return { status: 200, body: { status: ack.status, headers: ack.headers ?? {}, body: ack.body } };
  });

  return router;
}
