import { newId } from '../../core/ids.js';
import type { Timing } from '../../core/timing.js';
import type { PaymentRecord } from '../../store/types.js';
import type { BarcodeBody, InitBody, ProvidersBody, ReceiptBody } from './api-schemas.js';
import { BarcodeError, parseBarcode } from './barcodes.js';
import { fingerprintOf, type CashierPaymentView } from './cashier-base.js';
import { cashierError } from './cashier-messages.js';
import { CashierGuards } from './cashier-guards.js';
import { PROVIDER_ID } from './constants.js';
import type { PaymentFacts } from './ledger.js';
import type { KoshelekProvider, TillMetadata } from './provider.js';
import { derivedRequestId, freshRequestId } from './request-ids.js';
import type { AvailabilityResponse, CancelRequest, CheckoutInvoice, CheckoutRequest, CheckoutResponse, ReceiptRequest, RefundRequest } from './schemas.js';
import type { Settings } from './settings.js';
import { KoshelekHttpError } from './transport.js';
import type { z } from 'zod';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The cashier operations behind /v1/providers/koshelek/…: payment initialisation, status (with an
 * optional long-poll at the documented cadence and the 30-second cancel), cancel, refund, receipt,
 * the providers list and barcode parsing.
 */
export class Cashier extends CashierGuards {
  private terminalOf(input: { terminalId?: string | undefined }, settings: Settings): string {
    const terminalId = input.terminalId ?? settings.terminal;
    if (!terminalId) throw cashierError(400, 'invalid_request', 'Invalid body: terminalId: required (no default terminal in the settings)', settings, { field: 'terminalId' });
    return terminalId;
  }

  private invoiceOf(input: Pick<InitBody, 'orderId' | 'amount' | 'discountAmount' | 'subTotalAmount' | 'items'>, settings: Settings): CheckoutInvoice {
    this.checkItems(input.items, input.amount, settings, 'items');
    return {
      orderId: input.orderId,
      totalAmount: input.amount,
      ...(input.discountAmount !== undefined ? { discountAmount: input.discountAmount } : {}),
      ...(input.subTotalAmount !== undefined ? { subTotalAmount: input.subTotalAmount } : {}),
      items: input.items,
    };
  }

  /** Payment initialisation (`checkout`). 201 with the payment; a declined payment is a 201 too, with its errorCode and instruction. */
  async init(input: InitBody, key: string, timing: Timing): Promise<CashierPaymentView> {
    const { provider, simulated } = this.instance(input.profile, input.test);
    const settings = provider.settings();
    this.checkEnum(input.paymentType, settings.enums.paymentTypes, 'paymentType', settings);
    const invoice = this.invoiceOf(input, settings);
    const card = this.card(input, provider);
    const terminalId = this.terminalOf(input, settings);
    const requestId = input.requestId ?? derivedRequestId('checkout', input.profile, key);
    const fingerprint = fingerprintOf({ invoice, card: card.cardSession, loyaltyId: card.loyaltyId, type: input.paymentType, terminalId, meta: input.paymentMethodMeta ?? null });
    return this.lock.run(`checkout:${requestId}`, async () => {
      const prior = await this.priorRequest(requestId, 'checkout', fingerprint, settings);
      if (!prior) this.verifyCard(card, provider);
      let payment = await this.ctx.store.findPaymentByIdempotencyKey(`koshelek:${requestId}`);
      let facts = payment ? await this.ledger.getFacts(payment.id) : null;
      if (prior?.state === 'done' && payment && facts) return this.view(payment, facts);
      const body: CheckoutRequest = (prior?.body as CheckoutRequest | undefined) ?? {
        requestId,
        cardSession: card.cardSession,
        storeId: settings.store,
        terminalId,
        checkoutInvoice: invoice,
        user: { loyaltyId: card.loyaltyId },
        paymentMethods: [{ type: input.paymentType, ...(input.paymentMethodMeta ? { meta: input.paymentMethodMeta } : {}), ...(settings.paymentPurpose ? { paymentPurpose: settings.paymentPurpose } : {}) }],
      };
      if (!payment) payment = await this.insertPayment(body, input, simulated);
      if (!facts) {
        facts = { paymentId: payment.id, initRequestId: requestId, transactionId: null, orderId: input.orderId, storeId: body.storeId, terminalId, paymentType: input.paymentType, loyaltyId: card.loyaltyId, cardFormat: card.format, items: input.items, status: '', initAt: this.now() };
        await this.ledger.putFacts(facts);
      }
      await this.ledger.putRequest({ requestId, op: 'checkout', paymentId: payment.id, fingerprint, body, state: 'sent', createdAt: prior?.createdAt });
      let answer: CheckoutResponse;
      try {
        answer = await this.timed(timing, () => provider.client.checkout(body));
      } catch (error) {
        // The report row is written after the request left (it is not needed to send it).
        if (this.isRefusal(error)) await this.refused(payment, facts, error, requestId, fingerprint, body);
        else {
          await this.recordPaymentOperation(payment, facts);
          if (error instanceof KoshelekHttpError && (await this.noteFailure(payment.id, settings))) throw await this.cancelAfterFailures(payment.id, settings, timing);
        }
        throw this.translate(error, settings, 'checkout');
      }
      payment = await this.ctx.store.setProviderReference(payment.id, answer.transactionId, null, this.now());
      facts = await this.noteAnswer({ ...((await this.ledger.getFacts(payment.id)) ?? facts), transactionId: answer.transactionId });
      ({ payment, facts } = await this.absorb(payment, facts, answer, settings, 'api'));
      this.guard(payment, facts, settings);
      await this.ledger.putRequest({ requestId, op: 'checkout', paymentId: payment.id, fingerprint, body, state: 'done', outcome: answer, createdAt: prior?.createdAt });
      return this.view(payment, facts);
    });
  }

