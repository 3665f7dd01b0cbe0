import type { Timing } from '../../core/timing.js';
import type { PaymentRecord } from '../../store/types.js';
import type { RefundBody } from './api-schemas.js';
import { CashierBase, fingerprintOf, refundIdFor, type CashierPaymentView } from './cashier-base.js';
import { cashierError } from './cashier-messages.js';
import type { PaymentFacts, RequestRecord } from './ledger.js';
import { derivedRequestId, freshRequestId } from './request-ids.js';
import type { CancelRequest, RefOperationResponse, RefundRequest } from './schemas.js';
import type { Settings } from './settings.js';
import { refundState } from './status-map.js';

/** Paid by Koshelek's word or ours: a cancel is declined, only a refund returns the money. */
const paidAlready = (paymentStatus: string, koshelekStatus: string) => ['paid', 'partially_refunded'].includes(paymentStatus) || ['accepted', 'partial_refunded', 'refunding'].includes(koshelekStatus);

/**
 * Cancel and refund: money going back. Both are written down (request + pending refund) before
 * Koshelek is called, and a retry — same Idempotency-Key or same requestId — resends the identical
 * request, so a lost answer can never turn into a second refund.
 */
export class CashierReversals extends CashierBase {
  /** The stored request for this requestId, refusing one that was used for something else. */
  protected async priorRequest(requestId: string, op: RequestRecord['op'], fingerprint: string, settings: Settings): Promise<RequestRecord | null> {
    const prior = await this.ledger.getRequest(requestId);
    if (prior && (prior.op !== op || prior.fingerprint !== fingerprint)) {
      throw cashierError(422, 'request_id_reused', `requestId ${requestId} was already used for another ${prior.op}`, settings, { field: 'requestId' });
    }
    return prior;
  }

  async cancel(ref: string, input: { requestId?: string | undefined }, key: string, timing: Timing, auto = false): Promise<CashierPaymentView> {
    const found = await this.find(ref);
    return this.lock.run(found.payment.id, async () => {
      let { payment, facts } = await this.find(found.payment.id);
      const provider = this.providerOf(payment);
      const settings = provider.settings();
      const requestId = input.requestId ?? derivedRequestId(auto ? 'auto-cancel' : 'cancel', payment.id, key);
      const prior = await this.priorRequest(requestId, 'cancel', fingerprintOf({ paymentId: payment.id }), settings);
      if (prior?.state === 'done') return this.view(payment, facts, { timedOut: auto });
      if (!prior) {
        if (!facts.transactionId) throw cashierError(409, 'invalid_state', 'Koshelek has not confirmed the checkout yet; retry the payment request first', settings, { retryable: true });
        // Koshelek declines cancelling a paid (ACCEPTED) transaction: the money goes back by refund.
        if (paidAlready(payment.status, facts.status)) throw cashierError(409, 'cancel_after_payment', 'The payment is already paid: refund it instead of cancelling', settings);
        if (['cancelled', 'failed', 'refunded'].includes(payment.status) || payment.refundedAmount > 0) {
          throw cashierError(409, 'invalid_state', `A ${payment.status} payment cannot be cancelled`, settings);
        }
      }
      const body: CancelRequest = (prior?.body as CancelRequest | undefined) ?? { requestId, storeId: facts.storeId, terminalId: facts.terminalId, transactionId: facts.transactionId! };
      await this.ledger.putRequest({ requestId, op: 'cancel', paymentId: payment.id, fingerprint: fingerprintOf({ paymentId: payment.id }), body, state: 'sent', createdAt: prior?.createdAt });
      const refundId = refundIdFor(requestId);
      let answer: RefOperationResponse;
      try {
        answer = await this.timed(timing, () => provider.client.cancel(body));
      } catch (error) {
        if (this.isRefusal(error)) await this.finishRequest(requestId, 'cancel', payment, facts, body, { refStatus: 'rejected', errorCode: error.code }, refundId);
        else await this.recordRefundOperation('cancel', payment, facts, requestId, payment.amount, {});
        // The customer paid meanwhile: Koshelek's refusal means "refund instead".
        if (this.isRefusal(error) && (await this.paidAtKoshelek(body.transactionId))) throw cashierError(409, 'cancel_after_payment', 'The payment is already paid: refund it instead of cancelling', settings, { koshelek: { httpStatus: error.httpStatus, code: error.code } });
        throw this.translate(error, settings, 'cancel');
      }
      ({ payment, facts } = await this.finishRequest(requestId, 'cancel', payment, facts, body, answer, refundId));
      if (answer.refStatus === 'rejected') throw cashierError(422, answer.errorCode ?? 'WRONG_TRANSACTION_STATE_CHANGE', `Koshelek refused the cancel: ${answer.errorCode ?? answer.status}`, settings);
      return this.view(payment, facts, { timedOut: auto });
    });
  }

  /** One status call after a refused cancel: was the transaction paid meanwhile? */
  private async paidAtKoshelek(transactionId: string): Promise<boolean> {
    const { payment } = await this.find(transactionId);
    try {
      const answer = await this.providerOf(payment).client.status({ requestId: freshRequestId(), transactionId });
      return paidAlready(payment.status, answer.status);
    } catch {
      return false;
    }
  }

