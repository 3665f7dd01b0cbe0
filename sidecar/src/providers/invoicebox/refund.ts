import { ApiError, ProviderError } from '../../core/errors.js';
import { rublesToKopecks } from '../../core/money.js';
import { toRubles, vatInside } from './basket.js';
import { LIMITS, PROVIDER_ID, V3_PAYMENT_TYPE } from './protocol.js';
import { V3RefundOrderRequest, type V3BasketItem, type V3RefundableItem, type V3VatCode } from './schemas.js';

/**
 * A v3 refund order: which lines give back how much, out of what is still refundable per line
 * (refundableAmounts); a full refund returns all of it, a partial one spreads the amount
 * over the lines in proportion to what is left of each (largest remainder, so it adds up to the
 * kopeck and no line exceeds its remainder).
 */

/** RUS_VAT20 / RUS_VAT20_ADDED → 20; RUS_VAT0, VATNONE → 0. */
export function vatPercentOf(code: V3VatCode | undefined): number {
  const match = /^RUS_VAT(\d+)/.exec(code ?? '');
  return match ? Number(match[1]) : 0;
}

/** Splits `amount` over `limits` in proportion, never above a limit; exact to the unit. */
export function allocate(amount: number, limits: readonly number[]): number[] {
  const total = limits.reduce((s, x) => s + x, 0);
  if (amount === total) return [...limits];
  // BigInt: kopecks × kopecks overflows 2^53 for large orders.
  const shares = limits.map((limit, index) => {
    const numerator = BigInt(amount) * BigInt(limit);
    const floor = numerator / BigInt(total);
    return { index, floor: Number(floor), remainder: numerator - floor * BigInt(total) };
  });
  const result = shares.map((s) => s.floor);
  let leftover = amount - result.reduce((s, x) => s + x, 0);
  for (const share of [...shares].sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.index - b.index))) {
    if (leftover === 0) break;
    if (result[share.index]! < limits[share.index]!) {
      result[share.index] = result[share.index]! + 1;
      leftover--;
    }
  }
  return result;
}

function refundLine(item: V3RefundableItem, refund: number, available: number): { line: V3BasketItem; vat: number } {
  const code = item.vatCode ?? 'VATNONE';
  const vat = refund === available && item.availableVatAmount !== undefined ? rublesToKopecks(item.availableVatAmount) : vatInside(refund, vatPercentOf(code));
  const unit = item.amount !== undefined ? rublesToKopecks(item.amount) : 0;
  // Whole units where the refund is a multiple of the unit price; otherwise one unit of the refunded sum.
  const quantity = unit > 0 && refund % unit === 0 ? refund / unit : 1;
  const price = refund / quantity;
  return {
    vat,
    line: {
      sku: item.sku.slice(0, LIMITS.sku) || 'line',
      name: item.name.slice(0, LIMITS.name) || 'Позиция',
      measure: (item.measure ?? 'шт').slice(0, LIMITS.measure) || 'шт',
      measureCode: item.measureCode && /^\d{1,4}$/.test(item.measureCode) ? item.measureCode : '796',
      quantity,
      amount: toRubles(price),
      amountWoVat: toRubles(Math.floor(((refund - vat) * 2 + quantity) / (2 * quantity))),
      totalAmount: toRubles(refund),
      totalVatAmount: toRubles(vat),
      vatCode: code,
      type: item.type ?? 'commodity',
      paymentType: item.paymentType ?? V3_PAYMENT_TYPE,
    },
  };
}

/** A line as paid, in kopecks: its total, else unit price × quantity. */
function paidTotal(item: V3RefundableItem): number {
  if (item.totalAmount !== undefined) return rublesToKopecks(item.totalAmount);
  return item.amount !== undefined ? Math.round(rublesToKopecks(item.amount) * (item.quantity ?? 1)) : 0;
}

/**
 * What each line can still give back. Invoicebox's answer may say so (availableAmount, read by its
 * MCP server); the docs and the SDK mock (tests/mock/success-get-basket-response.json) show plain
 * basket items, so without it: the paid lines minus our earlier refunds, spread in proportion.
 */
export function refundableAmounts(items: readonly V3RefundableItem[], alreadyRefunded: number): number[] {
  if (items.every((item) => item.availableAmount !== undefined)) return items.map((item) => rublesToKopecks(item.availableAmount!));
  const totals = items.map(paidTotal);
  const paid = totals.reduce((s, x) => s + x, 0);
  if (paid === 0) return totals;
  const refunded = allocate(Math.min(Math.max(alreadyRefunded, 0), paid), totals);
  return totals.map((total, i) => total - refunded[i]!);
}

export function buildV3Refund(args: { parentId: string; refundId: string; amount: number; description: string; available: readonly V3RefundableItem[]; alreadyRefunded?: number }): V3RefundOrderRequest {
  const amounts = refundableAmounts(args.available, args.alreadyRefunded ?? 0);
  const open = args.available.map((item, i) => ({ item, available: amounts[i]! })).filter((x) => x.available > 0);
  const refundable = open.reduce((s, x) => s + x.available, 0);
  if (args.amount > refundable) {
    throw new ApiError(409, 'refund_exceeds_available', `Invoicebox can refund at most ${refundable} kopecks of this payment (part was refunded elsewhere, e.g. in the Invoicebox cabinet)`, 'amount');
  }
  const shares = allocate(args.amount, open.map((x) => x.available));
  const lines = open.map((x, i) => ({ ...x, refund: shares[i]! })).filter((x) => x.refund > 0).map((x) => refundLine(x.item, x.refund, x.available));
  const request = {
    parentId: args.parentId,
    merchantOrderId: args.refundId,
    amount: toRubles(args.amount),
    vatAmount: toRubles(lines.reduce((s, l) => s + l.vat, 0)),
    description: args.description.slice(0, LIMITS.description),
    basketItems: lines.map((l) => l.line),
  };
  const parsed = V3RefundOrderRequest.safeParse(request);
  if (!parsed.success) throw new ProviderError(PROVIDER_ID, `refundable items cannot form a refund: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
