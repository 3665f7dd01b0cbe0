/**
 * Updates server-rendered "pay in parts" lines for a new amount: swaps the
 * amounts, shows the equal / unequal wording and hides a line outside its
 * method's limits. Builds no markup and needs no translations.
 */
import { isWithinCartLimits, toMinorLimit } from '../limits';
import { formatMoney, hasKopecks, splitParts, toMoneyFormat } from './money';

export const ROOT_SELECTOR = '.ru-payments-split-message';
const LINE_SELECTOR = '.ru-payments-split-message__line';

/** Shows `el` or hides it, touching the DOM only on a change. */
function setHidden(el: Element, hidden: boolean): void {
	if (el.hasAttribute('hidden') !== hidden) {
		el.toggleAttribute('hidden', hidden);
	}
}

function setText(el: Element, text: string): void {
	if (el.textContent !== text) {
		el.textContent = text;
	}
}

/**
 * `total` in kopecks; `null` (unknown, not roubles) hides every line. Returns
 * how many lines are visible.
 */
export function updateLines(root: HTMLElement, total: number | null): number {
	const money = toMoneyFormat(root.dataset.money);
	let visible = 0;
	for (const line of Array.from(root.querySelectorAll<HTMLElement>(LINE_SELECTOR))) {
		const count = Number(line.dataset.parts);
		const allowed =
			total !== null &&
			total > 0 &&
			Number.isInteger(count) &&
			count >= 2 &&
			isWithinCartLimits(total, toMinorLimit(line.dataset.min), toMinorLimit(line.dataset.max));
		setHidden(line, !allowed);
		if (!allowed || total === null) {
			continue;
		}
		visible += 1;
		const parts = splitParts(total, count);
		const withKopecks = hasKopecks(parts);
		const equal = parts[0] === parts[count - 1];
		for (const variant of Array.from(line.querySelectorAll('[data-variant]'))) {
			setHidden(variant, (variant.getAttribute('data-variant') === 'equal') !== equal);
		}
		for (const slot of Array.from(line.querySelectorAll('[data-amount]'))) {
			const key = slot.getAttribute('data-amount');
			const amount = key === 'later' ? parts[count - 1] : parts[Number(key)];
			if (amount !== undefined) {
				setText(slot, formatMoney(amount, money, withKopecks));
			}
		}
	}
	return visible;
}

/** The amount the server rendered with (`data-total`), or null. */
export function initialTotal(root: HTMLElement): number | null {
	return toMinorLimit(root.dataset.total);
}
