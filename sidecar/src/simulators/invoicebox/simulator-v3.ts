import { type Request, type Response, Router } from 'express';
import { randomUUID } from 'node:crypto';
import { checkCreateOrder, checkRefundOrder, checkV3Headers } from './simulator-checks.js';
import type { SimOrder, SimRefund, SimState } from './simulator-state.js';
import { kopecksOf, PATHS, rubles } from './wire.js';

export function apiError(res: Response, status: number, code: string, message: string) {
  res.status(status).json({ error: { code, message } });
}

/** The v3 JSON API: bearer token, the app id in the User-Agent, orders, refund orders. */
export function v3Routes(state: SimState, baseOf: (req: Request) => string): Router {
  const router = Router();
  const authorized = (req: Request, res: Response): boolean => {
    const failure = state.failures.shift();
    if (failure) {
      apiError(res, failure.status, failure.code, failure.message);
      return false;
    }
    const check = checkV3Headers({ authorization: req.get('authorization'), userAgent: req.get('user-agent'), contentType: req.get('content-type') }, state.config, req.method === 'POST');
    if (!check.ok) apiError(res, check.status, check.code, check.message);
    return check.ok;
  };

  const findV3 = (req: Request, res: Response): SimOrder | undefined => {
    const o = state.orders.get(String(req.params.id));
    if (!o || o.version !== 'v3') apiError(res, 404, 'order_not_found', 'Order not found');
    return o?.version === 'v3' ? o : undefined;
  };

  router.get(`/v3${PATHS.auth}`, (req, res) => {
    if (authorized(req, res)) res.json({ data: { merchantId: state.config.shopId } });
  });

  router.post(`/v3${PATHS.order}`, (req, res) => {
    if (!authorized(req, res)) return;
    const check = checkCreateOrder(req.body, state.config.shopId, state.clock());
    if (!check.ok) return apiError(res, check.status, check.code, check.message);
    const body = check.value;
    const existing = state.find(body.merchantOrderId);
    if (existing) {
      // A retried create: the same order back, unless it is not the same order.
      if (existing.amount !== kopecksOf(body.amount)) return apiError(res, 409, 'order_already_exists', 'merchantOrderId is already used with another amount');
      return res.json({ data: state.orderView(existing) });
    }
    const id = randomUUID();
    const order: SimOrder = {
      version: 'v3',
      id,
      merchantOrderId: body.merchantOrderId,
      status: 'created',
      amount: kopecksOf(body.amount),
      vatAmount: kopecksOf(body.vatAmount),
      description: body.description,
      createdAt: new Date(state.clock()).toISOString(),
      expirationDate: body.expirationDate,
      paymentUrl: `${baseOf(req)}/pay/${id}`,
      successUrl: body.successUrl ?? body.returnUrl,
      failUrl: body.failUrl ?? body.returnUrl,
      notificationUrl: body.notificationUrl,
      testMode: true,
      customer: body.customer,
      lines: body.basketItems.map((item) => ({ item, refunded: 0, refundedVat: 0 })),
      v2Items: [],
      v2Refunded: 0,
      v2RefundIdents: new Set(),
      refunds: new Map(),
      notifications: [],
      request: body,
    };
    state.orders.set(id, order);
    res.json({ data: state.orderView(order) });
  });

  router.get(`/v3${PATHS.order}/:id`, (req, res) => {
    if (!authorized(req, res)) return;
    const o = findV3(req, res);
    if (o) res.json({ data: state.orderView(o) });
  });

  router.delete(`/v3${PATHS.order}/:id`, async (req, res) => {
    if (!authorized(req, res)) return;
    const o = findV3(req, res);
    if (!o) return;
    if (o.status === 'canceled') return res.json({ data: state.orderView(o) });
    if (o.status !== 'created') return apiError(res, 409, 'order_not_cancelable', `An order in status ${o.status} cannot be canceled`);
    o.status = 'canceled';
    await state.notify(o);
    res.json({ data: state.orderView(o) });
  });

  router.get(`/v3${PATHS.filter}`, (req, res) => {
    if (!authorized(req, res)) return;
    const wanted = typeof req.query.merchantOrderId === 'string' ? req.query.merchantOrderId : undefined;
    const found = [...state.orders.values()].filter((o) => o.version === 'v3' && (!wanted || o.merchantOrderId === wanted)).map((o) => state.orderView(o));
    const refunds = [...state.orders.values()].flatMap((o) => [...o.refunds.values()]).filter((r) => !wanted || r.merchantOrderId === wanted).map((r) => state.refundView(r));
    const all = [...found, ...refunds];
    res.json({ data: all, metaData: { totalCount: all.length } });
  });

  router.get(`/v3/billing/api/order/order/:id/refund-basket-item`, (req, res) => {
    if (!authorized(req, res)) return;
    const o = findV3(req, res);
    if (!o) return;
    // The SDK mock (tests/mock/success-get-basket-response.json) shows plain paid lines; the MCP server reads availableAmount.
    const open = o.lines.filter((l) => kopecksOf(l.item.totalAmount) - l.refunded > 0);
    res.json({
      data: open.map((l) =>
        state.refundBasket === 'plain'
          ? l.item
          : { ...l.item, availableAmount: rubles(kopecksOf(l.item.totalAmount) - l.refunded), availableVatAmount: rubles(kopecksOf(l.item.totalVatAmount) - l.refundedVat) },
      ),
      extendedData: [],
    });
  });

  router.post(`/v3${PATHS.refundOrder}`, (req, res) => {
    if (!authorized(req, res)) return;
    const check = checkRefundOrder(req.body);
    if (!check.ok) return apiError(res, check.status, check.code, check.message);
    const body = check.value;
    const parent = state.orders.get(body.parentId);
    if (!parent || parent.version !== 'v3') return apiError(res, 404, 'order_not_found', 'Parent order not found');
    const earlier = parent.refunds.get(body.merchantOrderId);
    if (earlier) return res.json({ data: state.refundView(earlier) });
    if (parent.status !== 'completed') return apiError(res, 409, 'order_not_completed', `Only a completed order can be refunded; this one is ${parent.status}`);
    // Each refund line takes from a paid line with the same SKU, never more than is left of it.
    const taken = parent.lines.map(() => ({ total: 0, vat: 0 }));
    for (const [i, item] of body.basketItems.entries()) {
      const total = kopecksOf(item.totalAmount);
      const index = parent.lines.findIndex((l, j) => l.item.sku === item.sku && kopecksOf(l.item.totalAmount) - l.refunded - taken[j]!.total >= total);
      if (index < 0) return apiError(res, 400, 'refund_exceeds_available', `basketItems.${i}: more than is left to refund of SKU ${item.sku}`);
      taken[index]!.total += total;
      taken[index]!.vat += kopecksOf(item.totalVatAmount);
    }
    parent.lines.forEach((l, j) => {
      l.refunded += taken[j]!.total;
      l.refundedVat += taken[j]!.vat;
    });
    const refund: SimRefund = {
      id: randomUUID(),
      parentId: parent.id,
      merchantOrderId: body.merchantOrderId,
      status: 'completed',
      amount: kopecksOf(body.amount),
      vatAmount: kopecksOf(body.vatAmount),
      basketItems: body.basketItems,
    };
    parent.refunds.set(body.merchantOrderId, refund);
    res.json({ data: state.refundView(refund) });
  });

  return router;
}
