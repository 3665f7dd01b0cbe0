import { createHash } from 'node:crypto';
import { KeyedLock } from '../../core/keyed-lock.js';
import type { PaymentStatus } from '../../core/status.js';
import type { Timing } from '../../core/timing.js';
import type { PaymentRecord, RefundRecord } from '../../store/types.js';
import type { ProviderApiContext } from '../types.js';
import { BarcodeError, parseBarcode } from './barcodes.js';
import { cashierError, cashierText, type CashierError, type CashierText } from './cashier-messages.js';
import { FINAL_TRANSACTION_STATUSES, PROVIDER_ID } from './constants.js';
import { Ledger, type OperationRecord, type PaymentFacts } from './ledger.js';
import { KoshelekProvider, paidAmountOf } from './provider.js';
import type { Item, Slip } from './schemas.js';
import type { Settings } from './settings.js';
import { normalizeStatus } from './status-map.js';
import { KoshelekHttpError } from './transport.js';

export const fingerprintOf = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** A transaction answer the connector takes in: checkout, status, cancel and refund all carry these. */
export interface TransactionAnswer {
  status: string;
  slip?: Slip | undefined;
  errorCode?: string | undefined;
}

/** What the till sees of a cashier payment. */
export interface CashierPaymentView {
  id: string;
  requestId: string;
  transactionId: string | null;
  orderId: string;
  storeId: string;
  terminalId: string;
  paymentType: string;
  amount: number;
  refundedAmount: number;
  /** Koshelek's status (`new`, `pending`, `accepted`, …), null before its first answer. */
  status: string | null;
  /** The normalized status the plugin sees. */
  paymentStatus: PaymentStatus;
  /** True when nothing more will happen without a cancel or refund. */
  final: boolean;
  errorCode: string | null;
  cashier: CashierText | null;
  slip: Slip | null;
  refunds: Array<{ id: string; requestId: string | null; refTransactionId: string | null; amount: number; status: RefundRecord['status'] }>;
  test: boolean;
  /** When a plain status call may ask Koshelek again (the 250 ms cadence). */
  nextPollInMs: number;
}

/** Shared plumbing of the cashier operations: instances, Koshelek errors, stored answers, views. */
export class CashierBase {
  readonly ledger: Ledger;
  protected readonly lock = new KeyedLock();

  constructor(readonly ctx: ProviderApiContext) {
    this.ledger = new Ledger(ctx.store, ctx.clock);
  }

  protected now(): number {
    return this.ctx.clock();
  }

  /** The instance for a new operation: the profile's settings, or the simulator in test mode. */
  protected instance(profile: string, test: boolean): { provider: KoshelekProvider; simulated: boolean } {
    const resolved = this.ctx.registry.resolve(PROVIDER_ID, profile, test);
    if (!(resolved.provider instanceof KoshelekProvider)) throw new Error('registry returned a foreign provider for koshelek');
    return { provider: resolved.provider, simulated: resolved.simulated };
  }

  /** The instance that made a payment (same profile, same mode). */
  protected providerOf(payment: PaymentRecord): KoshelekProvider {
    const provider = this.ctx.payments.providerFor(payment);
    if (!(provider instanceof KoshelekProvider)) throw new Error('registry returned a foreign provider for koshelek');
    return provider;
  }

  /** A payment by our id, the requestId of its checkout, or Koshelek's transactionId. */
  async find(ref: string): Promise<{ payment: PaymentRecord; facts: PaymentFacts }> {
    const { store } = this.ctx;
    const payment = ref.startsWith('pay_') ? await store.getPayment(ref) : ((await store.findPaymentByIdempotencyKey(`koshelek:${ref}`)) ?? (await store.findPaymentByProviderId(PROVIDER_ID, ref)));
    const facts = payment?.provider === PROVIDER_ID ? await this.ledger.getFacts(payment.id) : null;
    if (!payment || !facts) throw cashierError(404, 'payment_not_found', 'Payment not found', undefined, { field: 'ref' });
    return { payment, facts };
  }

