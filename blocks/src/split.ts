/**
 * Instalment ("split") maths for the BNPL methods, in integer kopecks only.
 *
 * A total of T kopecks in N payments is T = q·N + r (0 ≤ r < N): the first r
 * payments are q + 1 kopecks, the rest q kopecks, so the payments always add
 * up to the total exactly (100,01 ₽ / 4 → 25,01 + 25,00 × 3).
 */

/** Number of payments we accept from settings (`split.parts`). */
export const MIN_SPLIT_PARTS = 2;
export const MAX_SPLIT_PARTS = 36;

/** Reads `split` from PHP settings: `{"parts": 4}` → 4; anything else → null. */
export function toSplitParts(split: unknown): number | null {
	if (!split || typeof split !== 'object') {
		return null;
	}
	const raw: unknown = (split as { parts?: unknown }).parts;
	const parts =
		typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
	if (
		typeof parts !== 'number' ||
		!Number.isInteger(parts) ||
		parts < MIN_SPLIT_PARTS ||
		parts > MAX_SPLIT_PARTS
	) {
		return null;
	}
	return parts;
}

/**
 * The payments of `totalKopecks` split in `parts`, first ones carrying the
 * remainder. `null` for a negative / non-integer total or a bad `parts`.
 */
export function splitKopecks(totalKopecks: number, parts: number): number[] | null {
	if (
		!Number.isSafeInteger(totalKopecks) ||
		totalKopecks < 0 ||
		!Number.isInteger(parts) ||
		parts < 1
	) {
		return null;
	}
	const remainder = totalKopecks % parts;
	const base = (totalKopecks - remainder) / parts;
	return Array.from({ length: parts }, (_, i) => (i < remainder ? base + 1 : base));
}

/** A run of equal consecutive payments. */
export interface SplitGroup {
	count: number;
	/** Each payment of the run, in kopecks. */
	amount: number;
}

/** Groups consecutive equal payments: [2501, 2500, 2500, 2500] → [{1, 2501}, {3, 2500}]. */
export function groupPayments(payments: readonly number[]): SplitGroup[] {
	const groups: SplitGroup[] = [];
	for (const amount of payments) {
		const last = groups[groups.length - 1];
		if (last && last.amount === amount) {
			last.count += 1;
		} else {
			groups.push({ count: 1, amount });
		}
	}
	return groups;
}

/** Exact decimal string of kopecks in roubles: 250001 → "2500.01". */
function kopecksToDecimal(kopecks: number): string {
	const whole = Math.floor(kopecks / 100);
	const cents = kopecks - whole * 100;
	return `${whole}.${cents < 10 ? '0' : ''}${cents}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

function roubleFormatter(locale: string, fractionDigits: 0 | 2): Intl.NumberFormat {
	const key = `${locale}|${fractionDigits}`;
	let formatter = formatters.get(key);
	if (!formatter) {
		try {
			formatter = new Intl.NumberFormat(locale, {
				style: 'currency',
				currency: 'RUB',
				currencyDisplay: 'narrowSymbol',
				minimumFractionDigits: fractionDigits,
				maximumFractionDigits: fractionDigits,
			});
		} catch {
			// An invalid locale tag (e.g. a malformed <html lang>): Russian.
			formatter = roubleFormatter('ru-RU', fractionDigits);
		}
		formatters.set(key, formatter);
	}
	return formatter;
}

/**
 * Formats kopecks as roubles with Intl.NumberFormat(locale, RUB): the
 * locale's digits and separators, the rouble sign after the number as usual
 * for the rouble ("7 500 ₽" in ru-RU, "7,500 ₽" in en-US). Kopecks are shown
 * (2 digits) when `withKopecks`, else the amount is rounded to whole roubles
 * by Intl — callers pass `withKopecks` whenever any amount has kopecks.
 */
export function formatRoubles(kopecks: number, locale: string, withKopecks: boolean): string {
	const formatter = roubleFormatter(locale, withKopecks ? 2 : 0);
	// Intl.NumberFormat v3 formats decimal strings exactly (older engines
	// convert them to a Number, which is exact enough for two decimals).
	const parts = formatter.formatToParts(
		kopecksToDecimal(kopecks) as unknown as number
	);
	const number = parts
		.filter((p) => p.type !== 'currency' && p.type !== 'literal')
		.map((p) => p.value)
		.join('');
	return `${number}\u00a0₽`;
}

/** Whether any of the payments has kopecks (then all are shown with kopecks). */
export function hasKopecks(payments: readonly number[]): boolean {
	return payments.some((amount) => amount % 100 !== 0);
}
