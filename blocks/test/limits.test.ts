import { describe, expect, it } from 'vitest';

import { cartTotalMinor, isWithinCartLimits, toMinorLimit } from '../src/limits';

const RUB = (roubles: number) => roubles * 100; // → kopecks
const MAX = RUB(30_000);

describe('isWithinCartLimits', () => {
	it('is inclusive at the max bound (29 999 / 30 000 / 30 001 ₽ with max 30 000 ₽)', () => {
		expect(isWithinCartLimits(RUB(29_999), null, MAX)).toBe(true);
		expect(isWithinCartLimits(RUB(30_000), null, MAX)).toBe(true);
		expect(isWithinCartLimits(RUB(30_001), null, MAX)).toBe(false);
		// one kopeck either side of the bound
		expect(isWithinCartLimits(MAX - 1, null, MAX)).toBe(true);
		expect(isWithinCartLimits(MAX + 1, null, MAX)).toBe(false);
	});

	it('is inclusive at the min bound', () => {
		const min = RUB(100);
		expect(isWithinCartLimits(min - 1, min, MAX)).toBe(false);
		expect(isWithinCartLimits(min, min, MAX)).toBe(true);
		expect(isWithinCartLimits(min + 1, min, MAX)).toBe(true);
	});

	it('treats null and undefined bounds as unbounded', () => {
		expect(isWithinCartLimits(0)).toBe(true);
		expect(isWithinCartLimits(Number.MAX_SAFE_INTEGER, undefined, undefined)).toBe(true);
		expect(isWithinCartLimits(RUB(1_000_000), RUB(10), null)).toBe(true);
		expect(isWithinCartLimits(0, null, RUB(10))).toBe(true);
	});

	it('allows a single-amount window (min = max)', () => {
		expect(isWithinCartLimits(RUB(500), RUB(500), RUB(500))).toBe(true);
		expect(isWithinCartLimits(RUB(500) + 1, RUB(500), RUB(500))).toBe(false);
	});

	it('rejects totals that are not safe integers', () => {
		expect(isWithinCartLimits(Number.NaN)).toBe(false);
		expect(isWithinCartLimits(Number.POSITIVE_INFINITY)).toBe(false);
		expect(isWithinCartLimits(100.5)).toBe(false);
	});
});

describe('cartTotalMinor', () => {
	it('keeps minor unit 2 values as kopecks', () => {
		expect(cartTotalMinor({ total_price: '2999900', currency_minor_unit: 2 })).toBe(RUB(29_999));
		expect(cartTotalMinor({ total_price: '3000000', currency_minor_unit: 2 })).toBe(MAX);
		expect(cartTotalMinor({ total_price: '3000001', currency_minor_unit: 2 })).toBe(MAX + 1);
		expect(cartTotalMinor({ total_price: '0', currency_minor_unit: 2 })).toBe(0);
	});

	it('multiplies minor unit 0 values by 100', () => {
		expect(cartTotalMinor({ total_price: '29999', currency_minor_unit: 0 })).toBe(RUB(29_999));
		expect(cartTotalMinor({ total_price: '30000', currency_minor_unit: 0 })).toBe(MAX);
		expect(cartTotalMinor({ total_price: '30001', currency_minor_unit: 0 })).toBe(RUB(30_001));
	});

	it('handles minor unit 1 and 3 (rounding half up to a kopeck)', () => {
		expect(cartTotalMinor({ total_price: '300000', currency_minor_unit: 1 })).toBe(MAX);
		expect(cartTotalMinor({ total_price: '30000000', currency_minor_unit: 3 })).toBe(MAX);
		expect(cartTotalMinor({ total_price: '30000004', currency_minor_unit: 3 })).toBe(MAX);
		expect(cartTotalMinor({ total_price: '30000005', currency_minor_unit: 3 })).toBe(MAX + 1);
	});

	it('is exact up to Number.MAX_SAFE_INTEGER kopecks and null beyond', () => {
		expect(cartTotalMinor({ total_price: '90071992547409', currency_minor_unit: 0 })).toBe(
			9_007_199_254_740_900
		);
		expect(
			cartTotalMinor({ total_price: '9007199254740991', currency_minor_unit: 2 })
		).toBe(Number.MAX_SAFE_INTEGER);
		expect(
			cartTotalMinor({ total_price: '900719925474099', currency_minor_unit: 0 })
		).toBeNull();
	});

	it('defaults a missing currency_minor_unit to 2', () => {
		expect(cartTotalMinor({ total_price: '3000000' })).toBe(MAX);
	});

	it('accepts a safe-integer number total', () => {
		expect(cartTotalMinor({ total_price: 3_000_000, currency_minor_unit: 2 })).toBe(MAX);
	});

	it('returns null for malformed totals', () => {
		expect(cartTotalMinor(null)).toBeNull();
		expect(cartTotalMinor(undefined)).toBeNull();
		expect(cartTotalMinor({ total_price: '' })).toBeNull();
		expect(cartTotalMinor({ total_price: '30000.00' })).toBeNull();
		expect(cartTotalMinor({ total_price: '-100' })).toBeNull();
		expect(cartTotalMinor({ total_price: 'abc' })).toBeNull();
		expect(cartTotalMinor({ total_price: 12.5 })).toBeNull();
		expect(cartTotalMinor({ total_price: '100', currency_minor_unit: -1 })).toBeNull();
	});
});

describe('toMinorLimit', () => {
	it('reads integers and integer strings, everything else is unbounded', () => {
		expect(toMinorLimit(3_000_000)).toBe(3_000_000);
		expect(toMinorLimit('3000000')).toBe(3_000_000);
		expect(toMinorLimit(0)).toBe(0);
		expect(toMinorLimit(null)).toBeNull();
		expect(toMinorLimit(undefined)).toBeNull();
		expect(toMinorLimit('')).toBeNull();
		expect(toMinorLimit('12.5')).toBeNull();
		expect(toMinorLimit(-1)).toBeNull();
		expect(toMinorLimit(1.5)).toBeNull();
	});
});
