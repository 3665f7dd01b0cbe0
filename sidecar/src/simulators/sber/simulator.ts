import express, { type Request, type Response, Router } from 'express';
import { SimCallbacks } from './sim-callbacks.js';
import { SimGateway, type SimAnswer, type SimNotice, type SimParams } from './sim-gateway.js';
import { paymentPage, TEST_SMS_CODE } from './sim-page.js';
import type { SberAccount } from './account.js';

export interface SberSimulatorOptions {
  /** The sidecar's public URL: the callback URL "set in the cabinet" is <publicUrl>/callbacks/sber. */
  publicUrl?: string;
  /** The gateway's clock (tests pass a fake one); /control/clock shifts it further. */
  clock?: () => number;
  /** Callbacks caused by an API call leave this long after its answer, as the real gateway's do. */
  callbackDelayMs?: number;
}

/** Form body and query string together; a repeated parameter becomes a comma-separated list. */
function readParams(req: Request): SimParams {
  const params: SimParams = {};
  for (const source of [req.query, req.body as Record<string, unknown> | undefined]) {
    for (const [name, value] of Object.entries(source ?? {})) {
      if (typeof value === 'string') params[name] = value;
      else if (Array.isArray(value)) params[name] = value.map(String).join(',');
    }
  }
  return params;
}

/**
 * Sber's gateway, simulated: the six REST methods at /payment/rest/<method>.do (POST form or GET
 * query, the same path shape on the test and production hosts), the payment page at
 * /payment/merchants/<merchant>/payment_ru.html?mdOrder=…, checksummed GET callbacks, and test
 * controls under /control.
 */
