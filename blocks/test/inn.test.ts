import { describe, expect, it } from 'vitest';

import {
	checkInn,
	checkKpp,
	innLength,
	isValidInn,
	isValidKpp,
	normaliseInn,
	normaliseKpp,
} from '../src/inn';

/** Every string that differs from `value` in exactly one digit. */
function oneDigitChanges(value: string): string[] {
	const out: string[] = [];
	for (let i = 0; i < value.length; i++) {
		for (let d = 0; d <= 9; d++) {
			if (String(d) !== value[i]) {
				out.push(value.slice(0, i) + d + value.slice(i + 1));
			}
		}
	}
	return out;
}

describe('INN (FNS check digits)', () => {
	it('accepts the reference vectors', () => {
		expect(isValidInn('7707083893', 'organization')).toBe(true); // Сбербанк
		expect(isValidInn('500100732259', 'entrepreneur')).toBe(true);
		expect(checkInn('7707083893', 'organization')).toBeNull();
		expect(checkInn('500100732259', 'entrepreneur')).toBeNull();
	});

	it('rejects every one-digit change of the 10-digit vector', () => {
		const changed = oneDigitChanges('7707083893');
		expect(changed).toHaveLength(90);
		for (const inn of changed) {
			expect(isValidInn(inn, 'organization'), inn).toBe(false);
			expect(checkInn(inn, 'organization'), inn).toBe('checksum');
		}
	});

	it('rejects every one-digit change of the 12-digit vector', () => {
		const changed = oneDigitChanges('500100732259');
		expect(changed).toHaveLength(108);
		for (const inn of changed) {
			expect(isValidInn(inn, 'entrepreneur'), inn).toBe(false);
		}
	});

	it('checks the length for the payer type', () => {
		expect(innLength('organization')).toBe(10);
		expect(innLength('entrepreneur')).toBe(12);
		// a valid organisation INN is not a sole trader's and vice versa
		expect(checkInn('7707083893', 'entrepreneur')).toBe('format');
		expect(checkInn('500100732259', 'organization')).toBe('format');
		expect(checkInn('770708389', 'organization')).toBe('format');
		expect(checkInn('77070838931', 'organization')).toBe('format');
		expect(checkInn('77070838a3', 'organization')).toBe('format');
		expect(checkInn('', 'organization')).toBe('empty');
	});

	it('normalises pasted spaces and dashes', () => {
		expect(normaliseInn(' 7707 083\u00a0893 ')).toBe('7707083893');
		expect(normaliseInn('5001-0073-2259')).toBe('500100732259');
	});
});

describe('KPP', () => {
	it('is 4 digits, 2 digits or capital letters, 3 digits', () => {
		expect(isValidKpp('773601001')).toBe(true);
		expect(isValidKpp('7736AB001')).toBe(true);
		expect(isValidKpp('77360100')).toBe(false);
		expect(isValidKpp('7736010011')).toBe(false);
		expect(isValidKpp('7736ab001')).toBe(false);
		expect(isValidKpp('A73601001')).toBe(false);
		expect(isValidKpp('7736010A1')).toBe(false);
	});

	it('is required for an organisation and absent for a sole trader', () => {
		expect(checkKpp('773601001', 'organization')).toBeNull();
		expect(checkKpp('', 'organization')).toBe('empty');
		expect(checkKpp('7736', 'organization')).toBe('format');
		expect(checkKpp('', 'entrepreneur')).toBeNull();
		expect(checkKpp('773601001', 'entrepreneur')).toBe('not-applicable');
	});

	it('normalises case and spaces', () => {
		expect(normaliseKpp(' 7736ab 001 ')).toBe('7736AB001');
	});
});
