import express, { type Request, type Response, Router } from 'express';
import { escapeHtml } from '../shared/html.js';
import { checkV2Form } from './simulator-checks.js';
import { ucode, type SimOrder, type SimState } from './simulator-state.js';
import { kopecksOf, md5, PATHS, rubles } from './wire.js';

/** The v2 server API answers JSON {resultCode, resultMessage}; "0" is success (onepix SDK v2/Orders.php). */
const result = (res: Response, code: number, message: string, extra: Record<string, unknown> = {}) => res.json({ resultCode: String(code), resultMessage: message, ...extra });

const STATE_OF: Record<SimOrder['status'], string> = { created: 'created', completed: 'paid', canceled: 'canceled', expired: 'expired' };

/**
 * API v2: the payment form (posted by the shopper's browser) and the server API
 * (getInvoiceDetails, disableInvoice, disableInvoiceExA) with Basic auth and md5 signatures.
 */
export function v2Routes(state: SimState, baseOf: (req: Request) => string): Router {
  const router = Router();

  router.post(`/v2${PATHS.v2Form}`, (req, res) => {
    const fields = Object.fromEntries(Object.entries((req.body ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const check = checkV2Form(fields, { shopId: state.config.shopId, regionalCode: state.config.regionalCode ?? '', apiKey: state.config.apiKey });
    if (!check.ok) {
      return res.status(check.status).type('html').send(`<!doctype html><meta charset="utf-8"><title>Invoicebox</title><h1>Ошибка</h1><p data-testid="error" data-code="${check.code}">${escapeHtml(check.message)}</p>`);
    }
    const { header, items } = check.value;
    const existing = state.find(header.itransfer_order_id);
    if (existing) {
      if (existing.status !== 'created' || existing.amount !== kopecksOf(header.itransfer_order_amount)) {
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
      amount: kopecksOf(header.itransfer_order_amount),
      vatAmount: 0,
      description: header.itransfer_order_description,
      createdAt: new Date(state.clock()).toISOString(),
      expirationDate: null,
      paymentUrl: `${baseOf(req)}/pay/${id}`,
      successUrl: header.itransfer_url_returnsuccess,
      failUrl: header.itransfer_url_cancel,
      notificationUrl: header.itransfer_url_notify,
      testMode: header.itransfer_testmode === '1',
      customer: { type: header.itransfer_body_type, name: header.itransfer_person_name, inn: header.itransfer_organization_tin },
      lines: [],
      v2Items: items,
      v2Refunded: 0,
      v2RefundIdents: new Set(),
      refunds: new Map(),
      notifications: [],
      request: fields,
    };
    state.orders.set(id, order);
    res.redirect(303, order.paymentUrl);
  });


  router.post(`/v2${PATHS.v2Api}`, express.json(), (req, res) => {
    const { apiUser, apiPassword, apiKey } = state.config;
    const expected = `Basic ${Buffer.from(`${apiUser}:${apiPassword}`).toString('base64')}`;
    if (!apiUser || req.get('authorization') !== expected) return res.status(401).json({ error: { code: 'unauthorized', message: 'Basic auth required' } });
    const body = (req.body ?? {}) as Record<string, unknown>;
    const text = (name: string) => (typeof body[name] === 'string' || typeof body[name] === 'number' ? String(body[name]) : '');
    const o = state.orders.get(text('ucode'));
    const signed = (...parts: string[]) => text('sign').toLowerCase() === md5(`${parts.join('')}${apiKey}`);
    switch (text('function')) {
      case 'getInvoiceDetails': {
        if (!signed(text('ucode'))) return result(res, 10, 'Invalid sign');
        if (!o || o.version !== 'v2') return result(res, 12, 'Invoice not found');
        return result(res, 0, 'Операция выполнена без ошибок', {
          data: [{ ucode: o.id, participantOrderId: o.merchantOrderId, amount: rubles(o.amount), currency: 'RUB', state: STATE_OF[o.status], refundedAmount: rubles(o.v2Refunded), description: o.description, createdAt: o.createdAt }],
        });
      }
      case 'disableInvoice': {
        if (!signed(text('ucode'), text('ident'))) return result(res, 10, 'Invalid sign');
        if (!o || o.version !== 'v2') return result(res, 12, 'Invoice not found');
        if (o.v2RefundIdents.has(text('ident'))) return result(res, 0, 'Операция выполнена без ошибок');
        if (o.status === 'completed') o.v2Refunded = o.amount;
        else if (o.status === 'created') o.status = 'canceled';
        else return result(res, 13, `Invoice is ${o.status}`);
        o.v2RefundIdents.add(text('ident'));
        return result(res, 0, 'Операция выполнена без ошибок');
      }
      case 'disableInvoiceExA': {
        if (!signed(text('ucode'), text('ident'), text('comment'), text('amount'))) return result(res, 10, 'Invalid sign');
        if (!o || o.version !== 'v2') return result(res, 12, 'Invoice not found');
        if (o.v2RefundIdents.has(text('ident'))) return result(res, 0, 'Операция выполнена без ошибок');
        if (o.status !== 'completed') return result(res, 13, `Invoice is ${o.status}`);
        const amount = kopecksOf(text('amount'));
        const basket = Array.isArray(body.basket) ? (body.basket as Array<Record<string, unknown>>) : [];
        const listed = basket.reduce((s, row) => s + kopecksOf(String(row.price ?? 0)) * Number(row.quantity ?? 1), 0);
        if (!text('comment') || basket.length === 0) return result(res, 14, 'comment and basket are required');
        if (listed !== amount) return result(res, 14, 'the basket does not add up to amount');
        if (amount <= 0 || amount > o.amount - o.v2Refunded) return result(res, 14, 'amount exceeds what is left to refund');
        o.v2Refunded += amount;
        o.v2RefundIdents.add(text('ident'));
        return result(res, 0, 'Операция выполнена без ошибок');
      }
      default:
        return result(res, 2, 'Unknown function');
    }
  });

  return router;
}
