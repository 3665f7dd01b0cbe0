/**
 * Amounts of the "pay in parts" lines, formatted exactly like the server
 * does (plugin/src/Frontend/SplitMessageMoney.php): the shop's separators and
 * price format, kopecks only when a payment has any, integer maths only.
 */

/** The shop's price format, printed by the server as `data-money`. */
export interface MoneyFormat {
	decimal: string;
	thousand: string;
	/** WooCommerce's price format: %1$s = symbol, %2$s = number. */
	format: string;
	symbol: string;
}

const FALLBACK: MoneyFormat = { decimal: ',', thousand: '\u00a0', format: '%2$s\u00a0%1$s', symbol: '₽' };

/** Reads `data-money`; a missing or broken value falls back to Russian formatting. */
export function toMoneyFormat(json: string | undefined): MoneyFormat {
	try {
		const data: unknown = JSON.parse(json ?? '');
		if (data && typeof data === 'object') {
			const d = data as Record<string, unknown>;
			if (['decimal', 'thousand', 'format', 'symbol'].every((k) => typeof d[k] === 'string')) {
				return d as unknown as MoneyFormat;
			}
		}
	} catch {
		// Broken attribute: the fallback below.
	}
	return FALLBACK;
}

/** Payments of `total` kopecks in `count` parts, the first carrying the remainder (as SplitPreview::parts). */
export function splitParts(total: number, count: number): number[] {
	const n = Math.max(1, count);
	const base = Math.floor(total / n);
	const parts = Array.from({ length: n }, () => base);
	parts[0] = base + (total - base * n);
	return parts;
}

export function hasKopecks(parts: readonly number[]): boolean {
	return parts.some((p) => p % 100 !== 0);
}

function groupThousands(digits: string, separator: string): string {
	return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

export function formatMoney(kopecks: number, money: MoneyFormat, withKopecks: boolean): string {
	const whole = groupThousands(String(Math.floor(kopecks / 100)), money.thousand);
	const cents = String(kopecks % 100).padStart(2, '0');
	const number = withKopecks ? `${whole}${money.decimal}${cents}` : whole;
	return money.format.replace('%1$s', money.symbol).replace('%2$s', number);
}
