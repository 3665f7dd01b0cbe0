import express, { type Request, type Response, Router } from 'express';
import type { z } from 'zod';
import { rublesToKopecks } from '../../core/money.js';
import { escapeHtml } from '../shared/html.js';
import { SimInvoices, type SimInvoice, type SimTiming } from './simulator-invoices.js';
import { SimNotifier } from './simulator-notifier.js';
import { BnplPayment, CreateInvoice, md5Hash, PATTERNS, PaymentState, readBody, sameHex, sha256Sign, STEPS, type Pattern, type Step } from './wire.js';

/** Result.State codes the simulator answers with (anything but 0/1 is a business error). */
const STATE = { ok: 0, badParameter: 3, duplicateOrder: 4, wrongState: 5 } as const;
/** OperationState code for transport/auth failures (wiki: 2). */
const OPERATION_AUTH_FAILED = 2;
/** wiki: the smallest invoice is 10.00. */
const MIN_AMOUNT_KOPECKS = 1_000;
/** webhook paymentStatus "fully paid". */
const PAID = 5;

type Failure = { kind: 'http' | 'operation' | 'business' };

const lowerCased = (body: Record<string, unknown>) => new Map(Object.entries(body).map(([k, v]) => [k.toLowerCase(), v === undefined ? '' : String(v)]));

/** The shop the simulator serves and its keys. */
export interface IntellectMoneyAccount {
  eshopId: string;
  secretKey: string;
  signSecretKey: string;
  token: string;
}

/**
 * IntellectMoney simulated for one shop: the Merchant API methods the connector uses
 * (createInvoice, bnplPayment, getBankCardPaymentState) with the real checks — Bearer token,
 * `Sign` header, body `Hash`/`PurchaseHash`, field formats and lengths — and the real error
 * format; a PaymentStep walk with controllable timing; the PayLate page; and signed result
 * webhooks to ResultUrl that must be answered `OK`.
 */