  private async insertPayment(body: CheckoutRequest, input: InitBody, simulated: boolean): Promise<PaymentRecord> {
    const metadata: TillMetadata = { channel: 'cashier', requestId: body.requestId, storeId: body.storeId, terminalId: body.terminalId, paymentType: input.paymentType };
    return this.ctx.store.insertPayment(
      {
        id: newId('pay'),
        orderId: input.orderId,
        orderKey: null,
        provider: PROVIDER_ID,
        profile: input.profile,
        amount: input.amount,
        currency: 'RUB',
        description: `Koshelek Pay at till ${body.terminalId}, order ${input.orderId}`.slice(0, 500),
        idempotencyKey: `koshelek:${body.requestId}`,
        metadata: { ...metadata },
        details: {},
        test: input.test || simulated,
      },
      this.now(),
    );
  }

  /** Koshelek refused the checkout outright (HTTP 422): the payment failed, and the report says why. */
  private async refused(payment: PaymentRecord, facts: PaymentFacts, error: KoshelekHttpError, requestId: string, fingerprint: string, body: CheckoutRequest): Promise<void> {
    const updated = { ...facts, errorCode: error.code };
    await this.ledger.putFacts(updated);
    await this.ledger.putRequest({ requestId, op: 'checkout', paymentId: payment.id, fingerprint, body, state: 'failed', outcome: { httpStatus: error.httpStatus, code: error.code } });
    const failed = await this.ctx.payments.applyProviderStatus(payment, { status: 'failed' }, 'api');
    await this.recordPaymentOperation(failed, updated);
  }

  /**
   * Transaction status. Answers from the store when nothing can change or the 250 ms cadence is not
   * due; `wait` long-polls Koshelek until a final status. After the till's 30 s the payment is
   * cancelled (settings: polling.tillWaitMs / autoCancel). No polling outlives the request.
   */
  async status(ref: string, query: { wait?: number | undefined; refresh?: '0' | '1' | undefined }, timing: Timing): Promise<CashierPaymentView> {
    let { payment, facts } = await this.find(ref);
    const provider = this.providerOf(payment);
    const settings = provider.settings();
    const deadline = this.now() + Math.min(query.wait ?? 0, settings.polling.tillWaitMs);
    let forced = query.refresh === '1';
    for (;;) {
      const refunds = await this.ctx.store.listRefunds(payment.id);
      if (!forced && this.settled(payment, facts, refunds)) break;
      if (this.timedOut(payment, facts, settings)) return this.cancelTimedOut(payment, timing);
      const dueAt = this.nextCallAt(provider, facts, settings);
      if (!facts.transactionId || dueAt > deadline) break;
      if (dueAt > this.now()) {
        await sleep(dueAt - this.now());
        continue;
      }
      forced = false;
      ({ payment, facts } = await this.pollOnce(provider, payment, facts, settings, timing));
      if (this.now() >= deadline) break;
    }
    if (this.timedOut(payment, facts, settings)) return this.cancelTimedOut(payment, timing);
    return this.view(payment, facts);
  }

  /** One status call for the payment, plus one per refund still waiting for its outcome. */
  private async pollOnce(provider: KoshelekProvider, payment: PaymentRecord, facts: PaymentFacts, settings: Settings, timing: Timing) {
    const transactionId = facts.transactionId!;
    provider.lastStatusCall.set(transactionId, this.now());
    try {
      const answer = await this.timed(timing, () => provider.client.status({ requestId: freshRequestId(), transactionId }));
      if (!answer.status) throw cashierError(502, 'UNKNOWN_TRANSACTION_ID', 'Koshelek does not know this transaction', settings);
      let next = await this.absorb(payment, { ...facts, lastStatusAt: this.now() }, answer, settings, 'poll');
      for (const refund of await this.ctx.store.listRefunds(payment.id)) {
        if (refund.status !== 'pending' || !refund.providerRefundId) continue;
        const ref = await this.timed(timing, () => provider.client.status({ requestId: freshRequestId(), refTransactionId: refund.providerRefundId! }));
        const request = await this.ledger.getRequest(refund.id.replace(/^ref_koshelek\./, ''));
        if (request?.op !== 'cancel' && request?.op !== 'refund') continue;
        const body = request.body as CancelRequest | RefundRequest;
        next = await this.finishRequest(request.requestId, request.op, next.payment, next.facts, body, { ...ref, refStatus: ref.refStatus ?? 'new', transactionId }, refund.id);
      }
      return { payment: next.payment, facts: await this.noteAnswer(next.facts) };
    } catch (error) {
      if (error instanceof KoshelekHttpError && !this.isRefusal(error) && (await this.noteFailure(payment.id, settings))) throw await this.cancelAfterFailures(payment.id, settings, timing);
      throw this.translate(error, settings, 'status');
    }
  }

