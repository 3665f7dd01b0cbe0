import { randomUUID } from 'node:crypto';
import { Bundle, Deposit, holdEnds, Refund, Register, reversalEnds, RUB, selectsBnpl, SESSION_EXPIRED, type Operation } from './wire.js';

/**
 * The simulated gateway's orders and rules, without HTTP: what register / deposit / reverse /
 * refund / getOrderStatusExtended do and which errorCode they answer, with the 7-day hold and the
 * midnight (Moscow) reversal rule on an injectable clock.
 */

export type SimParams = Record<string, string>;

/** An answer of the gateway: JSON body (always HTTP 200, like the real one). */
export type SimAnswer = Record<string, unknown>;

/** A callback the gateway owes after a change. */
export interface SimNotice {
  order: SimOrder;
  operation: Operation;
  success: boolean;
  amount: number;
}

export interface SimOrder {
  mdOrder: string;
  orderNumber: string;
  amount: number;
  description: string;
  returnUrl: string;
  failUrl: string | undefined;
  callbackUrl: string | undefined;
  twoStage: boolean;
  /** The request selected the «Плати частями» page. */
  bnpl: boolean;
  bundle: Bundle | undefined;
  status: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  actionCode: number;
  actionCodeDescription: string;
  createdAt: number;
  sessionTimeoutMs: number;
  authorizedAt: number | undefined;
  approvedAmount: number;
  depositedAmount: number;
  refundedAmount: number;
}

/** The gateway's default payment page lifetime. */
const DEFAULT_SESSION_SECS = 1200;
const MIN_DEPOSIT = 100;

const fail = (errorCode: number, errorMessage: string): SimAnswer => ({ errorCode: String(errorCode), errorMessage });
const OK: SimAnswer = { errorCode: '0', errorMessage: 'Успешно' };

const PAYMENT_STATE: Record<SimOrder['status'], string> = { 0: 'CREATED', 1: 'APPROVED', 2: 'DEPOSITED', 3: 'REVERSED', 4: 'REFUNDED', 5: 'CREATED', 6: 'DECLINED' };

export class SimGateway {
  readonly orders = new Map<string, SimOrder>();
  private readonly byNumber = new Map<string, string>();

  constructor(
    private readonly now: () => number,
    private readonly selector: string | undefined,
    /** Called for every change the gateway reports by callback. */
    private readonly notify: (notice: SimNotice) => void,
  ) {}

  /** Applies what time alone does: unpaid pages expire, holds older than 7 days are released. */
  settle(order: SimOrder): void {
    const now = this.now();
    if (order.status === 0 && now >= order.createdAt + order.sessionTimeoutMs) {
      order.status = 6;
      order.actionCode = SESSION_EXPIRED;
      order.actionCodeDescription = 'Время сессии истекло';
      this.notify({ order, operation: 'declinedByTimeout', success: true, amount: order.amount });
    } else if (order.status === 1 && order.authorizedAt !== undefined && now >= holdEnds(order.authorizedAt)) {
      order.status = 3;
      order.approvedAmount = 0;
      this.notify({ order, operation: 'reversed', success: true, amount: order.amount });
    }
  }

  find(mdOrder: string | undefined): SimOrder | undefined {
    const order = mdOrder ? this.orders.get(mdOrder) : undefined;
    if (order) this.settle(order);
    return order;
  }

  register(params: SimParams, twoStage: boolean, formUrl: (mdOrder: string) => string, defaultCallbackUrl: string | undefined): SimAnswer {
    for (const [field, message] of [
      ['orderNumber', 'Номер заказа не может быть пуст'],
      ['amount', 'Сумма не задана'],
      ['returnUrl', 'URL возврата не может быть пуст'],
    ] as const) {
      if (!params[field]) return fail(4, message);
    }
    if (params.currency !== undefined && params.currency !== RUB) return fail(3, 'Неизвестная валюта');
    const parsed = Register.safeParse({ currency: RUB, ...params });
    if (!parsed.success) {
      const field = parsed.error.issues[0]!.path.join('.');
      return field === 'orderNumber' ? fail(1, 'Неверный номер заказа') : fail(5, `Неверное значение параметра ${field}`);
    }
    const request = parsed.data;
    if (this.byNumber.has(request.orderNumber)) return fail(1, 'Заказ с таким номером уже обработан');
    const amount = Number(request.amount);
    if (amount <= 0) return fail(5, 'Неверная сумма');
    if (request.jsonParams !== undefined && !isStringMap(request.jsonParams)) return fail(5, 'Неверный jsonParams');
    let bundle: Bundle | undefined;
    if (request.orderBundle !== undefined) {
      const checked = parseBundle(request.orderBundle, amount);
      if (typeof checked === 'string') return fail(5, checked);
      bundle = checked;
    }
    const mdOrder = randomUUID();
    const order: SimOrder = {
      mdOrder,
      orderNumber: request.orderNumber,
      amount,
      description: request.description ?? '',
      returnUrl: request.returnUrl,
      failUrl: request.failUrl,
      callbackUrl: request.dynamicCallbackUrl ?? defaultCallbackUrl,
      twoStage,
      bnpl: selectsBnpl(this.selector, params),
      bundle,
      status: 0,
      actionCode: 0,
      actionCodeDescription: '',
      createdAt: this.now(),
      sessionTimeoutMs: Number(request.sessionTimeoutSecs ?? DEFAULT_SESSION_SECS) * 1000,
      authorizedAt: undefined,
      approvedAmount: 0,
      depositedAmount: 0,
      refundedAmount: 0,
    };
    this.orders.set(mdOrder, order);
    this.byNumber.set(order.orderNumber, mdOrder);
    return { orderId: mdOrder, formUrl: formUrl(mdOrder) };
  }

