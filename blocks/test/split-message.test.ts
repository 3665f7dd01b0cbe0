/**
 * The "pay in parts" script: updates server-rendered lines when a variation
 * is chosen or the Cart block's store changes (amounts, wording, hidden lines).
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { updateLines } from '../src/split-message/lines';
import { followCartStore, followVariations, storeTotalKopecks, variationKopecks, type DataRegistry, type JQueryLike } from '../src/split-message/live';
import { formatMoney, splitParts } from '../src/split-message/money';

const MONEY = JSON.stringify({ decimal: ',', thousand: '\u00a0', format: '%2$s\u00a0%1$s', symbol: '₽' });

/** A line as SplitMessageRenderer prints it (trimmed to what the script touches). */
function line(method: string, max: string, hidden: boolean): string {
	const amount = (slot: string) => `<span class="ru-payments-split-message__amount" data-amount="${slot}">250 ₽</span>`;
	return `<div class="ru-payments-split-message__line" data-method="${method}" data-parts="4" data-min="" data-max="${max}"${hidden ? ' hidden' : ''}>
		<span class="ru-payments-split-message__text"><span data-variant="equal">4 payments of ${amount('later')} with X</span><span data-variant="unequal" hidden>4 payments from ${amount('later')} with X</span></span>
		<details><summary>How it works</summary><ol>${[0, 1, 2, 3].map((i) => `<li>${amount(String(i))}</li>`).join('')}</ol></details></div>`;
}

function mount(live: string, total: number): HTMLElement {
	document.body.innerHTML = `<div class="ru-payments-split-message" data-live="${live}" data-total="${total}" data-money='${MONEY}'>${line('ru_payments_dolyame', '3000000', false)}${line('ru_payments_sber_bnpl', '', false)}</div>`;
	return document.querySelector<HTMLElement>('.ru-payments-split-message')!;
}

/** Visible text of each visible line (hidden elements and the popover left out). */
function visible(root: HTMLElement): string[] {
	return Array.from(root.querySelectorAll<HTMLElement>('.ru-payments-split-message__line:not([hidden])')).map((el) =>
		Array.from(el.querySelectorAll<HTMLElement>('[data-variant]:not([hidden])'))
			.map((v) => v.textContent!.replace(/\u00a0/g, ' '))
			.join('')
	);
}

function schedule(root: HTMLElement, method: string): string[] {
	return Array.from(root.querySelectorAll(`[data-method="${method}"] li [data-amount]`)).map((el) => el.textContent!.replace(/\u00a0/g, ' '));
}

describe('money', () => {
	it('splits with the first payment carrying the remainder, like the server', () => {
		expect(splitParts(249050, 4)).toEqual([62264, 62262, 62262, 62262]);
		expect(splitParts(100000, 4)).toEqual([25000, 25000, 25000, 25000]);
	});

	it('formats with the shop format, kopecks only when asked', () => {
		const money = { decimal: '.', thousand: ',', format: '%1$s%2$s', symbol: '₽' };
		expect(formatMoney(123456789, money, true)).toBe('₽1,234,567.89');
		expect(formatMoney(875000, money, false)).toBe('₽8,750');
		expect(formatMoney(5, money, true)).toBe('₽0.05');
	});
});

describe('updateLines', () => {
	let root: HTMLElement;
	beforeEach(() => {
		root = mount('variation', 100000);
	});

	it('shows unequal wording and exact amounts for 2 490,50 ₽', () => {
		expect(updateLines(root, 249050)).toBe(2);
		expect(visible(root)[0]).toBe('4 payments from 622,62 ₽ with X');
		expect(schedule(root, 'ru_payments_dolyame')).toEqual(['622,64 ₽', '622,62 ₽', '622,62 ₽', '622,62 ₽']);
	});

	it("hides the line above Dolyame's cap and shows it again below", () => {
		updateLines(root, 3500000);
		expect(visible(root)).toEqual(['4 payments of 8 750 ₽ with X']);
		updateLines(root, 3000000);
		expect(visible(root)).toEqual(['4 payments of 7 500 ₽ with X', '4 payments of 7 500 ₽ with X']);
	});

	it('hides everything for an unknown or empty amount', () => {
		expect(updateLines(root, null)).toBe(0);
		expect(updateLines(root, 0)).toBe(0);
		expect(visible(root)).toEqual([]);
	});
});

describe('variations', () => {
	it('follows found_variation and goes back to the rendered price on reset_data', () => {
		const root = mount('variation', 100000);
		const handlers: Record<string, (event: unknown, data?: unknown) => void> = {};
		const $: JQueryLike = () => ({ on: (events, _selector, handler) => (handlers[events] = handler) });
		followVariations([root], $);

		handlers.found_variation!({}, { display_price: 40000 });
		expect(visible(root)).toEqual(['4 payments of 10 000 ₽ with X']);
		handlers.reset_data!({});
		expect(visible(root)).toEqual(['4 payments of 250 ₽ with X', '4 payments of 250 ₽ with X']);
		expect(variationKopecks({ display_price: 2490.5 })).toBe(249050);
		expect(variationKopecks({})).toBeNull();
	});
});

describe('Cart block store', () => {
	function registry(initial: Record<string, unknown> | undefined) {
		let totals = initial;
		const listeners: Array<() => void> = [];
		const data: DataRegistry = {
			select: (store) => (store === 'wc/store/cart' ? { getCartTotals: () => totals } : undefined),
			subscribe: (listener) => listeners.push(listener),
		};
		return { data, set: (next: Record<string, unknown>) => { totals = next; listeners.forEach((l) => l()); } };
	}

	it('updates the lines when the cart total changes (a quantity change)', () => {
		const root = mount('cart-block', 100000);
		const store = registry({ total_price: '100000', currency_code: 'RUB', currency_minor_unit: 2 });
		followCartStore([root], store.data);
		expect(visible(root)).toHaveLength(2);

		store.set({ total_price: '3500000', currency_code: 'RUB', currency_minor_unit: 2 });
		expect(visible(root)).toEqual(['4 payments of 8 750 ₽ with X']);
		store.set({ total_price: '200000', currency_code: 'RUB', currency_minor_unit: 2 });
		expect(visible(root)).toEqual(['4 payments of 500 ₽ with X', '4 payments of 500 ₽ with X']);
	});

	it('keeps the server-rendered lines until the store has totals; hides them for another currency', () => {
		const root = mount('cart-block', 100000);
		const store = registry(undefined);
		followCartStore([root], store.data);
		expect(visible(root)).toHaveLength(2);

		store.set({ total_price: '1000', currency_code: 'USD', currency_minor_unit: 2 });
		expect(visible(root)).toEqual([]);
		expect(storeTotalKopecks(store.data)).toBeNull();
		expect(storeTotalKopecks(registry(undefined).data)).toBeUndefined();
	});
});
