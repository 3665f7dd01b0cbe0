import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ClientInfo, CommitRequest, CorrectionRequest, CreateOrderRequest, Item, RefundRequest } from './wire.js';
import { toKopecks as fromWire, toRubles as toWire } from './wire.js';

/** Order statuses (VKolegov OrderInfo, Python `OrderStatus`; older sources say waiting_for_commit). */
export type OrderStatus = 'new' | 'approved' | 'rejected' | 'canceled' | 'wait_for_commit' | 'waiting_for_commit' | 'committed' | 'completed';

/**
 * The simulated Dolyame's order book: its state machine and the checks it makes, kept apart from
 * HTTP. Money is kopecks here too; the wire converts at the edge.
 */
export interface SimItem {
  name: string;
  sku?: string | undefined;
  quantity: number;
  price: number;
  receipt?: Item['receipt'] | undefined;
}

export interface SimRefund {
  refund_id: string;
  amount: number;
  prepaid: number;
  returned: SimItem[];
  /** `pending` until the money is back with the buyer, then `processed` (VKolegov RefundItem, Python RefundStatus). */
  status: 'pending' | 'processed';
}

export interface SimOrder {
  id: string;
  status: OrderStatus;
  /** The order total (the committed total after a commit), kopecks. */
  amount: number;
  items: SimItem[];
  prepaid: number;
  clientInfo?: ClientInfo | undefined;
  fiscalization: boolean;
  notificationUrl: string;
  successUrl: string;
  failUrl: string;
  refunds: SimRefund[];
  corrections: number;
  createdAt: number;
  notifications: Array<{ body: string; delivered: number | null }>;
}

/** A refusal in Dolyame's error shape. */
export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
    message: string,
    readonly details: Record<string, string> = {},
  ) {
    super(message);
  }
}

type Parsed<T extends z.ZodType> = z.output<T>;

const value = (items: readonly SimItem[]) => items.reduce((sum, i) => sum + Math.round(i.quantity * i.price), 0);
const toSimItems = (items: Item[]): SimItem[] =>
  items.map((i) => ({ name: i.name, sku: i.sku, quantity: i.quantity, price: fromWire(i.price), receipt: i.receipt }));

function checkSum(amount: number, prepaid: number, items: SimItem[], field: string): void {
  if (value(items) - prepaid !== amount) {
    throw new SimError(400, 'Bad request', 'Amount does not match the items', { [field]: `must equal Σ quantity × price − prepaid (${value(items) - prepaid} kopecks), got ${amount}` });
  }
}

export function createOrder(body: Parsed<typeof CreateOrderRequest>, maxAmount: number, now: number): SimOrder {
  const { order } = body;
  const amount = fromWire(order.amount);
  const prepaid = fromWire(order.prepaid_amount);
  const items = toSimItems(order.items);
  checkSum(amount, prepaid, items, 'order.amount');
  if (amount > maxAmount) throw new SimError(400, 'Bad request', 'Order amount exceeds the limit', { 'order.amount': `must not exceed ${toWire(maxAmount)}` });
  const fiscalization = (body.fiscalization_settings ?? order.fiscalization_settings)?.type === 'enabled';
  if (fiscalization) {
    const missing = items.findIndex((i) => !i.receipt);
    if (missing >= 0) throw new SimError(400, 'Bad request', 'Fiscalization needs a receipt for every item', { [`order.items.${missing}.receipt`]: 'required' });
  }
  return {
    id: order.id,
    status: 'new',
    amount,
    items,
    prepaid,
    clientInfo: body.client_info ?? order.client_info,
    fiscalization,
    notificationUrl: body.notification_url,
    successUrl: body.success_url,
    failUrl: body.fail_url,
    refunds: [],
    corrections: 0,
    createdAt: now,
    notifications: [],
  };
}

const AWAITING_COMMIT: ReadonlySet<string> = new Set(['wait_for_commit', 'waiting_for_commit']);
const CANCELLABLE: ReadonlySet<string> = new Set(['new', 'approved', 'wait_for_commit', 'waiting_for_commit']);

export function advanceApproval(order: SimOrder, step: 'approved' | 'wait_for_commit'): void {
  const from = step === 'approved' ? 'new' : 'approved';
  if (order.status !== from) throw new SimError(409, 'Conflict', `Order is ${order.status}`);
  order.status = step;
}

export function rejectOrder(order: SimOrder): void {
  if (order.status !== 'new') throw new SimError(409, 'Conflict', `Order is ${order.status}`);
  order.status = 'rejected';
}

/** The commit may keep or lower the total (items out of stock), never raise it. */
export function commitOrder(order: SimOrder, body: Parsed<typeof CommitRequest>): void {
  if (!AWAITING_COMMIT.has(order.status)) throw new SimError(409, 'Conflict', `Order is ${order.status}, not waiting for commit`);
  const amount = fromWire(body.amount);
  const items = toSimItems(body.items);
  checkSum(amount, fromWire(body.prepaid_amount), items, 'amount');
  if (amount > order.amount) throw new SimError(400, 'Bad request', 'Commit exceeds the approved amount', { amount: `must not exceed ${toWire(order.amount)}` });
  if (order.fiscalization && items.some((i) => !i.receipt)) throw new SimError(400, 'Bad request', 'Fiscalization needs a receipt for every item', { items: 'receipt required' });
  order.amount = amount;
  order.items = items;
  order.prepaid = fromWire(body.prepaid_amount);
  order.status = 'committed';
}

