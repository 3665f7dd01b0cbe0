import { ApiError } from '../../core/errors.js';
import { kopecksToRubles } from '../../core/money.js';
import type { PaymentRecord } from '../../store/types.js';
import type { PaymentProvider, ProviderCapabilities, ProviderContext, ProviderModule } from '../types.js';
import { IntellectMoneyClient } from './client.js';
import type { PayLateForm } from './paylate-link.js';
import { intellectMoneyPublicRoutes } from './public-routes.js';
import { PayLateStarter, realTimers, type Timers } from './paylate-start.js';
import { IntellectMoneyConfig, PROVIDER_ID } from './schemas.js';
import { ShopIp, type Resolve } from './shop-ip.js';
import { STEP_STATUS } from './status-map.js';
import { IntellectMoneyWebhook } from './webhook.js';

const NAME = 'IntellectMoney PayLate';

const capabilities: ProviderCapabilities = {
  // The notes document no refund or cancel call for PayLate: both are done in the IntellectMoney
  // cabinet, and its result notification (refund, cancellation) then updates the order.
  refund: false,
  partialRefund: false,
  twoStage: false,
  cancel: false,
  // createInvoice accepts at least 10.00 (wiki).
  cartLimits: { min: 1_000 },
  currencies: ['RUB'],
  signedCallbacks: true,
};

const MAX_URL = 512;

function urlWithinLimit(url: string, field: string): void {
  if (url.length > MAX_URL) throw new ApiError(400, 'invalid_request', `IntellectMoney accepts ${field} of at most ${MAX_URL} characters`, field);
}

function invoiceIdOf(payment: PaymentRecord): string {
  if (!payment.providerPaymentId) throw new Error(`Payment ${payment.id} has no IntellectMoney invoice yet`);
  return payment.providerPaymentId;
}

export interface IntellectMoneyDeps {
  timers?: Timers;
  resolve?: Resolve;
}

/** The page that submits a Form3DS form for the shopper (public-routes.ts). */
export function payLateFormPageUrl(publicUrl: string, paymentId: string): string {
  return `${publicUrl}/providers/${PROVIDER_ID}/paylate/${encodeURIComponent(paymentId)}`;
}

export interface IntellectMoneyProvider extends PaymentProvider {
  /** The Form3DS form of a payment's PayLate step as IntellectMoney reports it now (null: no form to submit). */
  payLateForm(payment: PaymentRecord): Promise<PayLateForm | null>;
}

export function createIntellectMoneyProvider(config: IntellectMoneyConfig, context: Pick<ProviderContext, 'logger'> & { publicUrl?: string }, deps: IntellectMoneyDeps = {}): IntellectMoneyProvider {
  const client = new IntellectMoneyClient(config);
  const starter = new PayLateStarter(client, { createWaitMs: config.createWaitMs, pollIntervalMs: config.pollIntervalMs }, deps.timers ?? realTimers);
  const shopIp = new ShopIp(config.ipAddress, deps.resolve);

  return {
    id: PROVIDER_ID,
    name: NAME,
    capabilities,
    webhook: new IntellectMoneyWebhook(config),
    // After the shopper is sent to PayLate the core keeps reading the step (durably, across restarts)
    // until it is final; the result webhook usually arrives first and makes those reads no-ops.
    // Backs off (×2 up to pollMaxIntervalMs): an abandoned payment is not read every second for hours.
    statusPolling: { intervalMs: config.pollIntervalMs, maxDurationMs: config.pollMaxMs, maxIntervalMs: config.pollMaxIntervalMs, backoff: 2 },

    async createPayment({ payment, returnUrl, failUrl, callbackUrl, customer }) {
      urlWithinLimit(returnUrl, 'return_url');
      urlWithinLimit(failUrl, 'fail_url');
      const ipAddress = await shopIp.of(returnUrl);
      const outcome = await starter.start({
        paymentId: payment.id,
        invoice: {
          // Our payment id as OrderId: unique per shop, and the webhook's way back to the payment.
          OrderId: payment.id,
          ServiceName: payment.description.slice(0, 1024),
          RecipientAmount: kopecksToRubles(payment.amount),
          RecipientCurrency: 'RUB',
          UserName: customer?.name,
          Email: customer?.email,
          SuccessUrl: returnUrl,
          // FailUrl is left out on purpose: the docs and the SDK disagree on its slot in the
          // createInvoice Sign (UNCERTAIN), and bnplPayment carries the fail URL anyway.
          ResultUrl: config.resultUrl ?? callbackUrl,
        },
        bnpl: { SuccessUrl: returnUrl, FailUrl: failUrl, IpAddress: ipAddress },
      });
      switch (outcome.kind) {
        case 'redirect':
          return { providerPaymentId: outcome.invoiceId, redirectUrl: outcome.url, status: 'pending' };
        case 'form':
          // The browser must POST the form's hidden fields: our page renders and submits it.
          return { providerPaymentId: outcome.invoiceId, redirectUrl: payLateFormPageUrl(context.publicUrl ?? '', payment.id), status: 'pending' };
        case 'paid':
          return { providerPaymentId: outcome.invoiceId, redirectUrl: returnUrl, status: 'paid' };
        case 'failed':
          // A definite "no" from PayLate (e.g. scoring) before any page: the shopper goes to the fail URL.
          context.logger.warn({ paymentId: payment.id, invoiceId: outcome.invoiceId, message: outcome.message }, 'PayLate refused the application');
          return { providerPaymentId: outcome.invoiceId, redirectUrl: failUrl, status: 'failed' };
      }
    },

    async payLateForm(payment) {
      const state = await client.paymentState(invoiceIdOf(payment));
      return state.step === 'SendTo3DS' ? state.form : null;
    },

    async getStatus(payment) {
      const state = await client.paymentState(invoiceIdOf(payment));
      return { status: STEP_STATUS[state.step] };
    },

    async cancel() {
      throw new ApiError(400, 'not_supported', 'IntellectMoney PayLate payments cannot be cancelled through the API: cancel the invoice in the IntellectMoney cabinet (an unpaid one also expires by itself).');
    },

    async refund() {
      throw new ApiError(400, 'not_supported', 'Refund IntellectMoney PayLate payments in the IntellectMoney cabinet; its refund notification then updates the order.');
    },
  };
}

export const intellectMoneyProvider: ProviderModule<IntellectMoneyConfig> = {
  id: PROVIDER_ID,
  name: NAME,
  configSchema: IntellectMoneyConfig,
  create: (config, context) => createIntellectMoneyProvider(config, context),
  publicRoutes: (context) => intellectMoneyPublicRoutes(context),
};
