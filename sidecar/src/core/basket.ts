import { z } from 'zod';
import { ApiError } from './errors.js';

export const VatRate = z.enum(['none', 'vat0', 'vat5', 'vat7', 'vat10', 'vat20', 'vat22', 'vat5_105', 'vat7_107', 'vat10_110', 'vat20_120', 'vat22_122']);
export type VatRate = z.infer<typeof VatRate>;

/** A basket line as the plugin sends it: `amount` is the line total in kopecks after discounts, VAT included. */
export const BasketItem = z.object({
  sku: z.string().max(64).optional(),
  name: z.string().min(1).max(255),
  quantity: z.number().positive().max(1_000_000).refine((q) => Math.abs(q * 1000 - Math.round(q * 1000)) < 1e-6, 'at most 3 decimals'),
  amount: z.number().int().nonnegative(),
  type: z.enum(['goods', 'service', 'shipping']).default('goods'),
  vat: VatRate.default('none'),
  measure: z.string().max(16).default('шт'),
  measure_code: z.string().regex(/^\d{1,4}$/).default('796'),
}).strict();
export type BasketItem = z.infer<typeof BasketItem>;

/** A line ready for a provider: `price × quantity = amount` holds to the kopeck for whole quantities. */
export interface NormalizedItem extends BasketItem {
  /** Unit price in kopecks. */
  price: number;
}

/**
 * Makes the lines add up to the order total exactly: a difference (an order-level discount, or
 * rounding in the shop of at most a kopeck per line) is spread over the non-shipping lines in proportion to their amounts by
 * largest remainder; then a line whose total is not a whole number of kopecks per unit is split
 * into (quantity − 1) units at the lower price and one unit carrying the remainder.
 */
export function normalizeBasket(items: readonly BasketItem[], total: number): NormalizedItem[] {
  const sum = items.reduce((s, i) => s + i.amount, 0);
  const difference = total - sum;
  const adjustable = items.map((item, index) => ({ item, index })).filter(({ item }) => item.type !== 'shipping' && item.amount > 0);
  const adjustableSum = adjustable.reduce((s, { item }) => s + item.amount, 0);
  // A discount may take up to the whole of the goods; a surcharge only rounding (a kopeck a line):
  // anything more means lines are missing.
  if (difference !== 0 && (adjustableSum === 0 || -difference > adjustableSum || difference > items.length)) {
    throw new ApiError(400, 'basket_mismatch', `The basket lines (${sum} kopecks) cannot be made to add up to the total (${total} kopecks)`, 'items');
  }
  const amounts = items.map((i) => i.amount);
  if (difference !== 0) {
    // Largest remainder: floor shares first, then the leftover kopecks to the largest fractions.
    const shares = adjustable.map(({ item, index }) => {
      const exact = (difference * item.amount) / adjustableSum;
      return { index, floor: Math.floor(exact), fraction: exact - Math.floor(exact) };
    });
    let leftover = difference - shares.reduce((s, x) => s + x.floor, 0);
    for (const share of shares) amounts[share.index] = amounts[share.index]! + share.floor;
    for (const share of [...shares].sort((a, b) => b.fraction - a.fraction || a.index - b.index)) {
      if (leftover === 0) break;
      amounts[share.index] = amounts[share.index]! + 1;
      leftover--;
    }
  }
  return items.flatMap((item, i) => splitLine({ ...item, amount: amounts[i]! }));
}

function splitLine(item: BasketItem): NormalizedItem[] {
  if (!Number.isInteger(item.quantity)) {
    return [{ ...item, price: Math.round(item.amount / item.quantity) }];
  }
  const price = Math.floor(item.amount / item.quantity);
  const remainder = item.amount - price * item.quantity;
  if (remainder === 0) return [{ ...item, price }];
  const lines: NormalizedItem[] = [];
  if (item.quantity > 1) lines.push({ ...item, quantity: item.quantity - 1, amount: price * (item.quantity - 1), price });
  lines.push({ ...item, quantity: 1, amount: price + remainder, price: price + remainder });
  return lines;
}
