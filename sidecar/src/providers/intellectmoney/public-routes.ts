import { Router, type Response } from 'express';
import type { ProviderApiContext } from '../types.js';
import type { IntellectMoneyProvider } from './index.js';
import type { PayLateForm } from './paylate-link.js';
import { PROVIDER_ID } from './schemas.js';

const PAYMENT_ID = /^pay_[A-Za-z0-9_-]{8,40}$/;
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (body: string, script = '') => `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="robots" content="noindex"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>IntellectMoney PayLate</title></head>
<body>
${body}
${script}
</body></html>`;

/** The provider's form, rebuilt from its parsed fields (never its raw HTML), submitted at once. */
export function renderPayLateForm(form: PayLateForm): string {
  const inputs = form.fields.map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('\n');
  return page(
    `<form id="paylate-form" method="${form.method.toLowerCase()}" action="${escapeHtml(form.action)}" accept-charset="utf-8">
${inputs}
<p>Переход в PayLate… / Redirecting to PayLate…</p>
<button type="submit" data-testid="continue">Продолжить / Continue</button>
</form>`,
    '<script>document.getElementById("paylate-form").submit();</script>',
  );
}

function message(res: Response, status: number, text: string, returnUrl?: string): void {
  const back = returnUrl ? `<p><a href="${escapeHtml(returnUrl)}" data-testid="back">Вернуться в магазин / Back to the shop</a></p>` : '';
  html(res, status, page(`<p data-testid="message">${escapeHtml(text)}</p>\n${back}`));
}

function html(res: Response, status: number, body: string): void {
  res.status(status).set({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex' }).type('html').send(body);
}

const isIntellectMoney = (provider: unknown): provider is IntellectMoneyProvider => typeof (provider as Partial<IntellectMoneyProvider>).payLateForm === 'function';

/**
 * Public pages at /providers/intellectmoney/. GET /paylate/<paymentId>: when PayLate hands the
 * shopper over with a form (Form3DS as HTML), this page submits that form; the form is read from
 * IntellectMoney each time, so the URL carries nothing but our payment id.
 */
export function intellectMoneyPublicRoutes(context: Pick<ProviderApiContext, 'store' | 'payments' | 'logger'>): Router {
  const router = Router();
  router.get('/paylate/:paymentId', async (req, res) => {
    const id = String(req.params.paymentId);
    const payment = PAYMENT_ID.test(id) ? await context.store.getPayment(id) : null;
    if (!payment || payment.provider !== PROVIDER_ID) return message(res, 404, 'Платёж не найден. / Payment not found.');
    const returnUrl = payment.details.returnUrl;
    if (payment.status !== 'created' && payment.status !== 'pending') return message(res, 409, `Этот платёж уже закрыт (${payment.status}). / This payment is already ${payment.status}.`, returnUrl);
    let form: PayLateForm | null = null;
    try {
      const provider = context.payments.providerFor(payment);
      if (isIntellectMoney(provider)) form = await provider.payLateForm(payment);
    } catch (error) {
      context.logger.warn({ paymentId: id, err: (error as Error).message }, 'paylate form page: IntellectMoney unavailable');
      return message(res, 503, 'PayLate сейчас недоступен, попробуйте позже. / PayLate is not available now, try again later.', returnUrl);
    }
    if (!form) return message(res, 409, 'PayLate больше не ждёт эту заявку. / PayLate no longer waits for this application.', returnUrl);
    html(res, 200, renderPayLateForm(form));
  });
  return router;
}
