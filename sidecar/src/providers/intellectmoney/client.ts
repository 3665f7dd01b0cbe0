import { ProviderError } from '../../core/errors.js';
import { callJson } from '../../core/http-client.js';
import { payLateNext, type PayLateForm } from './paylate-link.js';
import {
  BNPL_PAYMENT_PATH,
  CreateInvoiceResult,
  Envelope,
  PaymentStateResult,
  PROVIDER_ID,
  RESULT_OK_CODES,
  StateCode,
  type BnplPaymentRequest,
  type CreateInvoiceRequest,
  type IntellectMoneyConfig,
  type PaymentStepName,
} from './schemas.js';
import { bodyHash, signHeader, TEMPLATES, type Template } from './signature.js';

export type InvoiceFields = Omit<CreateInvoiceRequest, 'EshopId' | 'Hash' | 'PurchaseHash'>;
export type BnplFields = Omit<BnplPaymentRequest, 'EshopId' | 'Hash'>;

export interface PaymentState {
  step: PaymentStepName;
  /** Known once the step is past Created/InProcess: a bare link to redirect to… */
  link: string | null;
  /** …or a form the shopper's browser must submit. */
  form: PayLateForm | null;
  /** IntellectMoney's own wording, for logs. */
  message: string;
}

/** What the create flow needs from IntellectMoney (a seam for tests). */
export interface BnplApi {
  createInvoice(fields: InvoiceFields): Promise<string>;
  startBnpl(fields: BnplFields): Promise<void>;
  paymentState(invoiceId: string): Promise<PaymentState>;
}

/**
 * Outgoing Merchant API calls: JSON bodies with `Hash` (md5, secretKey), headers `Authorization:
 * Bearer` and `Sign` (signSecretKey). A non-zero OperationState, or a Result.State other than
 * 0/1, is a ProviderError whose detail (logged only) names IntellectMoney's code and parameter.
 */
export class IntellectMoneyClient implements BnplApi {
  constructor(private readonly config: IntellectMoneyConfig) {}

  async createInvoice(fields: InvoiceFields): Promise<string> {
    const body: Record<string, string | number> = { EshopId: Number(this.config.eshopId), ...definedOnly(fields) };
    body.PurchaseHash = bodyHash(TEMPLATES.purchaseHash, body, this.config.secretKey);
    const result = await this.call('createInvoice', TEMPLATES.createInvoice, body);
    const parsed = CreateInvoiceResult.safeParse(result);
    if (!parsed.success) throw new ProviderError(PROVIDER_ID, `createInvoice → no InvoiceId in ${JSON.stringify(result).slice(0, 300)}`);
    return parsed.data.InvoiceId;
  }

  async startBnpl(fields: BnplFields): Promise<void> {
    await this.call(BNPL_PAYMENT_PATH, TEMPLATES.bnplPayment, { EshopId: Number(this.config.eshopId), ...definedOnly(fields) });
  }

  async paymentState(invoiceId: string): Promise<PaymentState> {
    const result = await this.call('getBankCardPaymentState', TEMPLATES.getBankCardPaymentState, { EshopId: Number(this.config.eshopId), InvoiceId: invoiceId });
    const parsed = PaymentStateResult.safeParse(result);
    if (!parsed.success) throw new ProviderError(PROVIDER_ID, `getBankCardPaymentState → unexpected Result ${JSON.stringify(result).slice(0, 300)}`);
    return { step: parsed.data.PaymentStep, ...payLateNext(result), message: parsed.data.Message ?? '' };
  }

  private async call(method: string, template: Template, body: Record<string, string | number>): Promise<Record<string, unknown>> {
    const { secretKey, signSecretKey, token, baseUrl } = this.config;
    const envelope = await callJson({
      provider: PROVIDER_ID,
      method: 'POST',
      url: `${baseUrl.replace(/\/+$/, '')}/${method}`,
      headers: { authorization: `Bearer ${token}`, sign: signHeader(template, body, signSecretKey) },
      body: { ...body, Hash: bodyHash(template, body, secretKey) },
      schema: Envelope,
    });
    const operation = envelope.OperationState;
    if (operation.Code !== 0) {
      throw new ProviderError(PROVIDER_ID, `${method} → OperationState ${operation.Code}: ${operation.Desc ?? ''}`, false, `operation_${operation.Code}`);
    }
    const result = envelope.Result ?? {};
    const state = result.State === undefined ? undefined : StateCode.safeParse(result.State);
    if (state && !state.success) throw new ProviderError(PROVIDER_ID, `${method} → unreadable Result.State ${JSON.stringify(result.State).slice(0, 200)}`);
    const code = state?.data.Code ?? 0;
    if (!RESULT_OK_CODES.includes(code)) {
      const param = state?.data.ErrorSourceParam ? ` (parameter ${state.data.ErrorSourceParam})` : '';
      throw new ProviderError(PROVIDER_ID, `${method} → State ${code}: ${state?.data.Desc ?? ''}${param}`, false, `state_${code}`);
    }
    return result;
  }
}

/** Absent optional fields are not sent; their template slots stay empty. */
function definedOnly(fields: object): Record<string, string | number> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string | number>;
}
