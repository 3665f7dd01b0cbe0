/**
 * Cart amount limits, in minor units of the rouble (kopecks).
 *
 * Everything here is integer arithmetic: Store API money values are strings
 * of integers in the currency's minor unit, so no floating point is needed
 * (and none is used, to avoid 0.1 + 0.2 style errors at the limits).
 */

/** Minor units of the amounts our limits are expressed in (kopecks). */
export const KOPECKS_MINOR_UNIT = 2;

/** A limit as it may come from PHP settings: kopecks, or nothing = unbounded. */
export type MinorLimit = number | null | undefined;

/**
 * Whether `totalMinor` lies within [min, max], inclusive at both ends.
 * A `null`/`undefined` bound means that side is unbounded. A total that is
 * not a finite integer is never within limits.
 */
export function isWithinCartLimits(
	totalMinor: number,
	min?: MinorLimit,
	max?: MinorLimit
): boolean {
	if (!Number.isSafeInteger(totalMinor)) {
		return false;
	}
	if (min !== null && min !== undefined && totalMinor < min) {
		return false;
	}
	if (max !== null && max !== undefined && totalMinor > max) {
		return false;
	}
	return true;
}

/** The part of the Store API cart totals that `cartTotalMinor` reads. */
export interface CartTotalsLike {
	total_price: string | number;
	currency_minor_unit?: number | null;
}

const INTEGER = /^\d+$/;

function pow10(exponent: number): bigint {
	return BigInt('1' + '0'.repeat(exponent));
}

/**
 * Converts the Store API cart total (`total_price`, an integer string in the
 * currency's `currency_minor_unit`) to kopecks, exactly.
 *
 * - minor unit 2: the value as is (`"3000000"` → 3 000 000 kopecks = 30 000 ₽);
 * - minor unit 0: ×100 (`"30000"` → 3 000 000);
 * - minor unit 1: ×10;
 * - minor unit > 2: divided by 10^(unit−2), rounded half up to a whole kopeck.
 *
 * Returns `null` when the total is missing or not a non-negative integer, or
 * the result would not be a safe integer.
 */
export function cartTotalMinor(
	cartTotals: CartTotalsLike | null | undefined
): number | null {
	if (!cartTotals) {
		return null;
	}
	const raw = cartTotals.total_price;
	let digits: string;
	if (typeof raw === 'number') {
		if (!Number.isSafeInteger(raw) || raw < 0) {
			return null;
		}
		digits = String(raw);
	} else if (typeof raw === 'string' && INTEGER.test(raw.trim())) {
		digits = raw.trim();
	} else {
		return null;
	}

	const unitRaw = cartTotals.currency_minor_unit;
	const unit =
		unitRaw === null || unitRaw === undefined ? KOPECKS_MINOR_UNIT : unitRaw;
	if (!Number.isInteger(unit) || unit < 0 || unit > 18) {
		return null;
	}

	// BigInt() calls instead of `10n ** x` literals: Babel's exponentiation
	// transform would turn `**` into Math.pow, which throws for BigInt.
	const value = BigInt(digits);
	let kopecks: bigint;
	if (unit <= KOPECKS_MINOR_UNIT) {
		kopecks = value * pow10(KOPECKS_MINOR_UNIT - unit);
	} else {
		const divisor = pow10(unit - KOPECKS_MINOR_UNIT);
		kopecks = (value + divisor / BigInt(2)) / divisor;
	}

	if (kopecks > BigInt(Number.MAX_SAFE_INTEGER)) {
		return null;
	}
	return Number(kopecks);
}

/**
 * Reads a limit from PHP settings data: a non-negative integer (or an integer
 * string) in kopecks; anything else (null, '', missing, garbage) = unbounded.
 */
export function toMinorLimit(value: unknown): number | null {
	if (typeof value === 'number') {
		return Number.isSafeInteger(value) && value >= 0 ? value : null;
	}
	if (typeof value === 'string' && INTEGER.test(value.trim())) {
		const n = Number(value.trim());
		return Number.isSafeInteger(n) ? n : null;
	}
	return null;
}
