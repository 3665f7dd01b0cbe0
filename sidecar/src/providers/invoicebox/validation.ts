import type { z } from 'zod';
import type { NormalizedItem } from '../../core/basket.js';
import { ApiError } from '../../core/errors.js';
import type { PaymentRecord } from '../../store/types.js';
import { linesTotal, type PreparedLine } from './basket.js';

/**
 * Checks an order before anything is sent to Invoicebox: a calculation error or missing data
 * stops here with a 400 naming the field of OUR API (items, payer.inn, …), never the gateway's.
 */

export function requireRubles(payment: PaymentRecord): void {
  if (payment.currency !== 'RUB') throw new ApiError(400, 'unsupported_currency', 'Invoicebox accepts RUB only', 'currency');
}

export function requireItems(items: readonly NormalizedItem[] | undefined): readonly NormalizedItem[] {
  if (!items || items.length === 0) {
    throw new ApiError(400, 'invalid_request', 'Invoicebox needs the order basket: every line with name, quantity, amount, type and VAT rate', 'items');
  }
  return items;
}

/** The lines must add up to the order total to the kopeck, and each price × quantity to its line total. */
export function requireBasketAddsUp(lines: readonly PreparedLine[], amount: number): void {
  const sum = linesTotal(lines);
  if (sum !== amount) {
    throw new ApiError(400, 'basket_mismatch', `Invoicebox: the basket lines (${sum} kopecks) do not add up to the order total (${amount} kopecks)`, 'items');
  }
  lines.forEach((line, i) => {
    // Whole quantities are exact after the core's normalization; a fractional one may be off by
    // half a kopeck per unit of rounding in the unit price.
    const tolerance = Number.isInteger(line.quantity) ? 0 : Math.max(1, Math.ceil(line.quantity / 2));
    if (Math.abs(line.price * line.quantity - line.total) > tolerance) {
      throw new ApiError(400, 'basket_mismatch', `Invoicebox: line ${i + 1}: price × quantity does not give the line total`, `items.${i}.amount`);
    }
  });
}

/** Maps a path in Invoicebox's request to the field of our API that the caller must fix. */
export type FieldMap = (path: readonly PropertyKey[]) => string;

/** Validates the outgoing request against Invoicebox's wire schema; the first issue names our field. */
export function requireWireFormat<S extends z.ZodType>(schema: S, request: unknown, fieldOf: FieldMap): z.infer<S> {
  const parsed = schema.safeParse(request);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = fieldOf(issue.path);
  throw new ApiError(400, 'invalid_request', `Invoicebox: ${field}: ${issue.message}`, field);
}
