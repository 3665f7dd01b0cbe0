import express, { type Request, type Response, Router } from 'express';
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { kopecksToRubles, rublesToKopecks } from '../../core/money.js';
import { CreateRequest, RefundRequest, sign, SIGNATURE_HEADER, type Notification, type PaymentView, type ToyStatus } from './wire.js';

/** The merchant account the simulator serves. */
export interface ToyAccount {
  apiKey: string;
  webhookSecret: string;
}

interface SimPayment extends PaymentView {
  fail_url: string;
  return_url: string;
  callback_url: string;
  description: string;
  refunds: Map<string, { id: string; amount: string }>;
  notifications: Array<{ body: string; deliveredStatus: number | null }>;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function fail(res: Response, status: number, code: string, message: string) {
  res.status(status).json({ error: { code, message } });
}

/**
 * The Toy provider, simulated: a JSON API, a payment page where a click pays or declines, and
 * signed callbacks (re-sendable on request to test duplicates).
 */
export function toySimulator(config: ToyAccount): Router {
  const payments = new Map<string, SimPayment>();
  const byOrderRef = new Map<string, string>();
  const router = Router();
  router.use(express.json(), express.urlencoded({ extended: false }));

  const publicView = (p: SimPayment): PaymentView => ({
    id: p.id,
    order_ref: p.order_ref,
    status: p.status,
    amount: p.amount,
    refunded_amount: p.refunded_amount,
    currency: p.currency,
    confirmation_url: p.confirmation_url,
  });

  async function deliver(p: SimPayment, index: number, attempt = 0): Promise<void> {
    const note = p.notifications[index]!;
    let status: number | null = null;
    try {
      const response = await request(p.callback_url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(config.webhookSecret, note.body) },
        body: note.body,
      });
      await response.body.dump();
      status = response.statusCode;
    } catch {
      status = null;
    }
    note.deliveredStatus = status;
    // Like real providers: retry a few times on anything but 2xx.
    if ((status === null || status >= 300) && attempt < 4) {
      setTimeout(() => void deliver(p, index, attempt + 1), 250 * 2 ** attempt).unref();
    }
  }

  // Test control: stop sending callbacks (a provider whose notifications never arrive).
  let notificationsEnabled = true;

  function notify(p: SimPayment): Promise<void> {
    const body: Notification = {
      notification_id: randomUUID(),
      payment_id: p.id,
      order_ref: p.order_ref,
      status: p.status,
      amount: p.amount,
      refunded_amount: p.refunded_amount,
      currency: p.currency,
    };
    p.notifications.push({ body: JSON.stringify(body), deliveredStatus: null });
    return notificationsEnabled ? deliver(p, p.notifications.length - 1) : Promise.resolve();
  }

  // Test control: the next API calls answer with these errors (outages, refusals).
  const failures: Array<{ status: number; code: string; message: string }> = [];

  const authorized = (req: Request, res: Response): boolean => {
    const failure = failures.shift();
    if (failure) {
      fail(res, failure.status, failure.code, failure.message);
      return false;
    }
    if (req.get('authorization') !== `Bearer ${config.apiKey}`) {
      fail(res, 401, 'unauthorized', 'Invalid API key');
      return false;
    }
    return true;
  };

  const find = (req: Request, res: Response): SimPayment | undefined => {
    const p = payments.get(String(req.params.id));
    if (!p) fail(res, 404, 'not_found', 'Payment not found');
    return p;
  };

  router.post('/api/payments', (req, res) => {
    if (!authorized(req, res)) return;
    const parsed = CreateRequest.safeParse(req.body);
    if (!parsed.success) return fail(res, 400, 'invalid_request', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const body = parsed.data;
    const existingId = byOrderRef.get(body.order_ref);
    if (existingId) {
      const existing = payments.get(existingId)!;
      if (existing.amount !== body.amount) return fail(res, 409, 'order_ref_conflict', 'order_ref already used with another amount');
      return res.status(200).json(publicView(existing));
    }
    const id = `toy_${randomUUID()}`;
    const base = `${req.protocol}://${req.get('host')}${req.baseUrl}`;
    const payment: SimPayment = {
      id,
      order_ref: body.order_ref,
      status: 'new',
      amount: body.amount,
      refunded_amount: '0.00',
      currency: body.currency,
      confirmation_url: `${base}/pay/${id}`,
      description: body.description,
      return_url: body.return_url,
      fail_url: body.fail_url,
      callback_url: body.callback_url,
      refunds: new Map(),
      notifications: [],
    };
    payments.set(id, payment);
    byOrderRef.set(body.order_ref, id);
    res.status(201).json(publicView(payment));
  });

  router.get('/api/payments/:id', (req, res) => {
    if (!authorized(req, res)) return;
    const p = find(req, res);
    if (p) res.json(publicView(p));
  });

  router.post('/api/payments/:id/cancel', async (req, res) => {
    if (!authorized(req, res)) return;
    const p = find(req, res);
    if (!p) return;
    if (p.status === 'canceled') return res.json(publicView(p));
    if (p.status !== 'new' && p.status !== 'waiting') return fail(res, 409, 'invalid_state', `Cannot cancel a payment in status ${p.status}`);
    p.status = 'canceled';
    await notify(p);
    res.json(publicView(p));
  });

  router.post('/api/payments/:id/refunds', async (req, res) => {
    if (!authorized(req, res)) return;
    const p = find(req, res);
    if (!p) return;
    const parsed = RefundRequest.safeParse(req.body);
    if (!parsed.success) return fail(res, 400, 'invalid_request', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const previous = p.refunds.get(parsed.data.refund_ref);
    if (previous) return res.json({ id: previous.id, payment_id: p.id, amount: previous.amount, status: 'succeeded' });
    if (p.status !== 'succeeded' && p.status !== 'partially_refunded') return fail(res, 409, 'invalid_state', `Cannot refund a payment in status ${p.status}`);
    const refunded = rublesToKopecks(p.refunded_amount) + rublesToKopecks(parsed.data.amount);
    const total = rublesToKopecks(p.amount);
    if (refunded > total) return fail(res, 400, 'amount_exceeds', 'Refund exceeds the refundable amount');
    const refund = { id: `toyref_${randomUUID()}`, amount: parsed.data.amount };
    p.refunds.set(parsed.data.refund_ref, refund);
    p.refunded_amount = kopecksToRubles(refunded);
    p.status = refunded === total ? 'refunded' : 'partially_refunded';
    await notify(p);
    res.status(201).json({ id: refund.id, payment_id: p.id, amount: refund.amount, status: 'succeeded' });
  });

  router.get('/pay/:id', (req, res) => {
    const p = find(req, res);
    if (!p) return;
    if (p.status === 'new') p.status = 'waiting';
    const open = p.status === 'waiting';
    res.type('html').send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Toy payment</title></head><body>
<h1>Toy payment simulator</h1>
<p data-testid="amount">${escapeHtml(p.amount)} ${escapeHtml(p.currency)}</p>
<p data-testid="description">${escapeHtml(p.description)}</p>
<p data-testid="status">${escapeHtml(p.status)}</p>
${open ? `<form method="post"><button name="action" value="pay" data-testid="pay">Pay</button>
<button name="action" value="fail" data-testid="fail">Decline</button></form>` : ''}
</body></html>`);
  });

  router.post('/pay/:id', async (req, res) => {
    const p = find(req, res);
    if (!p) return;
    const action = (req.body as { action?: string }).action;
    if (p.status !== 'new' && p.status !== 'waiting') return fail(res, 409, 'invalid_state', `Payment is ${p.status}`);
    if (action !== 'pay' && action !== 'fail') return fail(res, 400, 'invalid_request', 'action must be pay or fail');
    p.status = (action === 'pay' ? 'succeeded' : 'failed') satisfies ToyStatus;
    await notify(p);
    res.redirect(303, action === 'pay' ? p.return_url : p.fail_url);
  });

  // Test controls: re-send the last notification unchanged (a duplicate), and inspect state.
  router.post('/control/payments/:id/resend', async (req, res) => {
    const p = find(req, res);
    if (!p) return;
    const last = p.notifications.length - 1;
    if (last < 0) return fail(res, 409, 'no_notification', 'Nothing sent yet');
    p.notifications.push({ ...p.notifications[last]!, deliveredStatus: null });
    await deliver(p, p.notifications.length - 1);
    res.json({ delivered: p.notifications.at(-1)!.deliveredStatus });
  });

  router.post('/control/notifications', (req, res) => {
    notificationsEnabled = (req.body as { enabled?: boolean }).enabled !== false;
    res.json({ enabled: notificationsEnabled });
  });

  router.post('/control/fail-next', (req, res) => {
    const body = req.body as { status?: number; code?: string; message?: string; times?: number };
    for (let i = 0; i < (body.times ?? 1); i++) {
      failures.push({ status: body.status ?? 500, code: body.code ?? 'internal_error', message: body.message ?? 'Simulated failure' });
    }
    res.json({ queued: failures.length });
  });

  router.get('/control/payments/:id', (req, res) => {
    const p = find(req, res);
    if (p) res.json({ ...publicView(p), notifications: p.notifications });
  });

  return router;
}
