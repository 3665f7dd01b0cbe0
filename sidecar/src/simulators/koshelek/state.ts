import { randomBytes, randomUUID } from 'node:crypto';
import type { SimAccount } from './account.js';
import { cardPayloads, SimTotpService } from './totp.js';
import type { CheckoutRequest, Item, ReceiptRequest, Slip, StatusRequest } from './wire.js';

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

export interface SimRef {
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

/** The documented minimum purchase: 4 ₽ (`TOTAL_AMOUNT_IS_TOO_SMALL`, pay-api.yaml `info.description`). */
const MIN_PURCHASE_KOPECKS = 400;
const SESSION_TTL_MS = 10 * 60_000;
const ALPHANUMERIC = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
export const randomCode = (length: number) => Array.from(randomBytes(length), (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');
export const error422 = (code: string, details: string): SimReply => ({ status: 422, body: { code, details } });

/**
 * Koshelek's side of the Pay API, as strict as the protocol notes: card sessions issued by the app
 * (here: the control API), transactions and their statuses, slips and error codes. It also plays
 * the customer (confirming in the app) and can be steered by tests.
 */
export class SimState {
  readonly cards = new Map<string, SimCard>();
  readonly transactions = new Map<string, SimTransaction>();
  readonly byRef = new Map<string, string>();
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
    /** Slips name this storeId instead of the request's (the spec's examples show `KOSHELEK-42`). */
    slipStoreId: null as string | null,
  };
  /** The refund's errorCode for the next refund (EXTERNAL_PROVIDER_ERROR, …). */
  nextRefundError: string | null = null;
  readonly totp: SimTotpService;

  constructor(
    readonly account: SimAccount,
    readonly onChange: (txn: SimTransaction, ref?: SimRef) => void,
    readonly clock: () => number = Date.now,
  ) {
    this.totp = new SimTotpService(account.totp);
  }

  /** The Koshelek app showing a loyalty card: a fresh session, the TOTP password and every symbology's payload. */
  issueCard(cardNumber: string, sessionLength = 6) {
    const cardSession = randomCode(sessionLength);
    this.cards.set(cardSession, { cardNumber, cardSession, issuedAt: this.clock() });
    const password = this.totp.cardPassword(cardNumber, this.clock());
    const { prefix } = this.account.totp;
    return { cardNumber, cardSession, password, payloads: cardPayloads(prefix, cardNumber, cardSession, password), plain: `${prefix}${cardNumber}` };
  }

  session(cardSession: string, loyaltyId: string): SimCard | null {
    const card = this.cards.get(cardSession);
    if (!card || card.cardNumber !== loyaltyId || this.clock() - card.issuedAt > SESSION_TTL_MS) return null;
    return card;
  }

  newSlip(txn: SimTransaction, amount: number, refundTransactionId?: string): Slip {
    const sbp = txn.paymentType === 'SBP';
    return {
      id: randomUUID(),
      paymentType: txn.paymentType,
      storeId: this.mode.slipStoreId ?? txn.storeId,
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
    if (req.storeId !== this.account.store) return error422('UNKNOWN_PARTNER_ID', 'Партнёр не найден');
    const card = this.session(req.cardSession, req.user.loyaltyId);
    if (!card) return error422('UNKNOWN_SESSION_ID', 'Сессия карты не найдена');
    const type = req.paymentMethods[0]!.type;
    if (!this.paymentTypes.has(type)) return { status: 400, body: { code: 'BAD_REQUEST', details: `Неизвестный тип оплаты ${type}` } };
    const invoice = req.checkoutInvoice;
    if (invoice.items.reduce((s, i) => s + i.totalAmount, 0) !== invoice.totalAmount) return { status: 400, body: { code: 'BAD_REQUEST', details: 'Сумма позиций не равна итогу' } };
    if (card.transactionId) {
      const previous = this.transactions.get(card.transactionId)!;
      if (['accepted', 'refunded', 'partial_refunded'].includes(previous.status)) return error422('TRANSACTION_FOR_SESSION_ID_ALREADY_PAYED', 'Транзакция уже обработана');
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

  setStatus(txn: SimTransaction, status: string, ref?: SimRef): void {
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

  /** The status object (also the postback body): pay-api.yaml `transaction/status` response. */
  view(txn: SimTransaction, requestId: string, ref?: SimRef) {
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

  transaction(transactionId: string, storeId: string): SimTransaction | SimReply {
    const txn = this.transactions.get(transactionId);
    if (!txn) return error422('UNKNOWN_TRANSACTION_ID', 'Транзакция не найдена');
    if (storeId !== txn.storeId) return error422('UNKNOWN_PARTNER_ID', 'Партнёр не найден');
    return txn;
  }
}