  /** Sends the fiscal receipt to the customer's app (`transaction/receipt`, answered with an empty 200). */
  async receipt(ref: string, input: ReceiptBody, key: string, timing: Timing): Promise<{ ok: true; requestId: string }> {
    const { payment, facts } = await this.find(ref);
    const provider = this.providerOf(payment);
    const settings = provider.settings();
    const { invoice } = input;
    if (invoice.taxation !== undefined) this.checkEnum(invoice.taxation, settings.enums.taxations, 'invoice.taxation', settings);
    this.checkEnum(invoice.receiptType, settings.enums.receiptTypes, 'invoice.receiptType', settings);
    invoice.items.forEach((item, i) => this.checkEnum(item.tax, settings.enums.taxes, `invoice.items.${i}.tax`, settings));
    if (!facts.transactionId) throw cashierError(409, 'invalid_state', 'The payment has no Koshelek transaction yet', settings);
    const requestId = input.requestId ?? derivedRequestId('receipt', payment.id, key);
    const fingerprint = fingerprintOf(input.invoice);
    const prior = await this.priorRequest(requestId, 'receipt', fingerprint, settings);
    if (prior?.state === 'done') return { ok: true, requestId };
    const body: ReceiptRequest = { requestId, transactionId: facts.transactionId, storeId: facts.storeId, terminalId: facts.terminalId, invoice, ...(input.meta ? { meta: input.meta } : {}) };
    await this.ledger.putRequest({ requestId, op: 'receipt', paymentId: payment.id, fingerprint, body, state: 'sent', createdAt: prior?.createdAt });
    try {
      await this.timed(timing, () => provider.client.receipt(body));
    } catch (error) {
      throw this.translate(error, settings, 'receipt');
    }
    await this.ledger.putRequest({ requestId, op: 'receipt', paymentId: payment.id, fingerprint, body, state: 'done', createdAt: prior?.createdAt });
    return { ok: true, requestId };
  }

  /** The payment providers Koshelek offers this customer for this basket (sync, or polled when asynchronous). */
  async providers(input: ProvidersBody, key: string, timing: Timing) {
    const { provider } = this.instance(input.profile, input.test);
    const settings = provider.settings();
    const invoice = this.invoiceOf(input, settings);
    const card = this.card(input, provider);
    this.verifyCard(card, provider);
    const requestId = input.requestId ?? derivedRequestId('availability', input.profile, key);
    const body = { requestId, cardsession: card.cardSession, storeId: settings.store, terminalId: this.terminalOf(input, settings), checkoutInvoice: invoice, user: { loyaltyId: card.loyaltyId } };
    const deadline = this.now() + settings.polling.providersWaitMs;
    let list: z.infer<typeof AvailabilityResponse>;
    try {
      let step = await this.timed(timing, () => provider.client.availabilityTask(body));
      if (step.kind === 'pending') {
        const id = step.id;
        let waitMs = step.firstPollMs;
        for (;;) {
          if (this.now() + waitMs > deadline) throw cashierError(504, 'providers_not_ready', 'Koshelek did not finish the providers list in time', settings, { retryable: true });
          await sleep(waitMs);
          const poll = await this.timed(timing, () => provider.client.availabilityPoll(id));
          if (poll.kind === 'ready') {
            step = poll;
            break;
          }
          waitMs = Math.max(poll.nextPollMs, 50);
        }
      }
      list = step.list;
    } catch (error) {
      throw this.translate(error, settings, 'providers');
    }
    return {
      requestId,
      koshelekPayIsDefault: list.koshelekPayIsDefault,
      providers: list.paymentTypeAvailabilityInfoList.map((p) => ({
        paymentType: p.paymentType,
        available: p.available,
        message: p.message ?? '',
        // False for a type Koshelek offers but the settings do not list yet: add it to enums.paymentTypes.
        allowed: settings.enums.paymentTypes.includes(p.paymentType),
      })),
    };
  }

  /** What the barcode says (plain loyalty cards included), without paying. */
  barcode(input: z.infer<typeof BarcodeBody>) {
    const { provider } = this.instance(input.profile, input.test);
    const settings = provider.settings();
    try {
      const card = parseBarcode(input.barcode, settings.totp, input.barcodeFormat);
      const passwordValid = card.password !== undefined && settings.totp.verifyBarcodePassword ? provider.totp().verifyBarcodePassword({ prefix: card.prefix, cardNumber: card.cardNumber, password: card.password }, this.now()) : null;
      return { format: card.format, cardNumber: card.cardNumber, koshelekPay: card.koshelekPay, cardSession: card.cardSession ?? null, passwordValid };
    } catch (error) {
      if (error instanceof BarcodeError) throw cashierError(400, error.code, error.message, settings, { field: 'barcode' });
      throw error;
    }
  }
}