  deposit(params: SimParams): SimAnswer {
    if (!params.orderId) return fail(5, 'Номер заказа не указан');
    const order = this.find(params.orderId);
    if (!order) return fail(6, 'Незарегистрированный orderId');
    const parsed = Deposit.safeParse(params);
    if (!parsed.success) return fail(5, 'Неверная сумма депозита');
    if (order.status !== 1) return fail(7, 'Платёж должен быть в корректном состоянии');
    const requested = Number(parsed.data.amount);
    const amount = requested === 0 ? order.approvedAmount : requested;
    if (amount < MIN_DEPOSIT) return fail(7, 'Сумма депозита должна быть ноль или не менее одного рубля');
    if (amount > order.approvedAmount) return fail(7, 'Неверная сумма депозита');
    order.status = 2;
    order.depositedAmount = amount;
    this.notify({ order, operation: 'deposited', success: true, amount });
    return OK;
  }

  reverse(params: SimParams): SimAnswer {
    if (!params.orderId) return fail(5, 'Номер заказа не указан');
    const order = this.find(params.orderId);
    if (!order) return fail(6, 'Неверный номер заказа');
    const now = this.now();
    const sameDayPayment = order.status === 2 && order.refundedAmount === 0 && order.authorizedAt !== undefined && now < reversalEnds(order.authorizedAt);
    if (order.status === 2 && !sameDayPayment) return fail(7, 'Отмена невозможна: оплату можно отменить только до 00:00 по Москве дня платежа');
    if (order.status !== 1 && !sameDayPayment) return fail(7, 'Операция невозможна для текущего состояния платежа');
    order.status = 3;
    order.approvedAmount = 0;
    order.depositedAmount = 0;
    this.notify({ order, operation: 'reversed', success: true, amount: order.amount });
    return OK;
  }

  refund(params: SimParams): SimAnswer {
    if (!params.orderId) return fail(5, 'Номер заказа не указан');
    const order = this.find(params.orderId);
    if (!order) return fail(6, 'Неверный номер заказа');
    const parsed = Refund.safeParse(params);
    if (!parsed.success || Number(parsed.data.amount) <= 0) return fail(5, 'Неверная сумма возврата');
    if (order.status !== 2 && order.status !== 4) return fail(7, 'Платёж должен быть в корректном состоянии');
    const amount = Number(parsed.data.amount);
    if (amount > order.depositedAmount - order.refundedAmount) return fail(7, 'Неверная сумма возврата');
    order.refundedAmount += amount;
    order.status = 4;
    this.notify({ order, operation: 'refunded', success: true, amount });
    return OK;
  }

  status(params: SimParams): SimAnswer {
    if (!params.orderId && !params.orderNumber) return fail(1, 'Ожидается [orderId] или [orderNumber]');
    const order = this.find(params.orderId ?? this.byNumber.get(params.orderNumber ?? ''));
    if (!order) return fail(6, 'Заказ не найден');
    const answer: SimAnswer = {
      ...OK,
      orderNumber: order.orderNumber,
      orderStatus: order.status,
      actionCode: order.actionCode,
      actionCodeDescription: order.actionCodeDescription,
      amount: order.amount,
      currency: RUB,
      date: order.createdAt,
      ...(order.authorizedAt !== undefined ? { authDateTime: order.authorizedAt } : {}),
      orderDescription: order.description,
      paymentAmountInfo: { paymentState: PAYMENT_STATE[order.status], approvedAmount: order.approvedAmount, depositedAmount: order.depositedAmount, refundedAmount: order.refundedAmount },
      attributes: [{ name: 'mdOrder', value: order.mdOrder }],
    };
    return answer;
  }

  /** The buyer on the payment page: «Плати частями» approved (paid or held) or refused. */
  pay(order: SimOrder, approved: boolean): void {
    if (approved) {
      order.authorizedAt = this.now();
      order.approvedAmount = order.amount;
      order.status = order.twoStage ? 1 : 2;
      if (!order.twoStage) order.depositedAmount = order.amount;
    } else {
      order.status = 6;
      order.actionCode = 2005;
      order.actionCodeDescription = 'Оплата частями не одобрена';
    }
    this.notify({ order, operation: order.twoStage ? 'approved' : 'deposited', success: approved, amount: order.amount });
  }
}

function isStringMap(json: string): boolean {
  try {
    const value = JSON.parse(json) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
  } catch {
    return false;
  }
}

/** The cart must parse and add up to the order amount. */
function parseBundle(json: string, amount: number): Bundle | string {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return 'Неверный формат orderBundle';
  }
  const parsed = Bundle.safeParse(value);
  if (!parsed.success) return `Неверный orderBundle: ${parsed.error.issues[0]!.path.join('.')}`;
  const sum = parsed.data.cartItems.items.reduce((s, i) => s + i.itemAmount, 0);
  if (sum !== amount) return 'Сумма позиций корзины не совпадает с суммой заказа';
  return parsed.data;
}
