import express, { Router, type Request, type Response } from 'express';
import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';
import { request } from 'undici';
import type { z } from 'zod';
import type { SimAccount } from './account.js';
import { SimAvailability } from './availability.js';
import { SimReversals } from './reversals.js';
import { SimState, type SimReply, type SimTransaction } from './state.js';
import { AvailabilityTaskRequest, CancelRequest, CheckoutRequest, ReceiptRequest, RefundRequest, StatusRequest } from './wire.js';

/** UNCERTAIN (not documented): how Koshelek answers a missing or wrong `token`. */
const BAD_TOKEN_REPLY = { status: 401, code: 'INVALID_TOKEN' } as const;

interface Failure {
  op?: string;
  status?: number;
  code?: string;
  details?: string;
  /** Answer this late; with `apply` the operation still happens (the answer is "lost" to a short timeout). */
  delayMs?: number;
  apply?: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The Koshelek Pay API, simulated under /sim/koshelek: the same paths, Basic auth and `token`
 * check, statuses, slips, error codes, idempotency by requestId and postbacks. Control endpoints
 * (/control/…) let tests play the customer and the bank, and force any HTTP answer.
 */
export function koshelekSimulator(settings: SimAccount): Router {
  let postbacksEnabled = true;
  const lastPostback = new Map<string, string>();
  // Postbacks go out after the answer, as from a real server.
  const state = new SimState(settings, (txn, ref) => setImmediate(() => void postback(txn, state.view(txn, randomUUID(), ref))));
  const reversals = new SimReversals(state);
  const availability = new SimAvailability(state);
  const replies = new Map<string, { op: string; reply: SimReply }>();
  const failures: Failure[] = [];
  /** The last body per operation exactly as received (conformance tests read it). */
  const lastBodies = new Map<string, unknown>();
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  async function postback(txn: SimTransaction, body = state.view(txn, randomUUID())): Promise<number | null> {
    const text = JSON.stringify(body);
    lastPostback.set(txn.transactionId, text);
    if (!postbacksEnabled || !settings.postbackUrl) return null;
    return deliver(text);
  }

  async function deliver(text: string, attempt = 0): Promise<number | null> {
    let status: number | null = null;
    try {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (settings.postbackLogin && settings.postbackPassword) headers.authorization = `Basic ${Buffer.from(`${settings.postbackLogin}:${settings.postbackPassword}`).toString('base64')}`;
      const response = await request(settings.postbackUrl!, { method: 'POST', headers, body: text });
      await response.body.dump();
      status = response.statusCode;
    } catch {
      status = null;
    }
    // Like a real sender: a few retries on anything but 200.
    if (status !== 200 && attempt < 3) setTimeout(() => void deliver(text, attempt + 1), 200 * 2 ** attempt).unref();
    return status;
  }

  const send = (res: Response, reply: SimReply) => {
    if (reply.headers) res.set(reply.headers);
    if (reply.body === null) res.status(reply.status).end();
    else res.status(reply.status).json(reply.body);
  };

  const authorized = (req: Request) => sameText(req.get('authorization') ?? '', `Basic ${Buffer.from(`${settings.login}:${settings.password}`).toString('base64')}`);

  function takeFailure(op: string): Failure | undefined {
    const index = failures.findIndex((f) => f.op === undefined || f.op === op);
    return index < 0 ? undefined : failures.splice(index, 1)[0];
  }

  /** One Pay API method: forced failures, auth, token, schema, then idempotency by requestId. */
  function method<S extends z.ZodType<{ requestId: string }>>(path: string, op: string, schema: S, withToken: boolean, run: (body: z.infer<S>) => SimReply) {
    router.post(`/api/v1/merchant${path}`, async (req, res) => {
      const failure = takeFailure(op);
      if (failure && !failure.apply) {
        if (failure.delayMs) await sleep(failure.delayMs);
        if (failure.status) return send(res, { status: failure.status, body: { code: failure.code ?? `HTTP_${failure.status}`, ...(failure.details ? { details: failure.details } : {}) } });
      }
      if (!authorized(req)) return send(res, { status: 401, body: { code: 'UNAUTHORIZED' } });
      if (withToken && !state.totp.verifyToken(req.get('token') ?? '', Date.now())) return send(res, { status: BAD_TOKEN_REPLY.status, body: { code: BAD_TOKEN_REPLY.code } });
      const parsed = schema.safeParse(req.body);
      if (!parsed.success) return send(res, { status: 400, body: { code: 'BAD_REQUEST', details: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } });
      state.count(op);
      lastBodies.set(op, req.body);
      const requestId = parsed.data.requestId;
      const previous = op === 'status' ? undefined : replies.get(requestId);
      let reply: SimReply;
      if (previous) {
        // The documented idempotency: the same requestId is the same operation, answered the same.
        state.stats.replays++;
        reply = previous.op === op ? previous.reply : { status: 422, body: { code: 'WRONG_TRANSACTION_STATE_CHANGE', details: 'requestId уже использован' } };
      } else {
        reply = run(parsed.data);
        if (op !== 'status' && (reply.status < 300 || reply.status === 422)) replies.set(requestId, { op, reply });
      }
      if (failure?.delayMs) await sleep(failure.delayMs);
      send(res, reply);
    });
  }

  method('/checkout', 'checkout', CheckoutRequest, true, (b) => state.checkout(b));
  method('/transaction/status', 'status', StatusRequest, false, (b) => state.status(b));
  method('/transaction/cancel', 'cancel', CancelRequest, false, (b) => reversals.cancel(b));
  method('/transaction/refund', 'refund', RefundRequest, true, (b) => reversals.refund(b));
  method('/transaction/receipt', 'receipt', ReceiptRequest, false, (b) => reversals.receipt(b));
  method('/availability-info/task', 'availability', AvailabilityTaskRequest, true, (b) => availability.task(b));
  router.get('/api/v1/merchant/availability-info/:id', (req, res) => {
    if (!authorized(req)) return send(res, { status: 401, body: { code: 'UNAUTHORIZED' } });
    state.count('availability-poll');
    send(res, availability.poll(String(req.params.id)));
  });

  // ---- Control API (tests and the shop's test mode) ----

  router.post('/control/cards', (req, res) => {
    const body = req.body as { cardNumber?: string; sessionLength?: number };
    res.json(state.issueCard(body.cardNumber ?? String(randomInt(1e12, 1e13)), body.sessionLength ?? 6));
  });

  router.post('/control/transactions/:id/confirm', (req, res) => {
    const body = req.body as { result?: 'accepted' | 'rejected'; errorCode?: string };
    const txn = state.confirm(String(req.params.id), body.result ?? 'accepted', body.errorCode);
    if (!txn) return res.status(409).json({ code: 'NOT_WAITING' });
    res.json({ status: txn.status });
  });

  router.post('/control/transactions/:id/settle-refunds', (req, res) => {
    const txn = reversals.settleRefunds(String(req.params.id), (req.body as { refStatus?: 'accepted' | 'rejected' }).refStatus ?? 'accepted');
    if (!txn) return res.status(404).json({ code: 'NOT_FOUND' });
    res.json({ status: txn.status, refunded: txn.refunded });
  });

  // Re-sends the last postback unchanged (a duplicate delivery).
  router.post('/control/transactions/:id/postback', async (req, res) => {
    const text = lastPostback.get(String(req.params.id));
    if (!text) return res.status(409).json({ code: 'NO_POSTBACK' });
    res.json({ delivered: await deliver(text, 3) });
  });

  router.get('/control/transactions/:id', (req, res) => {
    const txn = state.transactions.get(String(req.params.id));
    if (!txn) return res.status(404).json({ code: 'NOT_FOUND' });
    res.json(txn);
  });

  router.post('/control/mode', (req, res) => {
    Object.assign(state.mode, req.body as Partial<SimState['mode']>);
    const next = (req.body as { nextRefundError?: string }).nextRefundError;
    if (next !== undefined) state.nextRefundError = next;
    res.json(state.mode);
  });

  router.post('/control/payment-types', (req, res) => {
    const body = req.body as { add?: string[]; remove?: string[] };
    for (const t of body.add ?? []) state.paymentTypes.add(t);
    for (const t of body.remove ?? []) state.paymentTypes.delete(t);
    res.json({ paymentTypes: [...state.paymentTypes] });
  });

  router.post('/control/postbacks', (req, res) => {
    postbacksEnabled = (req.body as { enabled?: boolean }).enabled !== false;
    res.json({ enabled: postbacksEnabled });
  });

  // The next matching API call answers with this status (any HTTP code), or late.
  router.post('/control/fail-next', (req, res) => {
    const body = req.body as Failure & { times?: number };
    for (let i = 0; i < (body.times ?? 1); i++) failures.push({ ...body });
    res.json({ queued: failures.length });
  });

  router.get('/control/last-request/:op', (req, res) => {
    if (!lastBodies.has(String(req.params.op))) return res.status(404).json({ code: 'NOT_FOUND' });
    res.json(lastBodies.get(String(req.params.op)));
  });

  router.get('/control/stats', (_req, res) => {
    res.json(state.stats);
  });

  // A card for the shop's test mode: scan the QR from the screen with the till's scanner.
  router.get('/card', async (_req, res) => {
    const card = state.issueCard(String(randomInt(1e12, 1e13)));
    const qr = await QRCode.toDataURL(card.payloads.qr!, { margin: 1, width: 240 });
    res.type('html').send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Koshelek test card</title></head><body>
<h1>Koshelek Pay test card</h1>
<p>Card <b data-testid="card">${escapeHtml(card.cardNumber)}</b>, session <b data-testid="session">${escapeHtml(card.cardSession)}</b> (valid 10 minutes, one payment).</p>
<img alt="QR" src="${qr}">
<ul>${Object.entries(card.payloads).map(([f, p]) => `<li>${escapeHtml(f)}: <code>${escapeHtml(String(p).replace(/\u001d/g, '<GS>'))}</code></li>`).join('')}</ul>
<p>The customer confirms automatically after ${state.mode.confirmAfterMs} ms.</p>
</body></html>`);
  });

  return router;
}
