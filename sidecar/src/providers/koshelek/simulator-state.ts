import { randomBytes, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { renderBarcode, sessionLengthOf, type BarcodeFormat } from './barcodes.js';
import { MIN_PURCHASE_KOPECKS } from './constants.js';
import type { AvailabilityTaskRequest, CancelRequest, CheckoutRequest, Item, ReceiptRequest, RefundRequest, Slip, StatusRequest, StatusResponse } from './schemas.js';
import type { Settings } from './settings.js';
import { OtpauthTotpModule } from './totp.js';

/** A simulated Pay API answer. */
export interface SimReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface SimCard {
  cardNumber: string;
  cardSession: string;
  issuedAt: number;
  /** The transaction this session paid or is paying, if any. */
  transactionId?: string;
}

interface SimRef {
  refTransactionId: string;
  kind: 'cancel' | 'refund';
  amount: number;
  refStatus: 'new' | 'accepted' | 'rejected';
  errorCode?: string;
  slip?: Slip;
}

export interface SimTransaction {
  transactionId: string;
  cardSession: string;
  storeId: string;
  terminalId: string;
  orderId: string;
  paymentType: string;
  totalAmount: number;
  items: Item[];
  status: string;
  errorCode?: string;
  slip?: Slip;
  refunded: number;
  refs: SimRef[];
  receipts: ReceiptRequest[];
  createdAt: number;
}

const SESSION_TTL_MS = 10 * 60_000;
const ALPHANUMERIC = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
const randomCode = (length: number) => Array.from(randomBytes(length), (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');
const error422 = (code: string, details: string): SimReply => ({ status: 422, body: { code, details } });

/**
 * Koshelek's side of the Pay API, as strict as the protocol notes: card sessions issued by the app
 * (here: the control API), transactions and their statuses, slips, refund rules and error codes.
 * It also plays the customer (confirming in the app) and can be steered by tests.
 */
export class SimState {
  readonly cards = new Map<string, SimCard>();
  readonly transactions = new Map<string, SimTransaction>();
  private readonly byRef = new Map<string, string>();
  readonly paymentTypes = new Set<string>(['SBP', 'DOLYAME']);
  readonly stats = { checkouts: 0, refunds: 0, cancels: 0, receipts: 0, replays: 0, requests: {} as Record<string, number> };
  readonly mode = {
    /** `auto`: the customer confirms after `confirmAfterMs`; `manual`: tests confirm via the control API. */
    confirm: 'auto' as 'auto' | 'manual',
    confirmAfterMs: 1_500,
    confirmResult: 'accepted' as 'accepted' | 'rejected',
    refunds: 'sync' as 'sync' | 'async',
    providers: 'sync' as 'sync' | 'async',
    /** NOT_ENOUGH_LIMIT_TO_PAY above this total. */
    limitKopecks: 10_000_000,
  };
  /** The refund's errorCode for the next refund (EXTERNAL_PROVIDER_ERROR, …). */
  nextRefundError: string | null = null;
  private readonly availabilityPolls = new Map<string, { polls: number; list: unknown }>();
  readonly totp: OtpauthTotpModule;

  constructor(
    readonly settings: Settings,
    private readonly onChange: (txn: SimTransaction, ref?: SimRef) => void,
    private readonly clock: () => number = Date.now,
  ) {
    this.totp = new OtpauthTotpModule(settings.totp);
  }

  /** The Koshelek app showing a loyalty card: a fresh session, the TOTP password and every symbology's payload. */
  issueCard(cardNumber: string, sessionLength = 6) {
    const cardSession = randomCode(sessionLength);
    this.cards.set(cardSession, { cardNumber, cardSession, issuedAt: this.clock() });
    const password = this.totp.barcodePassword({ prefix: this.settings.totp.prefix, cardNumber }, this.clock());
    const formats: BarcodeFormat[] = ['code128', 'code39', 'pdf417', 'dataMatrix', 'qr'];
    const payloads = Object.fromEntries(
      formats.map((f) => [f, renderBarcode(f, { cardNumber, cardSession: cardSession.slice(0, sessionLengthOf(f, this.settings.totp) ?? sessionLength), password }, this.settings.totp)]),
    );
    return { cardNumber, cardSession, password, payloads, plain: renderBarcode('code128', { cardNumber }, this.settings.totp) };
  }

  private session(cardSession: string, loyaltyId: string): SimCard | null {
    const card = this.cards.get(cardSession);
    if (!card || card.cardNumber !== loyaltyId || this.clock() - card.issuedAt > SESSION_TTL_MS) return null;
    return card;
  }

  private newSlip(txn: SimTransaction, amount: number, refundTransactionId?: string): Slip {
    const sbp = txn.paymentType === 'SBP';
    return {
      id: randomUUID(),
      paymentType: txn.paymentType,
      storeId: txn.storeId,
      terminalId: txn.terminalId,
      orderId: txn.orderId,
      paymentTransactionId: txn.transactionId,
      ...(refundTransactionId ? { refundTransactionId } : {}),
      ...(sbp ? { merchantId: 'MA0000103685', qrcId: `AS${randomCode(30)}`, kzo: randomCode(8) } : {}),
      operationDateTime: new Date(this.clock()).toISOString(),
      operationId: randomCode(12),
      totalAmount: amount,
      currency: 'RUB',
    };
  }

  /** Every request that passed authentication, replays included. */
  count(op: string): void {
    this.stats.requests[op] = (this.stats.requests[op] ?? 0) + 1;
  }

  checkout(req: CheckoutRequest): SimReply {
    if (req.storeId !== this.settings.store) return error422('UNKNOWN_PARTNER_ID', 'Партнёр не найден');
    const card = this.session(req.cardSession, req.user.loyaltyId);
    if (!card) return error422('UNKNOWN_SESSION_ID', 'Сессия карты не найдена');
    const type = req.paymentMethods[0]!.type;
    if (!this.paymentTypes.has(type)) return { status: 400, body: { code: 'BAD_REQUEST', details: `Неизвестный тип оплаты ${type}` } };
    const invoice = req.checkoutInvoice;
    if (invoice.items.reduce((s, i) => s + i.totalAmount, 0) !== invoice.totalAmount) return { status: 400, body: { code: 'BAD_REQUEST', details: 'Сумма позиций не равна итогу' } };
    if (card.transactionId) {
      const previous = this.transactions.get(card.transactionId)!;
      if (previous.status === 'accepted' || previous.status === 'refunded' || previous.status === 'partial_refunded') return error422('TRANSACTION_FOR_SESSION_ID_ALREADY_PAYED', 'Транзакция уже обработана');
      if (previous.status === 'new' || previous.status === 'pending') return error422('TRANSACTION_FOR_SESSION_ID_ALREADY_EXISTS', 'Транзакция уже существует');
    }
    this.stats.checkouts++;
    const txn: SimTransaction = {
      transactionId: randomUUID(),
      cardSession: req.cardSession,
      storeId: req.storeId,
      terminalId: req.terminalId,
      orderId: invoice.orderId,
      paymentType: type,
      totalAmount: invoice.totalAmount,
      items: invoice.items,
      status: 'new',
      refunded: 0,
      refs: [],
      receipts: [],
      createdAt: this.clock(),
    };
    this.transactions.set(txn.transactionId, txn);
    card.transactionId = txn.transactionId;
    const declined = txn.totalAmount < MIN_PURCHASE_KOPECKS ? 'TOTAL_AMOUNT_IS_TOO_SMALL' : txn.totalAmount > this.mode.limitKopecks ? 'NOT_ENOUGH_LIMIT_TO_PAY' : null;
    if (declined) {
      this.finish(txn, 'rejected', declined);
    } else {
      // The app asks the customer; the answer comes later (auto, or via the control API).
      setImmediate(() => this.setStatus(txn, 'pending'));
      if (this.mode.confirm === 'auto') setTimeout(() => this.confirm(txn.transactionId, this.mode.confirmResult), this.mode.confirmAfterMs).unref();
    }
    return { status: 200, body: { requestId: req.requestId, transactionId: txn.transactionId, status: txn.status, ...(txn.slip ? { slip: txn.slip } : {}), ...(txn.errorCode ? { errorCode: txn.errorCode } : {}) } };
  }

  private setStatus(txn: SimTransaction, status: string, ref?: SimRef): void {
    if (txn.status === status && !ref) return;
    txn.status = status;
    this.onChange(txn, ref);
  }

  private finish(txn: SimTransaction, status: 'accepted' | 'rejected', errorCode?: string): void {
    txn.slip = this.newSlip(txn, txn.totalAmount);
    if (errorCode) txn.errorCode = errorCode;
    this.setStatus(txn, status);
  }

  /** The customer confirmed (or declined) in the app. */
  confirm(transactionId: string, result: 'accepted' | 'rejected', errorCode?: string): SimTransaction | null {
    const txn = this.transactions.get(transactionId);
    if (!txn || (txn.status !== 'new' && txn.status !== 'pending')) return null;
    this.finish(txn, result, result === 'rejected' ? (errorCode ?? 'NOT_ENOUGH_LIMIT_TO_PAY') : undefined);
    return txn;
  }

  view(txn: SimTransaction, requestId: string, ref?: SimRef): z.infer<typeof StatusResponse> {
    return {
      requestId,
      transactionId: txn.transactionId,
      ...(ref ? { refTransactionId: ref.refTransactionId, refStatus: ref.refStatus } : {}),
      status: txn.status,
      paymentGroup: txn.paymentType === 'DOLYAME' ? 'INSTALLMENT' : txn.paymentType,
      ...(txn.paymentType === 'DOLYAME' ? { paymentProvider: 'DOLYAME' } : {}),
      ...((ref?.slip ?? txn.slip) ? { slip: ref?.slip ?? txn.slip } : {}),
      ...((ref?.errorCode ?? txn.errorCode) ? { errorCode: ref?.errorCode ?? txn.errorCode } : {}),
    };
  }

  status(req: StatusRequest): SimReply {
    const transactionId = req.transactionId ?? this.byRef.get(req.refTransactionId ?? '');
    const txn = transactionId ? this.transactions.get(transactionId) : undefined;
    // Documented quirk: an unknown transaction answers 200 with an empty status.
    if (!txn) return { status: 200, body: { requestId: req.requestId, transactionId: req.transactionId ?? '', status: '' } };
    const ref = req.refTransactionId ? txn.refs.find((r) => r.refTransactionId === req.refTransactionId) : undefined;
    return { status: 200, body: this.view(txn, req.requestId, ref) };
  }

  private transaction(transactionId: string, storeId: string): SimTransaction | SimReply {
    const txn = this.transactions.get(transactionId);
    if (!txn) return error422('UNKNOWN_TRANSACTION_ID', 'Транзакция не найдена');
    if (storeId !== txn.storeId) return error422('UNKNOWN_PARTNER_ID', 'Партнёр не найден');
    return txn;
  }

  private addRef(txn: SimTransaction, kind: SimRef['kind'], amount: number, refStatus: SimRef['refStatus'], errorCode?: string): SimRef {
    const refTransactionId = randomUUID();
    const ref: SimRef = { refTransactionId, kind, amount, refStatus, ...(errorCode ? { errorCode } : {}) };
    if (refStatus !== 'rejected') ref.slip = this.newSlip(txn, amount, refTransactionId);
    txn.refs.push(ref);
    this.byRef.set(refTransactionId, txn.transactionId);
    return ref;
  }

  private refReply(req: { requestId: string }, txn: SimTransaction, ref: SimRef): SimReply {
    return { status: 200, body: { requestId: req.requestId, refTransactionId: ref.refTransactionId, refStatus: ref.refStatus, transactionId: txn.transactionId, status: txn.status, ...(ref.slip ? { slip: ref.slip } : {}), ...(ref.errorCode ? { errorCode: ref.errorCode } : {}) } };
  }

  /** Always the full amount: before the debit the payment is dropped, after it the money goes back. */
  cancel(req: CancelRequest): SimReply {
    const txn = this.transaction(req.transactionId, req.storeId);
    if (!('transactionId' in txn)) return txn;
    if (txn.status === 'new' || txn.status === 'pending') {
      this.stats.cancels++;
      const ref = this.addRef(txn, 'cancel', txn.totalAmount, 'accepted');
      delete ref.slip;
      this.setStatus(txn, 'canceled', ref);
      return this.refReply(req, txn, ref);
    }
    // developers.koshelek.app cm_pay_api/2_cancel_payment: a completed payment is refunded, not cancelled.
    if (txn.status === 'accepted') return error422('WRONG_TRANSACTION_STATE_CHANGE', 'Для отмены уже выполненной оплаты выполните операцию возврата');
    return error422('WRONG_TRANSACTION_STATE_CHANGE', 'Невозможен перевод транзакции в ожидаемое состояние');
  }

  refund(req: RefundRequest): SimReply {
    const txn = this.transaction(req.transactionId, req.storeId);
    if (!('transactionId' in txn)) return txn;
    if (req.items.reduce((s, i) => s + i.totalAmount, 0) !== req.refundAmount) return { status: 400, body: { code: 'BAD_REQUEST', details: 'Сумма позиций не равна сумме возврата' } };
    const available = txn.totalAmount - txn.refunded - txn.refs.filter((r) => r.kind === 'refund' && r.refStatus === 'new').reduce((s, r) => s + r.amount, 0);
    const refusal =
      txn.status === 'new' || txn.status === 'pending' ? 'PAYMENT_TRANSACTION_IS_NOT_PAID' :
      ['canceled', 'rejected', 'refunded'].includes(txn.status) ? 'TERMINAL_STATE_OF_PAYMENT_TRANSACTION' :
      txn.status === 'refunding' ? 'PAYMENT_TRANSACTION_IS_BEING_REFUNDED_ALREADY' :
      req.refundAmount > available ? 'REQUESTED_REFUND_AMOUNT_IS_GREATER_THAN_AVAILABLE' :
      this.nextRefundError;
    this.nextRefundError = null;
    if (refusal) return this.refReply(req, txn, this.addRef(txn, 'refund', req.refundAmount, 'rejected', refusal));
    this.stats.refunds++;
    if (this.mode.refunds === 'async') {
      const ref = this.addRef(txn, 'refund', req.refundAmount, 'new');
      delete ref.slip;
      this.setStatus(txn, 'refunding', ref);
      return this.refReply(req, txn, ref);
    }
    const ref = this.addRef(txn, 'refund', req.refundAmount, 'accepted');
    txn.refunded += req.refundAmount;
    this.setStatus(txn, txn.refunded === txn.totalAmount ? 'refunded' : 'partial_refunded', ref);
    return this.refReply(req, txn, ref);
  }

  /** The bank settles asynchronous refunds. */
  settleRefunds(transactionId: string, refStatus: 'accepted' | 'rejected'): SimTransaction | null {
    const txn = this.transactions.get(transactionId);
    if (!txn) return null;
    for (const ref of txn.refs.filter((r) => r.kind === 'refund' && r.refStatus === 'new')) {
      ref.refStatus = refStatus;
      if (refStatus === 'accepted') {
        txn.refunded += ref.amount;
        ref.slip = this.newSlip(txn, ref.amount, ref.refTransactionId);
      } else {
        ref.errorCode = 'CANCEL_REFUNDING_BY_BANK';
      }
      const status = txn.refunded === 0 ? 'accepted' : txn.refunded === txn.totalAmount ? 'refunded' : 'partial_refunded';
      this.setStatus(txn, status, ref);
    }
    return txn;
  }

  receipt(req: ReceiptRequest): SimReply {
    const txn = this.transaction(req.transactionId, req.storeId);
    if (!('transactionId' in txn)) return txn;
    if (!['accepted', 'partial_refunded', 'refunded'].includes(txn.status)) return error422('PAYMENT_TRANSACTION_IS_NOT_PAID', 'Нет оплаты по транзакции оплаты');
    this.stats.receipts++;
    txn.receipts.push(req);
    return { status: 200, body: null };
  }

  availability(req: AvailabilityTaskRequest): SimReply {
    if (req.storeId !== this.settings.store) return error422('UNKNOWN_PARTNER_ID', 'Партнёр не найден');
    if (!this.session(req.cardsession, req.user.loyaltyId)) return error422('UNKNOWN_SESSION_ID', 'Сессия карты не найдена');
    const total = req.checkoutInvoice.totalAmount;
    const list = {
      koshelekPayIsDefault: true,
      paymentTypeAvailabilityInfoList: [...this.paymentTypes].map((paymentType) => {
        const overLimit = paymentType === 'DOLYAME' && total > this.mode.limitKopecks;
        return { paymentType, available: !overLimit, message: overLimit ? 'Недоступно: превышен лимит' : '' };
      }),
    };
    if (this.mode.providers === 'sync') return { status: 200, body: list };
    const id = randomUUID();
    this.availabilityPolls.set(id, { polls: 0, list });
    return { status: 201, body: { availabilityInfoId: id, timeout: 30 }, headers: { location: `/api/v1/merchant/availability-info/${id}` } };
  }

  availabilityPoll(id: string): SimReply {
    const task = this.availabilityPolls.get(id);
    if (!task) return { status: 404, body: { code: 'NOT_FOUND' } };
    task.polls++;
    if (task.polls < 2) return { status: 200, body: { availabilityInfoId: id, computationComplete: false, pollingTimeout: 30, koshelekPayIsDefault: true, paymentTypeAvailabilityInfoList: [] } };
    return { status: 200, body: { availabilityInfoId: id, computationComplete: true, pollingTimeout: 0, ...(task.list as object) } };
  }
}
