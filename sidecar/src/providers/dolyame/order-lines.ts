import { ApiError } from '../../core/errors.js';
import type { NormalizedItem } from '../../core/basket.js';
import type { PaymentRecord } from '../../store/types.js';
import { toWire } from './amounts.js';
import { ITEM_NAME_MAX, PAYMENT_OBJECT_BY_TYPE, TAX_BY_VAT } from './protocol.js';
import type { ClientInfo, FiscalizationSettings, Item, Receipt } from './schemas.js';

/** One order line as Dolyame gets it, with its money kept in kopecks for our own arithmetic. */
export interface OrderLine {
  name: string;
  sku?: string | undefined;
  quantity: number;
  /** Unit price, kopecks (VAT included). */
  price: number;
  receipt?: Receipt | undefined;
}

export const lineValue = (line: Pick<OrderLine, 'price' | 'quantity'>) => Math.round(line.price * line.quantity);

export function toWireItem(line: OrderLine, quantity = line.quantity, price = line.price): Item {
  return {
    name: line.name,
    quantity,
    price: toWire(price),
    ...(line.sku ? { sku: line.sku } : {}),
    ...(line.receipt ? { receipt: line.receipt } : {}),
  };
}

/**
 * The payment's basket as Dolyame lines: only lines worth something, unit prices gross, integer
 * quantities. The core already made the lines add up to the amount; a fractional quantity becomes
 * one line of quantity 1 (name keeps the real quantity) — the same in create, commit and refund.
 * Without a basket the order is one line named after the description.
 */
export function orderLines(payment: PaymentRecord, fiscal: FiscalizationSettings): OrderLine[] {
  const items = payment.details.items ?? [];
  if (items.length === 0) {
    if (fiscal.enabled) throw new ApiError(400, 'items_required', 'Dolyame fiscalisation needs the basket items', 'items');
    return [{ name: cut(payment.description), quantity: 1, price: payment.amount }];
  }
  return basketLines(items, fiscal);
}

/** Normalized basket lines (the order's, an edited basket, or refunded items) as Dolyame lines. */
export function basketLines(items: readonly NormalizedItem[], fiscal: FiscalizationSettings): OrderLine[] {
  return items
    .filter((item) => item.amount > 0)
    .map((item) => {
      const receipt = fiscal.enabled ? receiptFor(item.vat, item.type, item.measure, fiscal) : undefined;
      // Public clients send integer quantities: a fractional line (weighed goods) is one line of
      // quantity 1 at the line total, its real quantity in the name; so are lines whose unit price is
      // not exact in kopecks (how Dolyame rounds price × quantity is unknown, so never depend on it).
      const whole = Number.isInteger(item.quantity) && Math.abs(item.price * item.quantity - item.amount) < 1e-6;
      return whole
        ? { name: cut(item.name), sku: item.sku, quantity: item.quantity, price: item.price, receipt }
        : { name: cut(`${item.name} (${item.quantity} ${item.measure})`), sku: item.sku, quantity: 1, price: item.amount, receipt };
    });
}

function receiptFor(vat: keyof typeof TAX_BY_VAT, type: keyof typeof PAYMENT_OBJECT_BY_TYPE, measure: string, fiscal: FiscalizationSettings): Receipt {
  return {
    tax: TAX_BY_VAT[vat],
    payment_method: fiscal.paymentMethod,
    ...(fiscal.documentFormat === '1.2' ? { payment_object: PAYMENT_OBJECT_BY_TYPE[type], measurement_unit: measure } : {}),
  };
}

const cut = (name: string) => (name.length > ITEM_NAME_MAX ? name.slice(0, ITEM_NAME_MAX) : name);

/**
 * What we know about the buyer, in Dolyame's shape: the name split into first and last, the phone
 * as +7 and 10 digits (anything else is left out rather than refused — the buyer types it on
 * Dolyame's form anyway).
 */
export function clientInfo(customer: PaymentRecord['details']['customer']): ClientInfo | undefined {
  if (!customer) return undefined;
  const info: ClientInfo = {};
  const parts = (customer.name ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts[0]) info.first_name = parts[0].slice(0, 100);
  if (parts.length > 1) info.last_name = parts.slice(1).join(' ').slice(0, 100);
  const phone = normalizePhone(customer.phone);
  if (phone) info.phone = phone;
  if (customer.email) info.email = customer.email;
  return Object.keys(info).length > 0 ? info : undefined;
}

/** Digits only, optional leading 7 or 8, then exactly 10 digits → "+7XXXXXXXXXX". */
export function normalizePhone(phone: string | undefined): string | undefined {
  const match = /^[78]?(\d{10})$/.exec((phone ?? '').replace(/\D/g, ''));
  return match ? `+7${match[1]}` : undefined;
}