  /** Time spent waiting for Koshelek goes to Server-Timing, so our own overhead can be measured. */
  protected async timed<T>(timing: Timing, fn: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await fn();
    } finally {
      timing.providerMs += performance.now() - started;
    }
  }

  /** Koshelek failures become cashier errors; the raw answer goes to the log only. */
  protected translate(error: unknown, settings: Settings, op: string): CashierError | unknown {
    if (!(error instanceof KoshelekHttpError)) return error;
    this.ctx.logger.warn({ provider: PROVIDER_ID, op, detail: error.detail, code: error.code, httpStatus: error.httpStatus }, 'koshelek call failed');
    const status = error.code === 'TIMEOUT' ? 504 : error.code === 'TRANSACTION_IN_PROCESSING' ? 409 : error.httpStatus === 422 ? 422 : 502;
    return cashierError(status, error.code, `Koshelek Pay ${op} failed: ${error.code}`, settings, {
      retryable: error.retryable,
      koshelek: { ...(error.httpStatus ? { httpStatus: error.httpStatus } : {}), code: error.code },
    });
  }

  /** A 422 (other than "still processing") is Koshelek's final word on that request. */
  protected isRefusal(error: unknown): error is KoshelekHttpError {
    return error instanceof KoshelekHttpError && error.httpStatus === 422 && error.code !== 'TRANSACTION_IN_PROCESSING';
  }

  protected checkEnum(value: string, allowed: readonly string[], field: string, settings: Settings): void {
    if (!allowed.includes(value)) throw cashierError(400, 'invalid_request', `Invalid body: ${field}: "${value}" is not an allowed value (${allowed.join(', ')})`, settings, { field });
  }

  protected checkItems(items: readonly Item[], total: number, settings: Settings, field: string): void {
    items.forEach((item, i) => {
      this.checkEnum(item.tax, settings.enums.taxes, `${field}.${i}.tax`, settings);
      if (item.measure !== undefined) this.checkEnum(item.measure, settings.enums.measures, `${field}.${i}.measure`, settings);
    });
    const sum = items.reduce((s, i) => s + i.totalAmount, 0);
    if (sum !== total) throw cashierError(400, 'basket_mismatch', `The items add up to ${sum} kopecks, the total is ${total}`, settings, { field });
  }

  /** The card from a scanned barcode (any supported symbology) or from parts the till decoded. */
  protected card(input: { barcode?: string | undefined; barcodeFormat?: Parameters<typeof parseBarcode>[2]; cardSession?: string | undefined; loyaltyId?: string | undefined }, provider: KoshelekProvider) {
    const settings = provider.settings();
    if (input.barcode === undefined) return { cardSession: input.cardSession!, loyaltyId: input.loyaltyId!, format: null, prefix: null, password: null };
    let card;
    try {
      card = parseBarcode(input.barcode, settings.totp, input.barcodeFormat);
    } catch (error) {
      if (error instanceof BarcodeError) throw cashierError(400, error.code, error.message, settings, { field: 'barcode' });
      throw error;
    }
    if (!card.koshelekPay) throw cashierError(422, 'card_without_koshelek_pay', 'This loyalty card carries no Koshelek Pay session', settings, { field: 'barcode' });
    return { cardSession: card.cardSession!, loyaltyId: card.cardNumber, format: card.format, prefix: card.prefix, password: card.password! };
  }

  /**
   * Checks the card's one-time password (when the settings ask for it). Only for a first attempt:
   * a retry of a request already sent must not fail because the password has expired meanwhile.
   */
  protected verifyCard(card: ReturnType<CashierBase['card']>, provider: KoshelekProvider): void {
    const settings = provider.settings();
    if (!settings.totp.verifyBarcodePassword || card.password === null || card.prefix === null) return;
    if (!provider.totp().verifyBarcodePassword({ prefix: card.prefix, cardNumber: card.loyaltyId, password: card.password }, this.now())) {
      throw cashierError(422, 'card_password_invalid', "The card's one-time password is wrong or expired", settings, { field: 'barcode' });
    }
  }

  /**
   * Takes in a transaction answer: checks it is about this payment (order, store, transaction,
   * amount), keeps the slip, updates the report row and applies the normalized status. An answer
   * that contradicts the payment changes nothing.
   */
  protected async absorb(payment: PaymentRecord, facts: PaymentFacts, answer: TransactionAnswer, settings: Settings, source: 'api' | 'poll'): Promise<{ payment: PaymentRecord; facts: PaymentFacts }> {
    const slip = answer.slip;
    this.checkSlip(slip, payment, facts, settings);
    const updated: PaymentFacts = { ...facts, status: answer.status || facts.status, errorCode: answer.errorCode ?? facts.errorCode };
    if (slip && paidAmountOf(slip) !== undefined) updated.slip = slip;
    if (slip) await this.ledger.putSlip(slip, { requestId: facts.initRequestId, op: 'payment', paymentId: payment.id });
    await this.ledger.putFacts(updated);
    await this.recordPaymentOperation(payment, updated);
    const mapped = normalizeStatus(answer.status, payment.status, settings);
    if (!mapped.known && answer.status) this.ctx.logger.warn({ provider: PROVIDER_ID, paymentId: payment.id, status: answer.status }, 'unknown koshelek status; add it to statusMap');
    if (!mapped.status) return { payment, facts: updated };
    const refundedAmount = mapped.status === 'refunded' ? payment.amount : mapped.status === 'partially_refunded' ? await this.refundedSoFar(payment) : undefined;
    const next = await this.ctx.payments.applyProviderStatus(payment, { status: mapped.status, amount: paidAmountOf(slip), refundedAmount }, source);
    return { payment: next, facts: updated };
  }

  /**
   * A slip about another order, transaction or amount must not touch this payment. A different
   * `storeId` is only logged: the spec's own examples carry a slip storeId unlike the request's.
   */
  protected checkSlip(slip: Slip | undefined, payment: PaymentRecord, facts: PaymentFacts, settings: Settings): void {
    if (!slip) return;
    const paid = paidAmountOf(slip);
    if (slip.storeId !== undefined && slip.storeId !== facts.storeId) {
      this.ctx.logger.warn({ provider: PROVIDER_ID, paymentId: payment.id, slipStoreId: slip.storeId, storeId: facts.storeId }, 'koshelek slip names another storeId; kept as received');
    }
    const problem =
      slip.orderId !== facts.orderId ? `slip orderId ${slip.orderId}` :
      facts.transactionId && slip.paymentTransactionId !== facts.transactionId ? `slip transaction ${slip.paymentTransactionId}` :
      paid !== undefined && paid !== payment.amount ? `slip amount ${paid}` : null;
    if (!problem) return;
    this.ctx.logger.error({ provider: PROVIDER_ID, paymentId: payment.id, problem }, 'koshelek answer contradicts the payment; nothing changed');
    throw cashierError(502, 'provider_contradiction', 'Koshelek answered about another payment', settings);
  }

  protected async recordPaymentOperation(payment: PaymentRecord, facts: PaymentFacts): Promise<void> {
    await this.ledger.putOperation({
      op: 'payment',
      requestId: facts.initRequestId,
      paymentId: payment.id,
      orderId: facts.orderId,
      storeId: facts.storeId,
      terminalId: facts.terminalId,
      paymentTransactionId: facts.transactionId,
      status: facts.status || undefined,
      errorCode: facts.errorCode,
      amount: payment.amount,
      paymentType: facts.slip?.paymentType ?? facts.paymentType,
      slip: facts.slip,
      test: payment.test,
    });
  }

  protected async recordRefundOperation(op: 'cancel' | 'refund', payment: PaymentRecord, facts: PaymentFacts, requestId: string, amount: number, answer: Partial<OperationRecord>): Promise<void> {
    const previous = await this.ledger.getOperation(requestId);
    await this.ledger.putOperation({
      ...previous,
      op,
      requestId,
      paymentId: payment.id,
      orderId: facts.orderId,
      storeId: facts.storeId,
      terminalId: facts.terminalId,
      paymentTransactionId: facts.transactionId,
      amount,
      paymentType: facts.slip?.paymentType ?? facts.paymentType,
      test: payment.test,
      ...answer,
    });
  }

  protected async refundedSoFar(payment: PaymentRecord): Promise<number> {
    const refunds = await this.ctx.store.listRefunds(payment.id);
    return refunds.filter((r) => r.status === 'succeeded').reduce((s, r) => s + r.amount, 0);
  }

  /** Nothing will change without the till doing something. */
  protected settled(payment: PaymentRecord, facts: PaymentFacts, refunds: RefundRecord[]): boolean {
    if (refunds.some((r) => r.status === 'pending' && r.providerRefundId)) return false;
    if (FINAL_TRANSACTION_STATUSES.has(facts.status)) return true;
    return ['paid', 'partially_refunded', 'refunded', 'cancelled', 'failed'].includes(payment.status) && (facts.slip !== undefined || payment.status !== 'paid');
  }

  /** When the documented cadence lets us ask Koshelek about this payment again. */
  protected nextCallAt(provider: KoshelekProvider, facts: PaymentFacts, settings: Settings): number {
    const last = facts.transactionId ? provider.lastStatusCall.get(facts.transactionId) : undefined;
    return Math.max(facts.initAt + settings.polling.firstDelayMs, last !== undefined ? last + settings.polling.intervalMs : 0);
  }

  async view(payment: PaymentRecord, facts: PaymentFacts, extra: { timedOut?: boolean } = {}): Promise<CashierPaymentView> {
    const provider = this.providerOf(payment);
    const settings = provider.settings();
    const refunds = await this.ctx.store.listRefunds(payment.id);
    const cashierCode = extra.timedOut ? 'payment_timed_out' : facts.errorCode;
    const final = this.settled(payment, facts, refunds);
    return {
      id: payment.id,
      requestId: facts.initRequestId,
      transactionId: facts.transactionId,
      orderId: facts.orderId,
      storeId: facts.storeId,
      terminalId: facts.terminalId,
      paymentType: facts.slip?.paymentType ?? facts.paymentType,
      amount: payment.amount,
      refundedAmount: payment.refundedAmount,
      status: facts.status || null,
      paymentStatus: payment.status,
      final,
      errorCode: facts.errorCode ?? null,
      cashier: cashierCode ? cashierText(cashierCode, settings) : null,
      slip: facts.slip ?? null,
      refunds: refunds.map((r) => ({ id: r.id, requestId: requestIdOfRefund(r.id), refTransactionId: r.providerRefundId, amount: r.amount, status: r.status })),
      test: payment.test,
      nextPollInMs: final ? 0 : Math.max(0, this.nextCallAt(provider, facts, settings) - this.now()),
    };
  }
}

/** Core refund ids of till refunds embed the Pay API requestId ('.' never occurs in the core's own ids). */
export function refundIdFor(requestId: string): string {
  return `ref_koshelek.${requestId}`;
}

function requestIdOfRefund(id: string): string | null {
  return id.startsWith('ref_koshelek.') ? id.slice('ref_koshelek.'.length) : null;
}
