import { ApiError } from '../../core/errors.js';
import { lineValue, type OrderLine } from './order-lines.js';

/** A line Dolyame already took back (from refund_info), prices in kopecks. */
export interface ReturnedLine {
  name: string;
  sku?: string | null | undefined;
  quantity: number;
  price: number;
}

export interface RefundLine {
  line: OrderLine;
  quantity: number;
  /** Unit price of this returned line, kopecks (≤ the order line's price). */
  price: number;
}

const sameGoods = (line: OrderLine, returned: ReturnedLine) => line.name === returned.name && (line.sku ?? '') === (returned.sku ?? '');

/** Value (kopecks) of each order line not yet returned: earlier returns are booked against same-name lines, exact price first. */
export function remainingValues(lines: readonly OrderLine[], returned: readonly ReturnedLine[]): number[] {
  const remaining = lines.map(lineValue);
  for (const r of returned) {
    let value = Math.round(r.quantity * r.price);
    const candidates = lines.map((line, i) => ({ line, i })).filter(({ line }) => sameGoods(line, r));
    candidates.sort((a, b) => Number(b.line.price === r.price) - Number(a.line.price === r.price));
    for (const { i } of candidates) {
      const take = Math.min(value, remaining[i]!);
      remaining[i] = remaining[i]! - take;
      value -= take;
      if (value === 0) break;
    }
  }
  return remaining;
}

/**
 * Dolyame refunds by returned items: amount = Σ quantity × price − refunded_prepaid_amount. The
 * sidecar API refunds an amount, so the items are derived from what is still unreturned: one line's
 * whole units when they make the amount exactly, else whole units largest first, and whatever is
 * left as a quantity-1 line at a lower price (a partial return of one unit).
 */
export function refundLines(lines: readonly OrderLine[], returned: readonly ReturnedLine[], amount: number): RefundLine[] {
  const remaining = remainingValues(lines, returned);
  const available = remaining.reduce((s, v) => s + v, 0);
  if (amount > available) {
    throw new ApiError(409, 'refund_exceeds_order', `Dolyame has ${available} kopecks of this order left to refund`, 'amount');
  }
  // Whole units still returnable per line (a fractional-quantity line is one indivisible unit).
  const packs = lines.map((line, i) => {
    const fractional = !Number.isInteger(line.quantity);
    const unitValue = fractional ? lineValue(line) : line.price;
    const count = fractional ? Number(remaining[i] === unitValue) : Math.min(line.quantity, Math.floor(remaining[i]! / line.price));
    return { i, unitValue, unitQuantity: fractional ? line.quantity : 1, count };
  });

  const single = packs.find((p) => p.count > 0 && amount % p.unitValue === 0 && amount / p.unitValue <= p.count);
  if (single) return [{ line: lines[single.i]!, quantity: round3((amount / single.unitValue) * single.unitQuantity), price: lines[single.i]!.price }];

  const result: RefundLine[] = [];
  const taken = lines.map(() => 0);
  let rest = amount;
  for (const p of [...packs].sort((a, b) => b.unitValue - a.unitValue || a.i - b.i)) {
    const units = Math.min(p.count, Math.floor(rest / p.unitValue));
    if (units === 0) continue;
    result.push({ line: lines[p.i]!, quantity: round3(units * p.unitQuantity), price: lines[p.i]!.price });
    taken[p.i] = units * p.unitValue;
    rest -= units * p.unitValue;
  }
  for (let i = 0; i < lines.length && rest > 0; i++) {
    let leftover = remaining[i]! - taken[i]!;
    while (rest > 0 && leftover > 0) {
      // A returned unit never costs more than the order line's unit.
      const part = Math.min(rest, leftover, lines[i]!.price);
      result.push({ line: lines[i]!, quantity: 1, price: part });
      rest -= part;
      leftover -= part;
    }
  }
  if (rest !== 0) throw new Error(`refund allocation left ${rest} kopecks`);
  return merge(result);
}

/** Same line at the same price → one returned item with the quantities added. */
function merge(lines: RefundLine[]): RefundLine[] {
  const merged: RefundLine[] = [];
  for (const r of lines) {
    const same = merged.find((m) => m.line === r.line && m.price === r.price);
    if (same) same.quantity = round3(same.quantity + r.quantity);
    else merged.push({ ...r });
  }
  return merged;
}

const round3 = (q: number) => Math.round(q * 1000) / 1000;
