/**
 * Russian taxpayer numbers, checked in the browser the way the sidecar checks
 * them (sidecar/src/core/inn.ts): INN check digits by the standard FNS
 * algorithm, KPP by format.
 *
 * - organisation: INN of 10 digits, the 10th a check digit; KPP required;
 * - sole trader (ИП): INN of 12 digits, the 11th and 12th check digits; no KPP.
 */

export type PayerType = 'organization' | 'entrepreneur';

export const PAYER_TYPES: readonly PayerType[] = ['organization', 'entrepreneur'];

const W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const W11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const W12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit(digits: readonly number[], weights: readonly number[]): number {
	let sum = 0;
	weights.forEach((weight, i) => {
		sum += weight * (digits[i] ?? 0);
	});
	return (sum % 11) % 10;
}

/** Why an INN was rejected; `null` = valid. */
export type InnProblem = 'empty' | 'format' | 'checksum';

/** The INN length for a payer type: 10 (organisation) or 12 (sole trader). */
export function innLength(type: PayerType): 10 | 12 {
	return type === 'organization' ? 10 : 12;
}

/** Checks a normalised INN (digits only, see `normaliseInn`) for `type`. */
export function checkInn(inn: string, type: PayerType): InnProblem | null {
	if (inn === '') {
		return 'empty';
	}
	const length = innLength(type);
	if (inn.length !== length || !/^\d+$/.test(inn)) {
		return 'format';
	}
	const d = Array.from(inn, Number);
	if (length === 10) {
		return checkDigit(d, W10) === d[9] ? null : 'checksum';
	}
	return checkDigit(d, W11) === d[10] && checkDigit(d, W12) === d[11] ? null : 'checksum';
}

export function isValidInn(inn: string, type: PayerType): boolean {
	return checkInn(inn, type) === null;
}

/** Why a KPP was rejected; `null` = valid (or, for a sole trader, absent). */
export type KppProblem = 'empty' | 'format' | 'not-applicable';

const KPP = /^\d{4}[\dA-Z]{2}\d{3}$/;

/** Checks a normalised KPP (see `normaliseKpp`): required for organisations, absent for ИП. */
export function checkKpp(kpp: string, type: PayerType): KppProblem | null {
	if (type === 'entrepreneur') {
		return kpp === '' ? null : 'not-applicable';
	}
	if (kpp === '') {
		return 'empty';
	}
	return KPP.test(kpp) ? null : 'format';
}

export function isValidKpp(kpp: string): boolean {
	return KPP.test(kpp);
}

/** Drops the spaces people paste into numbers ("7707 083 893" → "7707083893"). */
export function normaliseInn(value: string): string {
	return value.replace(/[\s\u00a0-]+/g, '');
}

/** Drops spaces and upper-cases the letters a KPP may hold. */
export function normaliseKpp(value: string): string {
	return value.replace(/[\s\u00a0-]+/g, '').toUpperCase();
}
