import express, { type Request, type Response, Router } from 'express';
import { randomInt, randomUUID } from 'node:crypto';
import { kopecksToRubles, rublesToKopecks } from '../../core/money.js';
import { toRubles } from '../../providers/invoicebox/basket.js';
import { V2_FORM_PATH, V3_PATHS } from '../../providers/invoicebox/protocol.js';
import type { V2FormItem, V3BasketItem, V3OrderStatus } from '../../providers/invoicebox/schemas.js';
import { checkCreateOrder, checkRefundOrder, checkV2Form, checkV3Headers } from './simulator-checks.js';
import { deliver, v2Notification, v3Notification, type SentNotification } from './simulator-notify.js';
import type { V2SignedNotification } from '../../providers/invoicebox/signature.js';

interface SimLine {
  item: V3BasketItem;
  refunded: number;
  refundedVat: number;
}

interface SimRefund {
  id: string;
  parentId: string;
  merchantOrderId: string;
  status: V3OrderStatus;
  amount: number;
  vatAmount: number;
  basketItems: V3BasketItem[];
}

interface SimOrder {
  version: 'v3' | 'v2';
  /** v3: order UUID; v2: ucode. */
  id: string;
  /** v3: merchantOrderId; v2: itransfer_order_id. */
  merchantOrderId: string;
  status: V3OrderStatus;
  amount: number;
  vatAmount: number;
  description: string;
  createdAt: string;
  expirationDate: string | null;
  paymentUrl: string;
  successUrl: string | undefined;
  failUrl: string | undefined;
  notificationUrl: string | undefined;
  testMode: boolean;
  customer: Record<string, unknown>;
  lines: SimLine[];
  v2Items: V2FormItem[];
  refunds: Map<string, SimRefund>;
  notifications: SentNotification[];
  /** The request as received, for tests to inspect. */
  request: unknown;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const ucode = () => Array.from({ length: 4 }, () => String(randomInt(0, 100_000)).padStart(5, '0')).join('-');
const v2Time = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

function apiError(res: Response, status: number, code: string, message: string) {
  res.status(status).json({ error: { code, message } });
}

/**
 * Invoicebox, simulated (mounted at /sim/invoicebox): the v3 JSON API, the v2 payment form, a
 * payment page where a click pays or declines, and signed notifications (duplicates and custom or
 * out-of-order ones on request through /control). One merchant account: v3 merchantId and v2
 * participant id are `shopId`, the API key is the v3 token and the v2 signing key, and the
 * notification token signs v3 notifications.
 */
export function invoiceboxSimulator(config: { shopId: string; regionalCode?: string; apiKey: string; notificationToken?: string }, options: { clock?: () => number } = {}): Router {
  const clock = options.clock ?? Date.now;
  const orders = new Map<string, SimOrder>();
  const router = Router();
  router.use(express.json(), express.urlencoded({ extended: false }));
  const account = { shopId: config.shopId, regionalCode: config.regionalCode ?? '', apiKey: config.apiKey };
  const baseOf = (req: Request) => `${req.protocol}://${req.get('host')}${req.baseUrl}`;

  const find = (ref: string): SimOrder | undefined => orders.get(ref) ?? [...orders.values()].find((o) => o.merchantOrderId === ref);

  // ------------------------------------------------------------ notifications

  let notificationsEnabled = true;

  function orderView(o: SimOrder) {
    return {
      id: o.id,
      merchantId: config.shopId,
      merchantOrderId: o.merchantOrderId,
      status: o.status,
      amount: toRubles(o.amount),
      vatAmount: toRubles(o.vatAmount),
      currencyId: 'RUB',
      languageId: 'ru',
      description: o.description,
      createdAt: o.createdAt,
      expirationDate: o.expirationDate,
      paymentUrl: o.paymentUrl,
      customer: o.customer,
      basketItems: o.lines.map((l) => l.item),
    };
  }

  function v2Fields(o: SimOrder): V2SignedNotification {
    return {
      participantId: config.shopId,
      participantOrderId: o.merchantOrderId,
      ucode: o.id,
      timetype: '1',
      time: v2Time(clock()),
      amount: kopecksToRubles(o.amount),
      currency: 'RUB',
      agentName: 'Банковская карта (симулятор)',
      agentPointName: 'Invoicebox simulator',
      testMode: o.testMode ? '1' : '0',
    };
  }

  /** Builds (with optional overrides, e.g. another amount or shop) and sends one notification. */
  async function notify(o: SimOrder, override: Record<string, unknown> = {}, badSignature = false, retries = 3): Promise<SentNotification> {
    const note =
      o.version === 'v3'
        ? v3Notification({ ...orderView(o), ...override }, config.notificationToken ?? '', { badSignature })
        : v2Notification({ ...v2Fields(o), ...(Object.fromEntries(Object.entries(override).map(([k, v]) => [k, String(v)])) as Partial<V2SignedNotification>) }, config.apiKey, { badSignature });
    o.notifications.push(note);
    if (notificationsEnabled && o.notificationUrl) await deliver(o.notificationUrl, note, o.version, retries);
    return note;
  }

  // ------------------------------------------------------------ API v3

  const failures: Array<{ status: number; code: string; message: string }> = [];

  const authorized = (req: Request, res: Response): boolean => {
    const failure = failures.shift();
    if (failure) {
      apiError(res, failure.status, failure.code, failure.message);
      return false;
    }
    const check = checkV3Headers({ authorization: req.get('authorization'), userAgent: req.get('user-agent'), contentType: req.get('content-type') }, account, req.method === 'POST');
    if (!check.ok) apiError(res, check.status, check.code, check.message);
    return check.ok;
  };

  const findV3 = (req: Request, res: Response): SimOrder | undefined => {
    const o = orders.get(String(req.params.id));
    if (!o || o.version !== 'v3') apiError(res, 404, 'order_not_found', 'Order not found');
    return o?.version === 'v3' ? o : undefined;
  };

  router.get(`/v3${V3_PATHS.auth}`, (req, res) => {
    if (authorized(req, res)) res.json({ data: { merchantId: config.shopId } });
  });

  router.post(`/v3${V3_PATHS.order}`, (req, res) => {
    if (!authorized(req, res)) return;
    const check = checkCreateOrder(req.body, config.shopId, clock());
    if (!check.ok) return apiError(res, check.status, check.code, check.message);
    const body = check.value;
    const existing = find(body.merchantOrderId);
    if (existing) {
      // A retried create: the same order back, unless it is not the same order.
      if (existing.amount !== rublesToKopecks(body.amount)) return apiError(res, 409, 'order_already_exists', 'merchantOrderId is already used with another amount');
      return res.json({ data: orderView(existing) });
    }
    const id = randomUUID();
    const order: SimOrder = {
      version: 'v3',
      id,
      merchantOrderId: body.merchantOrderId,
      status: 'created',
      amount: rublesToKopecks(body.amount),
      vatAmount: rublesToKopecks(body.vatAmount),
      description: body.description,
      createdAt: new Date(clock()).toISOString(),
      expirationDate: body.expirationDate,
      paymentUrl: `${baseOf(req)}/pay/${id}`,
      successUrl: body.successUrl ?? body.returnUrl,
      failUrl: body.failUrl ?? body.returnUrl,
      notificationUrl: body.notificationUrl,
      testMode: true,
      customer: body.customer,
      lines: body.basketItems.map((item) => ({ item, refunded: 0, refundedVat: 0 })),
      v2Items: [],
      refunds: new Map(),
      notifications: [],
      request: body,
    };
    orders.set(id, order);
    res.json({ data: orderView(order) });
  });

  router.get(`/v3${V3_PATHS.order}/:id`, (req, res) => {
    if (!authorized(req, res)) return;
    const o = findV3(req, res);
    if (o) res.json({ data: orderView(o) });
  });

  router.delete(`/v3${V3_PATHS.order}/:id`, async (req, res) => {
    if (!authorized(req, res)) return;
    const o = findV3(req, res);
    if (!o) return;
    if (o.status === 'canceled') return res.json({ data: orderView(o) });
    if (o.status !== 'created') return apiError(res, 409, 'order_not_cancelable', `An order in status ${o.status} cannot be canceled`);
    o.status = 'canceled';
    await notify(o);
    res.json({ data: orderView(o) });
  });

  router.get(`/v3${V3_PATHS.filter}`, (req, res) => {
    if (!authorized(req, res)) return;
    const wanted = typeof req.query.merchantOrderId === 'string' ? req.query.merchantOrderId : undefined;
    const found = [...orders.values()].filter((o) => o.version === 'v3' && (!wanted || o.merchantOrderId === wanted)).map(orderView);
    const refunds = [...orders.values()].flatMap((o) => [...o.refunds.values()]).filter((r) => !wanted || r.merchantOrderId === wanted).map(refundView);
    const all = [...found, ...refunds];
    res.json({ data: all, metaData: { totalCount: all.length } });
  });

  router.get(`/v3/billing/api/order/order/:id/refund-basket-item`, (req, res) => {
    if (!authorized(req, res)) return;
    const o = findV3(req, res);
    if (!o) return;
    res.json({
      data: o.lines.map((l) => ({
        ...l.item,
        availableAmount: toRubles(rublesToKopecks(l.item.totalAmount) - l.refunded),
        availableVatAmount: toRubles(rublesToKopecks(l.item.totalVatAmount) - l.refundedVat),
      })),
    });
  });

  function refundView(r: SimRefund) {
    return { id: r.id, parentId: r.parentId, merchantOrderId: r.merchantOrderId, status: r.status, amount: toRubles(r.amount), vatAmount: toRubles(r.vatAmount), currencyId: 'RUB', basketItems: r.basketItems };
  }

  router.post(`/v3${V3_PATHS.refundOrder}`, (req, res) => {
    if (!authorized(req, res)) return;
    const check = checkRefundOrder(req.body);
    if (!check.ok) return apiError(res, check.status, check.code, check.message);
    const body = check.value;
    const parent = orders.get(body.parentId);
    if (!parent || parent.version !== 'v3') return apiError(res, 404, 'order_not_found', 'Parent order not found');
    const earlier = parent.refunds.get(body.merchantOrderId);
    if (earlier) return res.json({ data: refundView(earlier) });
    if (parent.status !== 'completed') return apiError(res, 409, 'order_not_completed', `Only a completed order can be refunded; this one is ${parent.status}`);
    // Each refund line takes from a paid line with the same SKU, never more than is left of it.
    const taken = parent.lines.map(() => ({ total: 0, vat: 0 }));
    for (const [i, item] of body.basketItems.entries()) {
      const total = rublesToKopecks(item.totalAmount);
      const index = parent.lines.findIndex((l, j) => l.item.sku === item.sku && rublesToKopecks(l.item.totalAmount) - l.refunded - taken[j]!.total >= total);
      if (index < 0) return apiError(res, 400, 'refund_exceeds_available', `basketItems.${i}: more than is left to refund of SKU ${item.sku}`);
      taken[index]!.total += total;
      taken[index]!.vat += rublesToKopecks(item.totalVatAmount);
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
      amount: rublesToKopecks(body.amount),
      vatAmount: rublesToKopecks(body.vatAmount),
      basketItems: body.basketItems,
    };
    parent.refunds.set(body.merchantOrderId, refund);
    res.json({ data: refundView(refund) });
  });

  // ------------------------------------------------------------ API v2: the payment form

  router.post(`/v2${V2_FORM_PATH}`, (req, res) => {
    const fields = Object.fromEntries(Object.entries((req.body ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const check = checkV2Form(fields, account);
    if (!check.ok) {
      return res.status(check.status).type('html').send(`<!doctype html><meta charset="utf-8"><title>Invoicebox</title><h1>Ошибка</h1><p data-testid="error" data-code="${check.code}">${escapeHtml(check.message)}</p>`);
    }
    const { header, items } = check.value;
    const existing = find(header.itransfer_order_id);
    if (existing) {
      if (existing.status !== 'created' || existing.amount !== rublesToKopecks(header.itransfer_order_amount)) {
        return res.status(409).type('html').send(`<!doctype html><meta charset="utf-8"><p data-testid="error" data-code="order_exists">Заказ уже ${escapeHtml(existing.status)}</p>`);
      }
      return res.redirect(303, existing.paymentUrl);
    }
    const id = ucode();
    const order: SimOrder = {
      version: 'v2',
      id,
      merchantOrderId: header.itransfer_order_id,
      status: 'created',
      amount: rublesToKopecks(header.itransfer_order_amount),
      vatAmount: 0,
      description: header.itransfer_order_description,
      createdAt: new Date(clock()).toISOString(),
      expirationDate: null,
      paymentUrl: `${baseOf(req)}/pay/${id}`,
      successUrl: header.itransfer_url_returnsuccess,
      failUrl: header.itransfer_url_cancel,
      notificationUrl: header.itransfer_url_notify,
      testMode: header.itransfer_testmode === '1',
      customer: { type: header.itransfer_body_type, name: header.itransfer_person_name, inn: header.itransfer_organization_tin },
      lines: [],
      v2Items: items,
      refunds: new Map(),
      notifications: [],
      request: fields,
    };
    orders.set(id, order);
    res.redirect(303, order.paymentUrl);
  });

  // ------------------------------------------------------------ the payment page

  router.get('/pay/:id', (req, res) => {
    const o = orders.get(String(req.params.id));
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
    const o = orders.get(String(req.params.id));
    if (!o) return apiError(res, 404, 'order_not_found', 'Order not found');
    const action = (req.body as { action?: string }).action;
    if (o.status !== 'created') return apiError(res, 409, 'invalid_state', `Order is ${o.status}`);
    if (action !== 'pay' && action !== 'fail') return apiError(res, 400, 'invalid_request', 'action must be pay or fail');
    // A declined card leaves the order open (the buyer may try again); only a payment completes it.
    if (action === 'pay') {
      o.status = 'completed';
      await notify(o);
    }
    const target = action === 'pay' ? o.successUrl : o.failUrl;
    if (target) res.redirect(303, target);
    else res.json({ status: o.status });
  });

  // ------------------------------------------------------------ test controls

  const control = (req: Request, res: Response): SimOrder | undefined => {
    const o = find(String(req.params.ref));
    if (!o) apiError(res, 404, 'order_not_found', 'Order not found');
    return o;
  };

  const state = (o: SimOrder) => ({
    ...orderView(o),
    version: o.version,
    testMode: o.testMode,
    v2Items: o.v2Items,
    request: o.request,
    refunds: [...o.refunds.values()].map(refundView),
    available: o.lines.map((l) => toRubles(rublesToKopecks(l.item.totalAmount) - l.refunded)),
    notifications: o.notifications,
  });

  router.get('/control/orders', (_req, res) => {
    res.json({ orders: [...orders.values()].map((o) => ({ id: o.id, version: o.version, merchantOrderId: o.merchantOrderId, status: o.status })) });
  });

  router.get('/control/orders/:ref', (req, res) => {
    const o = control(req, res);
    if (o) res.json(state(o));
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
    res.json(await notify(o, body.override ?? {}, body.badSignature === true, 0));
  });

  // The order's lifetime ran out (v3).
  router.post('/control/orders/:ref/expire', async (req, res) => {
    const o = control(req, res);
    if (!o) return;
    if (o.status !== 'created') return apiError(res, 409, 'invalid_state', `Order is ${o.status}`);
    o.status = 'expired';
    if (o.version === 'v3') await notify(o);
    res.json(state(o));
  });

  router.post('/control/notifications', (req, res) => {
    notificationsEnabled = (req.body as { enabled?: boolean }).enabled !== false;
    res.json({ enabled: notificationsEnabled });
  });

  router.post('/control/fail-next', (req, res) => {
    const body = req.body as { status?: number; code?: string; message?: string; times?: number };
    for (let i = 0; i < (body.times ?? 1); i++) failures.push({ status: body.status ?? 500, code: body.code ?? 'internal_error', message: body.message ?? 'Simulated failure' });
    res.json({ queued: failures.length });
  });

  return router;
}
