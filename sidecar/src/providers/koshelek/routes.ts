import { Router, type Request } from 'express';
import { ApiError, ProviderError } from '../../core/errors.js';
import type { ProviderApiContext } from '../types.js';
import { BarcodeBody, CancelBody, InitBody, PaymentRef, ProvidersBody, ReceiptBody, RefundBody, ReportQuery, StatusQuery } from './api-schemas.js';
import { Cashier } from './cashier.js';
import { CashierError, cashierText } from './cashier-messages.js';
import { buildReport, toCsv } from './reports.js';

/** Codes of core errors mapped onto a cashier instruction. */
const CORE_CODES: Readonly<Record<string, string>> = {
  provider_not_configured: 'not_configured',
  provider_misconfigured: 'not_configured',
  test_mode_unavailable: 'not_configured',
  unknown_provider: 'not_configured',
  invalid_json: 'invalid_request',
};

/** Every failure the till sees carries a cashier instruction. */
async function forTill<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof CashierError) throw error;
    if (error instanceof ApiError) {
      throw new CashierError(error.status, error.code, error.message, cashierText(CORE_CODES[error.code] ?? error.code), { ...(error.field !== undefined ? { field: error.field } : {}) });
    }
    if (error instanceof ProviderError) throw new CashierError(502, 'provider_error', 'The payment provider did not accept the request', cashierText('HTTP_5XX'), { retryable: error.retryable });
    throw error;
  }
}

/**
 * The cashier API, mounted (signed, like all /v1 calls) at /v1/providers/koshelek/. Every POST needs
 * an Idempotency-Key; the Pay API requestId derives from it unless the till sends its own.
 */
export function koshelekRoutes(ctx: ProviderApiContext): Router {
  const router = Router();
  const { get, post } = ctx.http.routeHelpers(router, ctx.store, ctx.clock);
  const { jsonBody, parseInput } = ctx.http;
  const cashier = new Cashier(ctx);
  const ref = (req: Request) => parseInput(PaymentRef, req.params, 'params').ref;

  // Parsing only: no side effect, so no Idempotency-Key.
  router.post('/barcodes/parse', async (req, res) => {
    const body = await forTill(() => parseInput(BarcodeBody, jsonBody(req), 'body'));
    res.json(await forTill(() => cashier.barcode(body)));
  });

  post('/providers', (req, key, timing) =>
    forTill(async () => ({ status: 200, body: await cashier.providers(parseInput(ProvidersBody, jsonBody(req), 'body'), key, timing) })),
  );

  post('/payments', (req, key, timing) => forTill(async () => ({ status: 201, body: await cashier.init(parseInput(InitBody, jsonBody(req), 'body'), key, timing) })));

  get('/payments/:ref', (req, timing) => forTill(async () => ({ status: 200, body: await cashier.status(ref(req), parseInput(StatusQuery, req.query, 'query'), timing) })));

  post('/payments/:ref/cancel', (req, key, timing) =>
    forTill(async () => ({ status: 200, body: await cashier.cancel(ref(req), parseInput(CancelBody, jsonBody(req), 'body'), key, timing) })),
  );

  post('/payments/:ref/refunds', (req, key, timing) =>
    forTill(async () => ({ status: 201, body: await cashier.refund(ref(req), parseInput(RefundBody, jsonBody(req), 'body'), key, timing) })),
  );

  post('/payments/:ref/receipt', (req, key, timing) =>
    forTill(async () => ({ status: 200, body: await cashier.receipt(ref(req), parseInput(ReceiptBody, jsonBody(req), 'body'), key, timing) })),
  );

  get('/slips/:id', (req) =>
    forTill(async () => {
      const id = parseInput(PaymentRef, { ref: req.params.id }, 'params').ref;
      const slip = await cashier.ledger.getSlip(id);
      if (!slip) throw new ApiError(404, 'slip_not_found', 'Slip not found', 'id');
      return { status: 200, body: slip };
    }),
  );

  get('/reports', (req) => forTill(async () => ({ status: 200, body: await buildReport(cashier.ledger, parseInput(ReportQuery, req.query, 'query'), ctx.clock()) })));

  router.get('/reports.csv', async (req, res) => {
    const query = await forTill(() => parseInput(ReportQuery, req.query, 'query'));
    const report = await buildReport(cashier.ledger, query, ctx.clock());
    res.type('text/csv; charset=utf-8').set('content-disposition', `attachment; filename="koshelek-${report.from.slice(0, 10)}_${report.to.slice(0, 10)}.csv"`).send(toCsv(report.rows, query.delimiter));
  });

  return router;
}
