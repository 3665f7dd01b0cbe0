import { Router, type Response } from 'express';
import { ApiError } from '../../core/errors.js';
import type { ProviderApiContext } from '../types.js';
import { PROVIDER_ID } from './protocol.js';
import { InvoiceboxProvider } from './provider.js';
import { renderAutoSubmitForm, renderMessage } from './v2-page.js';

const PAYMENT_ID = /^pay_[A-Za-z0-9_-]{8,40}$/;

function html(res: Response, status: number, body: string): void {
  // The form carries the payer's data and a fresh signature: never cache it.
  res.status(status).set({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex' }).type('html').send(body);
}

/**
 * Public pages mounted at /providers/invoicebox/. GET /v2/form/<paymentId> answers an
 * auto-submitting form to Invoicebox's v2 endpoint with the signed fields, built from the stored
 * payment, so the redirect URL itself carries no data.
 */
export function invoiceboxPublicRoutes(context: Pick<ProviderApiContext, 'store' | 'payments' | 'logger'>): Router {
  const router = Router();

  router.get('/v2/form/:paymentId', async (req, res) => {
    const id = String(req.params.paymentId);
    const payment = PAYMENT_ID.test(id) ? await context.store.getPayment(id) : null;
    if (!payment || payment.provider !== PROVIDER_ID) return html(res, 404, renderMessage('Платёж не найден. / Payment not found.'));
    let provider;
    try {
      provider = context.payments.providerFor(payment);
    } catch (error) {
      context.logger.warn({ paymentId: id, err: (error as Error).message }, 'invoicebox v2 form: provider unavailable');
      return html(res, 503, renderMessage('Оплата через Invoicebox сейчас недоступна. / Invoicebox is not available now.', payment.details.returnUrl));
    }
    if (!(provider instanceof InvoiceboxProvider) || provider.apiVersion !== 'v2') return html(res, 404, renderMessage('Платёж не найден. / Payment not found.'));
    if (payment.status !== 'created' && payment.status !== 'pending') {
      return html(res, 409, renderMessage(`Этот платёж уже закрыт (${payment.status}). / This payment is already ${payment.status}.`, payment.details.returnUrl));
    }
    try {
      html(res, 200, renderAutoSubmitForm(provider.v2Form(payment)));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      context.logger.warn({ paymentId: id, field: error.field, err: error.message }, 'invoicebox v2 form not sent');
      html(res, 400, renderMessage(`Заказ нельзя передать в Invoicebox: ${error.message}`, payment.details.returnUrl));
    }
  });

  return router;
}
