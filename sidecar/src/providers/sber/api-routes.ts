import { Router, type Request } from 'express';
import { z } from 'zod';
import { ApiError } from '../../core/errors.js';
import { CreatePaymentBody, EmptyBody, PaymentIdParam, PaymentQuery, paymentView } from '../../http/schemas.js';
import type { Timing } from '../../core/timing.js';
import type { PaymentRecord } from '../../store/types.js';
import type { ProviderApiContext } from '../types.js';
import { RULE_ERRORS, SberAdminError, SberApiError } from './errors.js';
import { qrCodes, smsText, type OfflineLinkRecord } from './offline-link.js';
import { SberProvider, SESSION_TIMEOUT_METADATA } from './provider.js';
import { daysLeft, depositDeadline, reverseDeadline } from './rules.js';
import { toProviderStatus } from './status-map.js';
import { ORDER_STATUS } from './protocol.js';

/** An offline link is a payment like any other, plus the SMS language and the link's lifetime. */
const OfflineLinkBody = CreatePaymentBody.omit({ provider: true }).extend({
  provider: z.literal('sber').default('sber'),
  lang: z.enum(['ru', 'en']).default('ru'),
  link_ttl_hours: z.number().int().positive().max(720).optional(),
});

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

async function timed<T>(timing: Timing, call: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await call();
  } finally {
    timing.providerMs += performance.now() - started;
  }
}

/**
 * Sber's extra signed routes under /v1/providers/sber/:
 * - GET  payments/:id            the order at Sber: hold deadline (7 days), reversal deadline (00:00 MSK)
 * - POST payments/:id/reverse    same-day reversal of a paid order (a full refund without a fee)
 * - POST offline-links           a payment link for a customer at the till / in the admin: URL, QR, SMS
 * - GET  offline-links/:id       its current status (?refresh=1 asks Sber), for a screen that polls
 */
export function sberApiRoutes(ctx: ProviderApiContext): Router {
  const router = Router();
  const { get, post } = ctx.http.routeHelpers(router, ctx.store, ctx.clock);
  const { parseInput, jsonBody } = ctx.http;

  const sberPayment = async (req: Request): Promise<PaymentRecord> => {
    const payment = await ctx.payments.get(parseInput(PaymentIdParam, req.params, 'params').id);
    if (payment.provider !== 'sber') throw new ApiError(404, 'payment_not_found', 'Payment not found', 'id');
    return payment;
  };
  const providerFor = (profile: string, test: boolean): SberProvider => {
    const provider = ctx.registry.get('sber', profile, test);
    if (!(provider instanceof SberProvider)) throw new Error('sber registry entry is not a SberProvider');
    return provider;
  };

  get('/payments/:id', async (req, timing) => {
    let payment = await sberPayment(req);
    if (!payment.providerPaymentId) return { status: 200, body: { payment: paymentView(payment), sber: null, authorizedAt: null, depositDeadline: null, daysLeft: null, warn: false, reverseDeadline: null, canReverse: false } };
    const order = await timed(timing, () => providerFor(payment.profile, payment.test).order(payment));
    // What Sber says is the truth: keep our record in step while we are at it.
    payment = await ctx.payments.applyProviderStatus(payment, toProviderStatus(order, payment), 'poll');
    const now = ctx.clock();
    const authorizedAt = order.authDateTime ?? null;
    const info = order.paymentAmountInfo;
    const deadline = order.orderStatus === ORDER_STATUS.held && authorizedAt !== null ? depositDeadline(authorizedAt) : null;
    const left = deadline === null ? null : daysLeft(deadline, now);
    const reverseBy = order.orderStatus === ORDER_STATUS.deposited && authorizedAt !== null && !info?.refundedAmount ? reverseDeadline(authorizedAt) : null;
    return {
      status: 200,
      body: {
        payment: paymentView(payment),
        sber: {
          orderStatus: order.orderStatus,
          actionCode: order.actionCode ?? null,
          paymentState: info?.paymentState ?? null,
          approvedAmount: info?.approvedAmount ?? null,
          depositedAmount: info?.depositedAmount ?? null,
          refundedAmount: info?.refundedAmount ?? null,
        },
        authorizedAt: iso(authorizedAt),
        depositDeadline: iso(deadline),
        daysLeft: left,
        warn: left !== null && left <= 1,
        reverseDeadline: iso(reverseBy),
        canReverse: reverseBy !== null && now < reverseBy,
      },
    };
  });

  post('/payments/:id/reverse', async (req, _key, timing) => {
    parseInput(EmptyBody, jsonBody(req), 'body');
    const payment = await sberPayment(req);
    if (payment.status === 'refunded') return { status: 200, body: { payment: paymentView(payment) } };
    if (payment.status !== 'paid') throw new SberAdminError(RULE_ERRORS.notPaid);
    const status = await timed(timing, () => providerFor(payment.profile, payment.test).reversePaid(payment));
    return { status: 200, body: { payment: paymentView(await ctx.payments.applyProviderStatus(payment, status, 'api')) } };
  });

  post('/offline-links', async (req, key, timing) => {
    const { lang, link_ttl_hours, ...body } = parseInput(OfflineLinkBody, jsonBody(req), 'body');
    const ttlHours = link_ttl_hours ?? providerFor(body.profile, body.test).offlineLinkTtlHours;
    let payment: PaymentRecord;
    try {
      payment = await ctx.payments.create({ ...body, metadata: { ...body.metadata, sber_channel: 'offline', [SESSION_TIMEOUT_METADATA]: ttlHours * 3600 } }, key, timing);
    } catch (error) {
      // The admin or cashier hears why (both languages); a shopper never calls this route.
      if (error instanceof SberApiError) throw new SberAdminError(error.explain());
      throw error;
    }
    const paymentUrl = payment.redirectUrl;
    if (!paymentUrl) throw new ApiError(502, 'provider_error', 'The payment provider returned no payment link');
    const expiresAt = new Date(Date.parse(payment.createdAt) + ttlHours * 3_600_000).toISOString();
    const record: OfflineLinkRecord = { paymentId: payment.id, lang, expiresAt };
    await ctx.store.putProviderRecord('sber', 'offline-link', payment.id, record, ctx.clock());
    const qr = await qrCodes(paymentUrl);
    return {
      status: 201,
      body: { payment: paymentView(payment), paymentUrl, qrSvg: qr.svg, qrPngBase64: qr.pngBase64, smsText: smsText({ orderId: payment.orderId, amount: payment.amount, url: paymentUrl, lang }), lang, expiresAt },
    };
  });

  get('/offline-links/:id', async (req, timing) => {
    const query = parseInput(PaymentQuery, req.query, 'query');
    let payment = await sberPayment(req);
    if (query.refresh === '1') payment = await ctx.payments.refresh(payment.id, timing);
    const link = await ctx.store.getProviderRecord<OfflineLinkRecord>('sber', 'offline-link', payment.id);
    return {
      status: 200,
      body: {
        payment: paymentView(payment),
        status: payment.status,
        paymentUrl: payment.redirectUrl,
        offline: link !== null,
        expiresAt: link?.expiresAt ?? null,
        expired: link !== null && payment.status === 'pending' && ctx.clock() >= Date.parse(link.expiresAt),
      },
    };
  });

  return router;
}
