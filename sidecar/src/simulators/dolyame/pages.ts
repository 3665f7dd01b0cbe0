import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { SimError, advanceApproval, orderView, rejectOrder, type SimOrder } from './orders.js';
import { sendError, type DolyameSandbox } from './sandbox.js';
import { toRubles as toWire } from './wire.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The buyer approves on Dolyame's page: approved, then wait_for_commit, each notified. */
export async function approve(sandbox: DolyameSandbox, id: string): Promise<SimOrder> {
  const order = sandbox.byId(id);
  advanceApproval(order, 'approved');
  await sandbox.notify(order);
  advanceApproval(order, 'wait_for_commit');
  await sandbox.notify(order);
  return order;
}

export async function reject(sandbox: DolyameSandbox, id: string): Promise<SimOrder> {
  const order = sandbox.byId(id);
  rejectOrder(order);
  await sandbox.notify(order);
  return order;
}

/** The buyer's page and the test controls (plain HTTP, mounted by the sidecar at /sim/dolyame). */
export function sandboxPages(sandbox: DolyameSandbox): Router {
  const router = Router();
  router.use(express.json(), express.urlencoded({ extended: false }));

  router.get('/form/:id', (req, res) => {
    const order = sandbox.byId(String(req.params.id));
    const open = order.status === 'new';
    const part = toWire(Math.floor(order.amount / 4));
    const rows = order.items.map((i) => `<li>${escapeHtml(i.name)} × ${i.quantity} — ${toWire(i.price)} ₽</li>`).join('');
    res.type('html').send(`<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Долями — симулятор</title></head><body>
<h1>Долями (simulator)</h1>
<p data-testid="amount">${toWire(order.amount)} ₽ — 4 × ${part} ₽</p>
<ul data-testid="items">${rows}</ul>
<p data-testid="status">${escapeHtml(order.status)}</p>
${open ? `<form method="post"><button name="action" value="approve" data-testid="approve">Оформить</button>
<button name="action" value="reject" data-testid="reject">Отказаться</button></form>` : ''}
</body></html>`);
  });

  router.post('/form/:id', async (req, res) => {
    const action = (req.body as { action?: string }).action;
    if (action !== 'approve' && action !== 'reject') throw new SimError(400, 'Bad request', 'action must be approve or reject');
    const order = action === 'approve' ? await approve(sandbox, String(req.params.id)) : await reject(sandbox, String(req.params.id));
    res.redirect(303, action === 'approve' ? order.successUrl : order.failUrl);
  });

  router.get('/control/requests', (_req, res) => {
    res.json({ requests: sandbox.requests });
  });
  router.get('/control/orders/:id', (req, res) => {
    const order = sandbox.byId(String(req.params.id));
    res.json({ ...orderView(order, sandbox.link(order)), items: order.items, notifications: order.notifications });
  });
  router.post('/control/orders/:id/resend', async (req, res) => {
    res.json({ delivered: await sandbox.resend(sandbox.byId(String(req.params.id))) });
  });
  // The first payment is charged: committed → completed.
  router.post('/control/orders/:id/complete', async (req, res) => {
    const order = sandbox.byId(String(req.params.id));
    if (order.status !== 'committed') throw new SimError(409, 'Conflict', `Order is ${order.status}`);
    order.status = 'completed';
    await sandbox.notify(order);
    res.json(orderView(order, sandbox.link(order)));
  });
  // The bank returned the money of every pending refund of this order.
  router.post('/control/orders/:id/process-refunds', (req, res) => {
    const order = sandbox.byId(String(req.params.id));
    for (const refund of order.refunds) refund.status = 'processed';
    res.json(orderView(order, sandbox.link(order)));
  });
  router.post('/control/refund-processing', (req, res) => {
    const ms = (req.body as { afterMs?: number | null }).afterMs;
    sandbox.refundProcessMs = ms === undefined ? 50 : ms;
    res.json({ afterMs: sandbox.refundProcessMs });
  });
  router.post('/control/notifications', (req, res) => {
    sandbox.notificationsEnabled = (req.body as { enabled?: boolean }).enabled !== false;
    res.json({ enabled: sandbox.notificationsEnabled });
  });
  router.post('/control/fail-next', (req, res) => {
    const body = req.body as { status?: number; times?: number };
    for (let i = 0; i < (body.times ?? 1); i++) sandbox.failures.push(body.status ?? 500);
    res.json({ queued: sandbox.failures.length });
  });
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (error instanceof SimError) return sendError(res, error);
    next(error);
  });
  return router;
}
