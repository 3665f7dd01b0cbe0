import { randomUUID } from 'node:crypto';
import { error422, type SimRef, type SimReply, type SimState, type SimTransaction } from './state.js';
import type { CancelRequest, ReceiptRequest, RefundRequest } from './wire.js';

/** Cancel, refund, the bank settling refunds, and receipts: pay-api.yaml `transaction/*`. */
export class SimReversals {
  constructor(private readonly state: SimState) {}

  private addRef(txn: SimTransaction, kind: SimRef['kind'], amount: number, refStatus: SimRef['refStatus'], errorCode?: string): SimRef {
    const refTransactionId = randomUUID();
    const ref: SimRef = { refTransactionId, kind, amount, refStatus, ...(errorCode ? { errorCode } : {}) };
    if (refStatus !== 'rejected') ref.slip = this.state.newSlip(txn, amount, refTransactionId);
    txn.refs.push(ref);
    this.state.byRef.set(refTransactionId, txn.transactionId);
    return ref;
  }

  private refReply(req: { requestId: string }, txn: SimTransaction, ref: SimRef): SimReply {
    return { status: 200, body: { requestId: req.requestId, refTransactionId: ref.refTransactionId, refStatus: ref.refStatus, transactionId: txn.transactionId, status: txn.status, ...(ref.slip ? { slip: ref.slip } : {}), ...(ref.errorCode ? { errorCode: ref.errorCode } : {}) } };
  }

  /**
   * Always the full amount, and only before the money is taken: developers.koshelek.app
   * `cm_pay_api/2_cancel_payment` — "для отмены уже выполненной оплаты выполните операцию возврата".
   */
  cancel(req: CancelRequest): SimReply {
    const txn = this.state.transaction(req.transactionId, req.storeId);
    if (!('transactionId' in txn)) return txn;
    if (txn.status === 'new' || txn.status === 'pending') {
      this.state.stats.cancels++;
      const ref = this.addRef(txn, 'cancel', txn.totalAmount, 'accepted');
      delete ref.slip;
      this.state.setStatus(txn, 'canceled', ref);
      return this.refReply(req, txn, ref);
    }
    if (txn.status === 'accepted') return error422('WRONG_TRANSACTION_STATE_CHANGE', 'Для отмены уже выполненной оплаты выполните операцию возврата');
    return error422('WRONG_TRANSACTION_STATE_CHANGE', 'Невозможен перевод транзакции в ожидаемое состояние');
  }

  refund(req: RefundRequest): SimReply {
    const { state } = this;
    const txn = state.transaction(req.transactionId, req.storeId);
    if (!('transactionId' in txn)) return txn;
    if (req.items.reduce((s, i) => s + i.totalAmount, 0) !== req.refundAmount) return { status: 400, body: { code: 'BAD_REQUEST', details: 'Сумма позиций не равна сумме возврата' } };
    const available = txn.totalAmount - txn.refunded - txn.refs.filter((r) => r.kind === 'refund' && r.refStatus === 'new').reduce((s, r) => s + r.amount, 0);
    const refusal =
      txn.status === 'new' || txn.status === 'pending' ? 'PAYMENT_TRANSACTION_IS_NOT_PAID' :
      ['canceled', 'rejected', 'refunded'].includes(txn.status) ? 'TERMINAL_STATE_OF_PAYMENT_TRANSACTION' :
      txn.status === 'refunding' ? 'PAYMENT_TRANSACTION_IS_BEING_REFUNDED_ALREADY' :
      req.refundAmount > available ? 'REQUESTED_REFUND_AMOUNT_IS_GREATER_THAN_AVAILABLE' :
      state.nextRefundError;
    state.nextRefundError = null;
    if (refusal) return this.refReply(req, txn, this.addRef(txn, 'refund', req.refundAmount, 'rejected', refusal));
    state.stats.refunds++;
    if (state.mode.refunds === 'async') {
      const ref = this.addRef(txn, 'refund', req.refundAmount, 'new');
      delete ref.slip;
      state.setStatus(txn, 'refunding', ref);
      return this.refReply(req, txn, ref);
    }
    const ref = this.addRef(txn, 'refund', req.refundAmount, 'accepted');
    txn.refunded += req.refundAmount;
    state.setStatus(txn, txn.refunded === txn.totalAmount ? 'refunded' : 'partial_refunded', ref);
    return this.refReply(req, txn, ref);
  }

  /** The bank settles asynchronous refunds. */
  settleRefunds(transactionId: string, refStatus: 'accepted' | 'rejected'): SimTransaction | null {
    const txn = this.state.transactions.get(transactionId);
    if (!txn) return null;
    for (const ref of txn.refs.filter((r) => r.kind === 'refund' && r.refStatus === 'new')) {
      ref.refStatus = refStatus;
      if (refStatus === 'accepted') {
        txn.refunded += ref.amount;
        ref.slip = this.state.newSlip(txn, ref.amount, ref.refTransactionId);
      } else {
        ref.errorCode = 'CANCEL_REFUNDING_BY_BANK';
      }
      const status = txn.refunded === 0 ? 'accepted' : txn.refunded === txn.totalAmount ? 'refunded' : 'partial_refunded';
      this.state.setStatus(txn, status, ref);
    }
    return txn;
  }

  receipt(req: ReceiptRequest): SimReply {
    const txn = this.state.transaction(req.transactionId, req.storeId);
    if (!('transactionId' in txn)) return txn;
    if (!['accepted', 'partial_refunded', 'refunded'].includes(txn.status)) return error422('PAYMENT_TRANSACTION_IS_NOT_PAID', 'Нет оплаты по транзакции оплаты');
    this.state.stats.receipts++;
    txn.receipts.push(req);
    return { status: 200, body: null };
  }
}