export function sberSimulator(config: SberAccount, options: SberSimulatorOptions = {}): Router {
  let offset = 0;
  const baseClock = options.clock ?? Date.now;
  const now = () => baseClock() + offset;
  const callbacks = new SimCallbacks(config.callbackKey);
  const queue: SimNotice[] = [];
  const gateway = new SimGateway(now, config.bnplPageParam, (notice) => queue.push(notice));
  const delay = options.callbackDelayMs ?? 30;
  const merchant = (config.userName ?? 'merchant').replace(/-api$/, '');
  const cabinetCallbackUrl = options.publicUrl ? `${options.publicUrl}/callbacks/sber` : undefined;
  const failures: Array<{ httpStatus: number; answer: SimAnswer }> = [];

  const sendNow = async (notices: SimNotice[]) => {
    for (const notice of notices) await callbacks.send(notice);
  };
  const sendLater = (notices: SimNotice[]) => {
    if (notices.length) setTimeout(() => void sendNow(notices), delay).unref();
  };

  const router = Router();
  router.use(express.urlencoded({ extended: false }), express.json());

  const authFailure = (method: string, params: SimParams): SimAnswer | null => {
    if (config.token && params.token) return params.token === config.token ? null : { errorCode: '5', errorMessage: 'Доступ запрещён' };
    if (!params.token && (!params.userName || !params.password)) {
      return method === 'register' || method === 'registerPreAuth'
        ? { errorCode: '4', errorMessage: 'Имя пользователя или пароль не могут быть пустыми' }
        : { errorCode: '5', errorMessage: 'Доступ запрещён' };
    }
    return params.userName === config.userName && params.password === config.password ? null : { errorCode: '5', errorMessage: 'Доступ запрещён' };
  };

  const api = (req: Request, res: Response) => {
    const method = String(req.params.method);
    const params = readParams(req);
    const failure = failures.shift();
    if (failure) return res.status(failure.httpStatus).json(failure.answer);
    const denied = authFailure(method, params);
    if (denied) return res.json(denied);
    const formUrl = (mdOrder: string) => `${req.protocol}://${req.get('host')}${req.baseUrl}/payment/merchants/${merchant}/payment_ru.html?mdOrder=${mdOrder}`;
    let answer: SimAnswer;
    switch (method) {
      case 'register':
      case 'registerPreAuth':
        answer = gateway.register(params, method === 'registerPreAuth', formUrl, cabinetCallbackUrl);
        break;
      case 'deposit':
        answer = gateway.deposit(params);
        break;
      case 'reverse':
        answer = gateway.reverse(params);
        break;
      case 'refund':
        answer = gateway.refund(params);
        break;
      case 'getOrderStatusExtended':
        answer = gateway.status(params);
        break;
      default:
        return res.status(404).type('text').send('Not found');
    }
    res.json(answer);
    sendLater(queue.splice(0));
  };
  router.post('/payment/rest/:method.do', api);
  router.get('/payment/rest/:method.do', api);

  const page = '/payment/merchants/:merchant/:page';
  const findOrder = (req: Request, res: Response) => {
    const order = /^payment_(ru|en)\.html$/.test(String(req.params.page)) ? gateway.find(String(req.query.mdOrder ?? '')) : undefined;
    if (!order) res.status(404).type('html').send('<!doctype html><p data-testid="error">Заказ не найден</p>');
    return order;
  };

  router.get(page, (req, res) => {
    const order = findOrder(req, res);
    if (!order) return;
    res.type('html').send(paymentPage(order));
    sendLater(queue.splice(0));
  });

  // The buyer's decision; the callback is sent before the buyer is sent back to the shop.
  router.post(page, async (req, res) => {
    const order = findOrder(req, res);
    if (!order) return;
    const body = (req.body ?? {}) as { action?: string; code?: string };
    if (order.status !== 0) {
      sendLater(queue.splice(0));
      return res.status(409).type('html').send(paymentPage(order, 'Заказ уже обработан или срок оплаты истёк'));
    }
    if (body.action !== 'pay' && body.action !== 'fail') return res.status(400).type('html').send(paymentPage(order, 'Выберите действие'));
    if (body.action === 'pay' && order.bnpl && body.code !== TEST_SMS_CODE) return res.type('html').send(paymentPage(order, 'Неверный код из SMS'));
    gateway.pay(order, body.action === 'pay');
    await sendNow(queue.splice(0));
    const target = new URL(body.action === 'pay' ? order.returnUrl : (order.failUrl ?? order.returnUrl));
    target.searchParams.set('orderId', order.mdOrder);
    res.redirect(303, target.toString());
  });

  // Test controls.
  router.post('/control/clock', (req, res) => {
    const body = (req.body ?? {}) as { advanceMs?: number; setMs?: number; reset?: boolean };
    if (body.reset === true) offset = 0;
    if (typeof body.setMs === 'number') offset = body.setMs - baseClock();
    if (typeof body.advanceMs === 'number') offset += body.advanceMs;
    res.json({ now: now(), offsetMs: offset });
  });

  router.post('/control/notifications', (req, res) => {
    callbacks.enabled = (req.body as { enabled?: boolean } | undefined)?.enabled !== false;
    res.json({ enabled: callbacks.enabled });
  });

  router.post('/control/fail-next', (req, res) => {
    const body = (req.body ?? {}) as { errorCode?: string; errorMessage?: string; httpStatus?: number; times?: number };
    for (let i = 0; i < (body.times ?? 1); i++) {
      failures.push({ httpStatus: body.httpStatus ?? 200, answer: { errorCode: body.errorCode ?? '7', errorMessage: body.errorMessage ?? 'Системная ошибка' } });
    }
    res.json({ queued: failures.length });
  });

  router.get('/control/orders/:mdOrder', (req, res) => {
    const order = gateway.find(String(req.params.mdOrder));
    if (!order) return res.status(404).json({ error: 'not_found' });
    res.json({ ...order, deliveries: callbacks.log.filter((d) => d.mdOrder === order.mdOrder) });
  });

  router.post('/control/orders/:mdOrder/resend', async (req, res) => {
    const delivery = await callbacks.resend(String(req.params.mdOrder));
    if (!delivery) return res.status(409).json({ error: 'no_notification' });
    res.json({ delivered: delivery.deliveredStatus, url: delivery.url });
  });

  return router;
}