  async refund(ref: string, input: RefundBody, key: string, timing: Timing): Promise<{ refund: CashierPaymentView['refunds'][number]; payment: CashierPaymentView }> {
    const found = await this.find(ref);
    return this.lock.run(found.payment.id, async () => {
      let { payment, facts } = await this.find(found.payment.id);
      const provider = this.providerOf(payment);
      const settings = provider.settings();
      const requestId = input.requestId ?? derivedRequestId('refund', payment.id, key);
      const fingerprint = fingerprintOf({ paymentId: payment.id, amount: input.amount, items: input.items ?? null });
      const prior = await this.priorRequest(requestId, 'refund', fingerprint, settings);
      const refundId = refundIdFor(requestId);
      if (prior?.state !== 'done') {
        const body = (prior?.body as RefundRequest | undefined) ?? (await this.newRefund(payment, facts, input, requestId, refundId, settings));
        await this.ledger.putRequest({ requestId, op: 'refund', paymentId: payment.id, fingerprint, body, state: 'sent', createdAt: prior?.createdAt });
        let answer: RefOperationResponse;
        try {
          answer = await this.timed(timing, () => provider.client.refund(body));
        } catch (error) {
          if (this.isRefusal(error)) await this.finishRequest(requestId, 'refund', payment, facts, body, { refStatus: 'rejected', errorCode: error.code }, refundId);
          else await this.recordRefundOperation('refund', payment, facts, requestId, body.refundAmount, {});
          throw this.translate(error, settings, 'refund');
        }
        ({ payment, facts } = await this.finishRequest(requestId, 'refund', payment, facts, body, answer, refundId));
        if (answer.refStatus === 'rejected') {
          const code = answer.errorCode ?? 'EXTERNAL_PROVIDER_ERROR';
          throw cashierError(422, code, `Koshelek refused the refund: ${code}`, settings, { koshelek: { httpStatus: 200, code } });
        }
      }
      const view = await this.view(payment, facts);
      const refund = view.refunds.find((r) => r.id === refundId);
      if (!refund) throw cashierError(409, 'invalid_state', 'This refund request was refused earlier', settings);
      return { refund, payment: view };
    });
  }

  /** Checks a first refund attempt and writes it down as pending before anything is sent. */
  private async newRefund(payment: PaymentRecord, facts: PaymentFacts, input: RefundBody, requestId: string, refundId: string, settings: Settings): Promise<RefundRequest> {
    if (!facts.transactionId || (payment.status !== 'paid' && payment.status !== 'partially_refunded')) {
      throw cashierError(409, 'invalid_state', `A ${payment.status} payment cannot be refunded`, settings);
    }
    const refunds = await this.ctx.store.listRefunds(payment.id);
    const committed = refunds.filter((r) => r.status !== 'failed').reduce((s, r) => s + r.amount, 0);
    const refundable = payment.amount - committed;
    if (input.amount > refundable) throw cashierError(400, 'amount_too_large', `At most ${refundable} kopecks can be refunded`, settings, { field: 'amount' });
    const items = input.items ?? (committed === 0 && input.amount === payment.amount ? facts.items : null);
    if (!items) throw cashierError(400, 'items_required', 'A partial refund needs the returned items', settings, { field: 'items' });
    this.checkItems(items, input.amount, settings, 'items');
    await this.ctx.store.insertRefund({ id: refundId, paymentId: payment.id, providerRefundId: null, amount: input.amount, status: 'pending', reason: input.reason ?? null, createdAt: new Date(this.now()).toISOString() });
    return { requestId, storeId: facts.storeId, terminalId: facts.terminalId, transactionId: facts.transactionId, refundAmount: input.amount, items };
  }

  /**
   * Stores the outcome of a cancel/refund: request done, refund record settled (or left pending for
   * `refStatus: new`), report row with the slip, payment status.
   */
  protected async finishRequest(
    requestId: string,
    op: 'cancel' | 'refund',
    payment: PaymentRecord,
    facts: PaymentFacts,
    body: CancelRequest | RefundRequest,
    answer: Partial<RefOperationResponse>,
    refundId: string,
  ): Promise<{ payment: PaymentRecord; facts: PaymentFacts }> {
    const refStatus = answer.refStatus;
    this.checkSlip(answer.slip, payment, facts, this.providerOf(payment).settings());
    await this.ledger.putRequest({ requestId, op, paymentId: payment.id, fingerprint: (await this.ledger.getRequest(requestId))?.fingerprint ?? '', body, state: refStatus === 'rejected' ? 'failed' : 'done', outcome: answer });
    const refTransactionId = answer.refTransactionId ?? answer.slip?.refundTransactionId ?? null;
    const refund = (await this.ctx.store.listRefunds(payment.id)).find((r) => r.id === refundId);
    if (refund && refund.status === 'pending') await this.ctx.store.updateRefund(refundId, { status: refundState(refStatus), providerRefundId: refTransactionId });
    const amount = op === 'refund' ? (body as RefundRequest).refundAmount : payment.amount;
    await this.recordRefundOperation(op, payment, facts, requestId, amount, {
      refundTransactionId: refTransactionId ?? undefined,
      status: answer.status,
      refStatus,
      errorCode: answer.errorCode,
      slip: answer.slip,
    });
    if (answer.slip) await this.ledger.putSlip(answer.slip, { requestId, op, paymentId: payment.id });
    if (refStatus === 'rejected' || !answer.status) return { payment, facts };
    // The transaction status (and, for a refund, the refunded total) as Koshelek now reports it.
    const settings = this.providerOf(payment).settings();
    const next = await this.absorb(payment, facts, { status: answer.status, errorCode: undefined }, settings, 'api');
    // Koshelek's transaction status may lag behind an accepted refund: our refund records decide the total.
    const refundedAmount = await this.refundedSoFar(payment);
    if (refStatus === 'accepted' && refundedAmount > next.payment.refundedAmount) {
      const status = refundedAmount >= payment.amount ? 'refunded' : 'partially_refunded';
      return { payment: await this.ctx.payments.applyProviderStatus(next.payment, { status, refundedAmount }, 'api'), facts: next.facts };
    }
    return next;
  }
}
