import { type Request, type Response, Router } from 'express';
import { kopecksToRubles } from '../../core/money.js';
import { escapeHtml } from '../shared/html.js';
import type { SimOrder, SimState } from './simulator-state.js';
import { deliver, type SentNotification } from './simulator-notify.js';
import { apiError } from './simulator-v3.js';
import { kopecksOf, rubles } from './wire.js';

/** The payment page (a click pays or declines) and the test controls. */
export function pageRoutes(state: SimState): Router {
  const router = Router();
  // ------------------------------------------------------------ the payment page

  router.get('/pay/:id', (req, res) => {
    const o = state.orders.get(String(req.params.id));
    if (!o) return res.status(404).type('html').send('<!doctype html><p>Order not found</p>');
    const open = o.status === 'created';
    const payer = o.customer.type === 'legal' ? `<p data-testid="payer">Счёт для юрлица / invoice: ${escapeHtml(String(o.customer.name ?? ''))}, ИНН ${escapeHtml(String(o.customer.vatNumber ?? o.customer.inn ?? ''))}</p>` : '';
    res.type('html').send(`<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Invoicebox — оплата</title></head><body>
<h1>Invoicebox payment simulator (API ${o.version})</h1>
<p data-testid="amount">${escapeHtml(kopecksToRubles(o.amount))} RUB</p>
<p data-testid="description">${escapeHtml(o.description)}</p>
${payer}
<p data-testid="status">${escapeHtml(o.status)}</p>
${open ? `<form method="post"><button name="action" value="pay" data-testid="pay">Pay</button>
<button name="action" value="fail" data-testid="fail">Decline</button></form>` : ''}
</body></html>`);
  });

  router.post('/pay/:id', async (req, res) => {
    const o = state.orders.get(String(req.params.id));
    if (!o) return apiError(res, 404, 'order_not_found', 'Order not found');
    const action = (req.body as { action?: string }).action;
    if (o.status !== 'created') return apiError(res, 409, 'invalid_state', `Order is ${o.status}`);
    if (action !== 'pay' && action !== 'fail') return apiError(res, 400, 'invalid_request', 'action must be pay or fail');
    // A declined card leaves the order open (the buyer may try again); only a payment completes it.
    if (action === 'pay') {
      o.status = 'completed';
      await state.notify(o);
    }
    const target = action === 'pay' ? o.successUrl : o.failUrl;
    if (target) res.redirect(303, target);
    else res.json({ status: o.status });
  });

  // ------------------------------------------------------------ test controls

  const control = (req: Request, res: Response): SimOrder | undefined => {
    const o = state.find(String(req.params.ref));
    if (!o) apiError(res, 404, 'order_not_found', 'Order not found');
    return o;
  };

  const view = (o: SimOrder) => ({
    ...state.orderView(o),
    version: o.version,
    testMode: o.testMode,
    v2Items: o.v2Items,
    request: o.request,
    refunds: [...o.refunds.values()].map((r) => state.refundView(r)),
    v2Refunded: o.v2Refunded,
    available: o.lines.map((l) => rubles(kopecksOf(l.item.totalAmount) - l.refunded)),
    notifications: o.notifications,
  });

  router.get('/control/orders', (_req, res) => {
    res.json({ orders: [...state.orders.values()].map((o) => ({ id: o.id, version: o.version, merchantOrderId: o.merchantOrderId, status: o.status })) });
  });

  router.get('/control/orders/:ref', (req, res) => {
    const o = control(req, res);
    if (o) res.json(view(o));
  });

  // Re-sends the last notification unchanged: a duplicate.
  router.post('/control/orders/:ref/resend', async (req, res) => {
    const o = control(req, res);
    if (!o) return;
    const last = o.notifications.at(-1);
    if (!last || !o.notificationUrl) return apiError(res, 409, 'no_notification', 'Nothing sent yet');
    const copy: SentNotification = { ...last, deliveredStatus: null, answer: null, answerUserAgent: null, accepted: false };
    o.notifications.push(copy);
    await deliver(o.notificationUrl, copy, o.version, 0);
    res.json(copy);
  });

  // A custom notification: other fields (amount, currency, shop id, status…), a forged signature, once, no retries.
  router.post('/control/orders/:ref/notify', async (req, res) => {
    const o = control(req, res);
    if (!o) return;
    const body = (req.body ?? {}) as { override?: Record<string, unknown>; badSignature?: boolean };
    res.json(await state.notify(o, body.override ?? {}, body.badSignature === true, 0));
  });

  // The order's lifetime ran out (v3).
  router.post('/control/orders/:ref/expire', async (req, res) => {
    const o = control(req, res);
    if (!o) return;
    if (o.status !== 'created') return apiError(res, 409, 'invalid_state', `Order is ${o.status}`);
    o.status = 'expired';
    if (o.version === 'v3') await state.notify(o);
    res.json(view(o));
  });

  router.post('/control/notifications', (req, res) => {
    state.notificationsEnabled = (req.body as { enabled?: boolean }).enabled !== false;
    res.json({ enabled: state.notificationsEnabled });
  });

  router.post('/control/fail-next', (req, res) => {
    const body = req.body as { status?: number; code?: string; message?: string; times?: number };
    for (let i = 0; i < (body.times ?? 1); i++) state.failures.push({ status: body.status ?? 500, code: body.code ?? 'internal_error', message: body.message ?? 'Simulated failure' });
    res.json({ queued: state.failures.length });
  });

  router.post('/control/refund-basket', (req, res) => {
    const shape = (req.body as { shape?: string }).shape;
    if (shape === 'plain' || shape === 'available') state.refundBasket = shape;
    res.json({ shape: state.refundBasket });
  });

  return router;
}
