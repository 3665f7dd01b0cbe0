import type { NormalizedItem, VatRate } from '../../core/basket.js';
import { kopecksToRubles } from '../../core/money.js';
import { ITEM_TYPE, LIMITS, V2_VAT_RATE, V3_PAYMENT_TYPE, V3_VAT_CODE, VAT_PERCENT } from './protocol.js';
import type { V2FormItem, V3BasketItem, V3VatCode } from './schemas.js';

/**
 * Basket lines in Invoicebox's terms. Everything is integer kopecks until the last step, where
 * toRubles() converts at the edge. The core's normalizeBasket already made the line totals add up
 * to the order total, so only the VAT is computed here.
 */

export interface PreparedLine {
  sku: string;
  name: string;
  measure: string;
  measureCode: string;
  quantity: number;
  /** Unit price, VAT included (kopecks). */
  price: number;
  /** Unit price without VAT (kopecks). */
  priceWoVat: number;
  /** Line total, VAT included (kopecks). */
  total: number;
  /** VAT inside the line total (kopecks). */
  vat: number;
  vatRate: VatRate;
  type: 'commodity' | 'service';
}

/** v3 amounts are JSON numbers in rubles with 2 decimals. */
export const toRubles = (kopecks: number): number => Number(kopecksToRubles(kopecks));

/**
 * VAT inside a gross amount, rounded half-up to the kopeck, per line: amount × p / (100 + p).
 * Integer arithmetic, so 371.88 at 20 % is exactly 61.98.
 */
export function vatInside(grossKopecks: number, percent: number): number {
  if (percent === 0 || grossKopecks === 0) return 0;
  const denominator = 100 + percent;
  return Math.floor((grossKopecks * percent * 2 + denominator) / (2 * denominator));
}

/** Rounds numerator / denominator half-up (both non-negative integers). */
const divideHalfUp = (numerator: number, denominator: number) => Math.floor((numerator * 2 + denominator) / (2 * denominator));

const cut = (text: string, max: number) => (text.length <= max ? text : text.slice(0, max));

/** Lines without a SKU still need one at Invoicebox; shipping gets "delivery", others their position. */
function skuOf(item: NormalizedItem, index: number): string {
  const sku = item.sku?.trim();
  if (sku) return cut(sku, LIMITS.sku);
  return item.type === 'shipping' ? 'delivery' : `line-${index + 1}`;
}

export function prepareLines(items: readonly NormalizedItem[]): PreparedLine[] {
  return items.map((item, index) => {
    const vat = vatInside(item.amount, VAT_PERCENT[item.vat]);
    const milliUnits = Math.round(item.quantity * 1000);
    return {
      sku: skuOf(item, index),
      name: cut(item.name.trim(), LIMITS.name),
      measure: cut(item.measure.trim() || 'шт', LIMITS.measure),
      measureCode: item.measure_code,
      quantity: item.quantity,
      price: item.price,
      priceWoVat: divideHalfUp((item.amount - vat) * 1000, milliUnits),
      total: item.amount,
      vat,
      vatRate: item.vat,
      type: ITEM_TYPE[item.type],
    };
  });
}

export const linesTotal = (lines: readonly PreparedLine[]) => lines.reduce((sum, l) => sum + l.total, 0);
export const linesVat = (lines: readonly PreparedLine[]) => lines.reduce((sum, l) => sum + l.vat, 0);

export function toV3BasketItem(line: PreparedLine): V3BasketItem {
  return {
    sku: line.sku,
    name: line.name,
    measure: line.measure,
    measureCode: line.measureCode,
    quantity: line.quantity,
    amount: toRubles(line.price),
    amountWoVat: toRubles(line.priceWoVat),
    totalAmount: toRubles(line.total),
    totalVatAmount: toRubles(line.vat),
    vatCode: V3_VAT_CODE[line.vatRate] as V3VatCode,
    type: line.type,
    paymentType: V3_PAYMENT_TYPE,
  };
}

export function toV2FormItem(line: PreparedLine): V2FormItem {
  return {
    type: line.type,
    ident: line.sku,
    name: line.name,
    quantity: String(line.quantity),
    measure: line.measure,
    measure_code: line.measureCode,
    price: kopecksToRubles(line.price),
    vat: kopecksToRubles(line.vat),
    vatrate: V2_VAT_RATE[line.vatRate],
  };
}

/** itransfer_item<N>_<key> fields, N from 1. */
export function v2ItemFields(items: readonly V2FormItem[]): Record<string, string> {
  const fields: Record<string, string> = {};
  items.forEach((item, i) => {
    for (const [key, value] of Object.entries(item)) fields[`itransfer_item${i + 1}_${key}`] = value;
  });
  return fields;
}