export function intellectMoneySimulator(config: IntellectMoneyAccount, options: { clock?: () => number } = {}): Router {
  const invoices = new SimInvoices(options.clock ?? Date.now);
  const notifier = new SimNotifier(config.secretKey);
  const failures: Failure[] = [];
  const router = Router();

  const answer = (res: Response, body: Record<string, unknown>) => res.status(200).json({ OperationState: { Code: 0, Desc: 'OK' }, EshopId: Number(config.eshopId), ...body });
  const operationError = (res: Response, desc: string) => res.status(200).json({ OperationState: { Code: OPERATION_AUTH_FAILED, Desc: desc }, EshopId: null, Result: null });
  const businessError = (res: Response, code: number, desc: string, param?: string) =>
    answer(res, { Result: { State: { Code: code, Desc: desc, ...(param ? { ErrorSourceParam: param } : {}) } } });

  /**
   * Checks shared by every Merchant API method; returns the validated body or answers the error.
   * TST (the test currency) needs neither Authorization nor Sign, as on the real API.
   */
  function accept<S extends z.ZodObject>(req: Request, res: Response, pattern: Pattern, schema: S, isTst: (fields: Map<string, string>) => boolean): z.infer<S> | undefined {
    const failure = failures.shift();
    if (failure?.kind === 'http') {
      res.status(503).type('text').send('Service Unavailable');
      return undefined;
    }
    if (failure?.kind === 'operation') {
      operationError(res, 'Simulated failure');
      return undefined;
    }
    if (failure?.kind === 'business') {
      businessError(res, STATE.badParameter, 'Simulated refusal');
      return undefined;
    }
    let fields: Map<string, string>;
    try {
      fields = readBody(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
    } catch {
      operationError(res, 'Request body is neither JSON nor a form');
      return undefined;
    }
    if (!isTst(fields)) {
      if (req.get('authorization') !== `Bearer ${config.token}`) {
        operationError(res, 'Invalid bearer token');
        return undefined;
      }
      const sign = req.get('sign') ?? '';
      if (!sameHex(sha256Sign(pattern, fields, config.signSecretKey), sign)) {
        operationError(res, 'Invalid Sign');
        return undefined;
      }
    }
    // The schema's names are the docs' (EshopId…); clients may write them in any case.
    const canonical: Record<string, string> = {};
    for (const name of Object.keys(schema.shape)) {
      const value = fields.get(name.toLowerCase());
      if (value !== undefined && value !== '') canonical[name] = value;
    }
    const parsed = schema.safeParse(canonical);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      businessError(res, STATE.badParameter, `${String(issue.path[0] ?? '')}: ${issue.message}`, String(issue.path[0] ?? ''));
      return undefined;
    }
    if (canonical.EshopId !== config.eshopId) {
      businessError(res, STATE.badParameter, 'Unknown shop', 'EshopId');
      return undefined;
    }
    if (!sameHex(md5Hash(pattern, fields, config.secretKey), canonical.Hash ?? '')) {
      businessError(res, STATE.badParameter, 'Invalid Hash', 'Hash');
      return undefined;
    }
    return parsed.data;
  }

  const invoiceOf = (res: Response, invoiceId: string): SimInvoice | undefined => {
    const invoice = invoices.get(invoiceId);
    if (!invoice) businessError(res, STATE.badParameter, 'Invoice not found', 'InvoiceId');
    return invoice;
  };
  const tstInvoice = (fields: Map<string, string>) => invoices.get(fields.get('invoiceid') ?? '')?.recipientCurrency === 'TST';

  const api = Router();
  api.use(express.raw({ type: () => true, limit: '256kb' }));

  api.post('/createInvoice', (req, res) => {
    const body = accept(req, res, PATTERNS.createInvoice, CreateInvoice, (f) => f.get('recipientcurrency') === 'TST');
    if (!body) return;
    if (!sameHex(md5Hash(PATTERNS.purchaseHash, lowerCased(body), config.secretKey), body.PurchaseHash)) return businessError(res, STATE.badParameter, 'Invalid PurchaseHash', 'PurchaseHash');
    if (rublesToKopecks(body.RecipientAmount) < MIN_AMOUNT_KOPECKS) return businessError(res, STATE.badParameter, 'The amount must be at least 10.00', 'RecipientAmount');
    const existing = invoices.byOrderId(body.OrderId);
    if (existing) {
      existing.calls.createInvoice++;
      return businessError(res, STATE.duplicateOrder, 'The shop accepts only unique OrderId', 'OrderId');
    }
    const invoice = invoices.add({
      orderId: body.OrderId,
      eshopId: body.EshopId,
      serviceName: body.ServiceName ?? '',
      recipientAmount: body.RecipientAmount,
      recipientCurrency: body.RecipientCurrency,
      userName: body.UserName ?? '',
      email: body.Email ?? '',
      resultUrl: body.ResultUrl ?? '',
    });
    answer(res, { Result: { InvoiceId: Number(invoice.invoiceId), State: { Code: STATE.ok, Desc: 'OK' } } });
  });

  api.post('/bnplPayment', (req, res) => {
    const body = accept(req, res, PATTERNS.bnplPayment, BnplPayment, tstInvoice);
    if (!body) return;
    const invoice = invoiceOf(res, body.InvoiceId);
    if (!invoice) return;
    invoice.calls.bnplPayment++;
    if (invoice.bnpl || invoice.decided) return businessError(res, STATE.wrongState, 'A payment of this invoice is already under way', 'InvoiceId');
    const linkBase = `${req.protocol}://${req.get('host')}${req.baseUrl.replace(/\/merchant$/i, '')}`;
    const bnpl = invoices.startBnpl(invoice, { successUrl: body.SuccessUrl, failUrl: body.FailUrl ?? body.SuccessUrl, linkBase });
    answer(res, { OperationId: bnpl.operationId, Result: { PaymentStep: 'Created', State: { Code: STATE.ok, Desc: 'OK' } } });
  });

  api.post('/getBankCardPaymentState', (req, res) => {
    const body = accept(req, res, PATTERNS.getBankCardPaymentState, PaymentState, tstInvoice);
    if (!body) return;
    const invoice = invoiceOf(res, body.InvoiceId);
    if (!invoice) return;
    invoice.calls.getBankCardPaymentState++;
    const step = invoices.step(invoice);
    answer(res, {
      Result: {
        // The docs write the paid step "OK"; clients must not depend on the case.
        PaymentStep: step === 'Ok' ? 'OK' : step,
        ...(step === 'SendTo3DS' ? { Form3DS: form3ds(invoice) } : {}),
        // Sent by the real API as well; the connector does not read them.
        RcCodeId: 0,
        Rrn: '',
        Message: step === 'Error' ? 'PayLate declined the application' : '',
        State: { Code: STATE.ok, Desc: 'OK' },
      },
    });
  });

  router.use('/merchant', api);

  /** Form3DS: the link itself, or an auto-submitting POST form with hidden fields (the card flow's shape). */
  function form3ds(invoice: SimInvoice): string {
    const bnpl = invoice.bnpl!;
    if (bnpl.timing.form3ds === 'link') return bnpl.link;
    return `<form name="form3ds" action="${escapeHtml(bnpl.link)}/start" method="POST"><input type="hidden" name="OperationId" value="${escapeHtml(bnpl.operationId)}"/><input type="hidden" name="Token" value="${escapeHtml(bnpl.token)}"/></form><script>document.forms['form3ds'].submit();</script>`;
  }

  // The PayLate page the shopper is sent to: approve pays (and notifies), decline fails (no notification).
  router.get('/paylate/:operationId', (req, res) => {
    const invoice = invoices.byOperationId(String(req.params.operationId));
    if (!invoice) return res.status(404).type('text').send('Unknown PayLate application');
    if (invoice.bnpl?.timing.form3ds === 'form') return res.status(405).type('text').send('This application is opened by its form (POST with the hidden fields)');
    page(res, invoice);
  });

  // The form shape: only a POST carrying the hidden fields opens the page.
  router.post('/paylate/:operationId/start', express.urlencoded({ extended: false }), (req, res) => {
    const invoice = invoices.byOperationId(String(req.params.operationId));
    const body = (req.body ?? {}) as { OperationId?: string; Token?: string };
    if (!invoice?.bnpl) return res.status(404).type('text').send('Unknown PayLate application');
    if (body.OperationId !== invoice.bnpl.operationId || body.Token !== invoice.bnpl.token) return res.status(400).type('text').send('The form fields are missing or wrong');
    page(res, invoice, `${req.baseUrl}/paylate/${invoice.bnpl.operationId}`);
  });

  function page(res: Response, invoice: SimInvoice, action = ''): void {
    const step = invoices.step(invoice);
    const open = step === 'SendTo3DS';
    res.type('html').send(`<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>PayLate (simulator)</title></head><body>
<h1>PayLate — оплата частями (simulator)</h1>
<p data-testid="amount">${escapeHtml(invoice.recipientAmount)} ${escapeHtml(invoice.recipientCurrency)}</p>
<p data-testid="description">${escapeHtml(invoice.serviceName)}</p>
<p data-testid="status">${escapeHtml(step)}</p>
${open ? `<form method="post"${action ? ` action="${escapeHtml(action)}"` : ''}><button name="action" value="pay" data-testid="pay">Approve</button>
<button name="action" value="fail" data-testid="fail">Decline</button></form>` : ''}
</body></html>`);
  }

  router.post('/paylate/:operationId', express.urlencoded({ extended: false }), async (req, res) => {
    const invoice = invoices.byOperationId(String(req.params.operationId));
    if (!invoice?.bnpl) return res.status(404).type('text').send('Unknown PayLate application');
    const action = (req.body as { action?: string } | undefined)?.action;
    if (invoices.step(invoice) !== 'SendTo3DS') return res.status(409).type('text').send(`The application is ${invoices.step(invoice)}`);
    if (action !== 'pay' && action !== 'fail') return res.status(400).type('text').send('action must be pay or fail');
    if (action === 'pay') {
      invoice.decided = 'Ok';
      invoice.paidAt = new Date();
      await notifier.notify(invoice, PAID);
    } else {
      invoice.decided = 'Error';
    }
    res.redirect(303, action === 'pay' ? invoice.bnpl.successUrl : invoice.bnpl.failUrl);
  });

  // Test controls.
  const control = Router();
  control.use(express.json());
  const controlled = (req: Request, res: Response): SimInvoice | undefined => {
    const invoice = invoices.get(String(req.params.invoiceId)) ?? invoices.byOrderId(String(req.params.invoiceId));
    if (!invoice) res.status(404).json({ error: 'unknown invoice' });
    return invoice;
  };

  control.post('/timing', (req, res) => {
    const body = (req.body ?? {}) as Partial<SimTiming>;
    if (typeof body.createdMs === 'number') invoices.timing.createdMs = body.createdMs;
    if (typeof body.inProcessMs === 'number') invoices.timing.inProcessMs = body.inProcessMs;
    if (body.outcome === 'redirect' || body.outcome === 'error') invoices.timing.outcome = body.outcome;
    if (body.form3ds === 'link' || body.form3ds === 'form') invoices.timing.form3ds = body.form3ds;
    res.json(invoices.timing);
  });

  control.post('/notifications', (req, res) => {
    notifier.enabled = (req.body as { enabled?: boolean } | undefined)?.enabled !== false;
    res.json({ enabled: notifier.enabled });
  });

  control.post('/fail-next', (req, res) => {
    const body = (req.body ?? {}) as { kind?: Failure['kind']; times?: number };
    for (let i = 0; i < (body.times ?? 1); i++) failures.push({ kind: body.kind ?? 'http' });
    res.json({ queued: failures.length });
  });

  // Move an invoice on: `{"ready":true}` ends the waiting walk; `{"step":"Error"}` forces a step.
  control.post('/invoices/:invoiceId', (req, res) => {
    const invoice = controlled(req, res);
    if (!invoice) return;
    const body = (req.body ?? {}) as { ready?: boolean; step?: string };
    if (body.ready) invoices.skipWaiting(invoice);
    if (body.step !== undefined) {
      if (!(body.step in STEPS)) return res.status(400).json({ error: 'unknown step' });
      invoice.decided = body.step as Step;
    }
    res.json({ step: invoices.step(invoice) });
  });

  control.post('/invoices/:invoiceId/resend', async (req, res) => {
    const invoice = controlled(req, res);
    if (!invoice) return;
    const delivered = await notifier.resend(invoice);
    if (!delivered) return res.status(409).json({ error: 'nothing sent yet' });
    res.json(delivered);
  });

  control.get('/invoices/:invoiceId', (req, res) => {
    const invoice = controlled(req, res);
    if (invoice) res.json({ ...invoice, step: invoices.step(invoice) });
  });

  router.use('/control', control);
  return router;
}
