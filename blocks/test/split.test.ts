import { describe, expect, it } from 'vitest';

import {
	formatRoubles,
	groupPayments,
	hasKopecks,
	splitKopecks,
	toSplitParts,
} from '../src/split';
import { plainSpaces } from './helpers/locale';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('splitKopecks', () => {
	it('splits evenly when it can', () => {
		expect(splitKopecks(3_000_000, 4)).toEqual([750_000, 750_000, 750_000, 750_000]);
	});

	it('gives the remainder to the first payments, one kopeck each', () => {
		expect(splitKopecks(10_001, 4)).toEqual([2_501, 2_500, 2_500, 2_500]); // 100,01 ₽
		expect(splitKopecks(10_003, 4)).toEqual([2_501, 2_501, 2_501, 2_500]);
		expect(splitKopecks(1, 4)).toEqual([1, 0, 0, 0]);
	});

	it('always adds up to the total exactly', () => {
		for (const total of [0, 1, 99, 10_001, 2_999_999, 3_000_001, 123_456_789, Number.MAX_SAFE_INTEGER]) {
			for (const parts of [2, 3, 4, 6, 7, 12]) {
				const payments = splitKopecks(total, parts)!;
				expect(payments).toHaveLength(parts);
				expect(sum(payments)).toBe(total);
				expect(Math.max(...payments) - Math.min(...payments)).toBeLessThanOrEqual(1);
			}
		}
	});

	it('refuses bad input', () => {
		expect(splitKopecks(-1, 4)).toBeNull();
		expect(splitKopecks(100.5, 4)).toBeNull();
		expect(splitKopecks(100, 0)).toBeNull();
		expect(splitKopecks(100, 2.5)).toBeNull();
	});
});

describe('groupPayments / hasKopecks', () => {
	it('groups consecutive equal payments', () => {
		expect(groupPayments([2_501, 2_500, 2_500, 2_500])).toEqual([
			{ count: 1, amount: 2_501 },
			{ count: 3, amount: 2_500 },
		]);
		expect(groupPayments([750_000, 750_000])).toEqual([{ count: 2, amount: 750_000 }]);
	});

	it('tells whether any payment has kopecks', () => {
		expect(hasKopecks([750_000, 750_000])).toBe(false);
		expect(hasKopecks([2_501, 2_500])).toBe(true);
	});
});

describe('formatRoubles', () => {
	it('formats ru-RU and en-US with the rouble sign after the number', () => {
		expect(plainSpaces(formatRoubles(750_000, 'ru-RU', false))).toBe('7 500 ₽');
		expect(plainSpaces(formatRoubles(750_000, 'en-US', false))).toBe('7,500 ₽');
		expect(plainSpaces(formatRoubles(2_501, 'ru-RU', true))).toBe('25,01 ₽');
		expect(plainSpaces(formatRoubles(2_500, 'en-US', true))).toBe('25.00 ₽');
		expect(plainSpaces(formatRoubles(5, 'ru-RU', true))).toBe('0,05 ₽');
	});

	it('keeps large amounts exact to the kopeck', () => {
		expect(plainSpaces(formatRoubles(9_007_199_254_740_991, 'ru-RU', true))).toBe(
			'90 071 992 547 409,91 ₽'
		);
	});

	it('falls back to Russian formatting for an invalid locale tag', () => {
		expect(plainSpaces(formatRoubles(750_000, 'not a locale', false))).toBe('7 500 ₽');
	});
});

describe('toSplitParts', () => {
	it('reads {"parts": n} and ignores anything else', () => {
		expect(toSplitParts({ parts: 4 })).toBe(4);
		expect(toSplitParts({ parts: '6' })).toBe(6);
		expect(toSplitParts(null)).toBeNull();
		expect(toSplitParts(undefined)).toBeNull();
		expect(toSplitParts({})).toBeNull();
		expect(toSplitParts({ parts: 1 })).toBeNull();
		expect(toSplitParts({ parts: 2.5 })).toBeNull();
		expect(toSplitParts({ parts: 1000 })).toBeNull();
		expect(toSplitParts(4)).toBeNull();
	});
});