/** Before the commit the shop may rewrite the basket (an edited order); never above the approved total. */
export function correctOrder(order: SimOrder, body: Parsed<typeof CorrectionRequest>): void {
  if (!AWAITING_COMMIT.has(order.status) && order.status !== 'approved' && order.status !== 'new') throw new SimError(409, 'Conflict', `Order is ${order.status}; a correction comes before the commit`);
  const amount = fromWire(body.amount);
  const items = toSimItems(body.new_items);
  checkSum(amount, order.prepaid - fromWire(body.refunded_prepaid_amount), items, 'amount');
  if (amount > order.amount) throw new SimError(400, 'Bad request', 'Correction exceeds the approved amount', { amount: `must not exceed ${toWire(order.amount)}` });
  order.amount = amount;
  order.items = items;
  order.corrections++;
}

export function cancelOrder(order: SimOrder): void {
  if (order.status === 'canceled') return;
  if (!CANCELLABLE.has(order.status)) throw new SimError(409, 'Conflict', `Order is ${order.status} and cannot be cancelled; refund it instead`);
  order.status = 'canceled';
}

export const refundedTotal = (order: SimOrder) => order.refunds.reduce((s, r) => s + r.amount, 0);

/**
 * amount = Σ quantity × price of returned_items − refunded_prepaid_amount; every returned item is
 * one of the order's goods (name + sku), at no more than its price, and the goods' value is never
 * returned twice.
 */
export function refundOrder(order: SimOrder, body: Parsed<typeof RefundRequest>): SimRefund {
  if (order.status !== 'committed' && order.status !== 'completed') throw new SimError(409, 'Conflict', `Order is ${order.status}, nothing to refund`);
  const amount = fromWire(body.amount);
  const prepaid = fromWire(body.refunded_prepaid_amount);
  const returned = toSimItems(body.returned_items);
  checkSum(amount, prepaid, returned, 'amount');
  if (amount <= 0) throw new SimError(400, 'Bad request', 'Refund amount must be positive', { amount: 'must be positive' });
  const key = (i: SimItem) => `${i.name}\u0000${i.sku ?? ''}`;
  const already = order.refunds.flatMap((r) => r.returned);
  for (const [index, item] of returned.entries()) {
    const goods = order.items.filter((o) => key(o) === key(item));
    if (goods.length === 0) throw new SimError(400, 'Bad request', 'Returned item is not in the order', { [`returned_items.${index}`]: `unknown item ${item.name}` });
    if (item.price > Math.max(...goods.map((g) => g.price))) throw new SimError(400, 'Bad request', 'Returned item costs more than ordered', { [`returned_items.${index}.price`]: 'exceeds the ordered price' });
    if (item.quantity > goods.reduce((s, g) => s + g.quantity, 0)) throw new SimError(400, 'Bad request', 'More returned than ordered', { [`returned_items.${index}.quantity`]: 'exceeds the ordered quantity' });
    const ordered = value(goods);
    const before = value(already.filter((a) => key(a) === key(item)));
    const now = value(returned.filter((r) => key(r) === key(item)));
    if (before + now > ordered) throw new SimError(400, 'Bad request', 'Item already returned', { [`returned_items.${index}`]: `only ${ordered - before} kopecks of ${item.name} left to return` });
  }
  if (amount > order.amount - refundedTotal(order)) throw new SimError(400, 'Bad request', 'Refund exceeds the order', { amount: 'exceeds what is left of the order' });
  const refund: SimRefund = { refund_id: randomUUID(), amount, prepaid, returned, status: 'pending' };
  order.refunds.push(refund);
  return refund;
}

const DAY_MS = 86_400_000;

/** 4 × 25 %: the first part is charged when the order completes. */
function schedule(order: SimOrder) {
  const part = Math.floor(order.amount / 4);
  const parts = [order.amount - 3 * part, part, part, part];
  return parts.map((amount, i) => ({
    amount: toWire(amount),
    // `payment_date` (VKolegov PaymentScheduleItem, Python ScheduleItem), Y-m-d.
    payment_date: new Date(order.createdAt + i * 14 * DAY_MS).toISOString().slice(0, 10),
    status: i === 0 && order.status === 'completed' ? 'paid' : 'scheduled',
  }));
}

const wireItem = (i: SimItem) => ({ name: i.name, quantity: i.quantity, price: toWire(i.price), ...(i.sku ? { sku: i.sku } : {}) });

/** GET {id}/info, and the answer of create, commit and cancel: `amount` is net of refunds. */
export function orderView(order: SimOrder, link: string) {
  const refunded = refundedTotal(order);
  const net = order.amount - refunded;
  const paid = order.status === 'completed' ? order.amount - 3 * Math.floor(order.amount / 4) : 0;
  return {
    id: order.id,
    status: order.status,
    amount: toWire(net),
    residual_amount: toWire(Math.max(0, net - paid)),
    link,
    payment_schedule: schedule(order),
    refund_info: order.refunds.length
      ? {
          total_refunded_amount: toWire(refunded),
          total_refunded_prepaid_amount: toWire(order.refunds.reduce((s, r) => s + r.prepaid, 0)),
          items: order.refunds.map((r) => ({
            refund_id: r.refund_id,
            refunded_amount: toWire(r.amount),
            refunded_prepaid_amount: toWire(r.prepaid),
            returned_items: r.returned.map(wireItem),
            status: r.status,
          })),
        }
      : null,
  };
}

/** What Dolyame posts to notification_url (the fields seen in the wild). */
export function notificationBody(order: SimOrder) {
  const view = orderView(order, '');
  return { id: order.id, status: order.status, amount: view.amount, residual_amount: view.residual_amount, payment_schedule: view.payment_schedule, client_info: order.clientInfo ?? {} };
}
