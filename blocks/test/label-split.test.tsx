/**
 * The split under a BNPL method's title (the `label` element), for every
 * BNPL method, selected or not, from the live cart total of WooCommerce's
 * `wc/store/cart` store; and the content showing it only when the label can't.
 */
import { act, cleanup, render } from '@testing-library/react';
import type { PaymentMethodComponents } from '@woocommerce/blocks-registry';
import { cloneElement, type ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { registerRuPaymentMethod } from '../src/register';
import { resetRegistry } from './doubles/blocks-registry';
import { resetSettings, setSettings } from './doubles/settings';
import {
	listenerCount,
	registerStore,
	resetDataRegistry,
	setCartStoreTotals,
} from './doubles/wp-data';
import { RUB, cartTotals, checkout } from './helpers/checkout';
import { plainSpaces, useEnglish, useRussian } from './helpers/locale';

const DOLYAME = 'ru_payments_dolyame';
const PAYLATE = 'ru_payments_paylate';
const CARD = 'ru_payments_individuals';

const components: Pick<PaymentMethodComponents, 'PaymentMethodLabel' | 'PaymentMethodIcons'> = {
	PaymentMethodLabel: ({ text }) => <span className="wc-label">{text}</span>,
	PaymentMethodIcons: () => null,
};

/** The label as WooCommerce renders it: cloned with `components`. */
function renderLabel(id: string) {
	const { label } = registerRuPaymentMethod(id);
	const view = render(cloneElement(label as ReactElement<{ components: unknown }>, { components }));
	const split = () => view.container.querySelector('.ru-payments-split');
	const text = () => plainSpaces(split()?.textContent);
	return { ...view, split, text };
}

/** The store's totals for a total in kopecks (minor unit 2). */
const storeAt = (kopecks: number) => setCartStoreTotals(cartTotals(String(kopecks)));

beforeEach(() => {
	resetSettings();
	resetRegistry();
	resetDataRegistry();
	useRussian();
	setSettings({
		[`${DOLYAME}_data`]: {
			title: 'Долями',
			description: 'Оплата частями без переплат',
			max_total: RUB(30_000),
			split: { parts: 4 },
		},
		[`${PAYLATE}_data`]: { title: 'PayLate', split: { parts: 6 } },
		[`${CARD}_data`]: { title: 'Банковская карта', description: 'Карта или СБП' },
	});
});

afterEach(() => {
	cleanup();
	resetDataRegistry();
	useEnglish();
});

describe('split under the BNPL method title', () => {
	it('«4 платежа по 7 499,75 ₽» for 29 999 ₽, below the title', () => {
		storeAt(RUB(29_999));
		const { text, split, container } = renderLabel(DOLYAME);
		expect(text()).toBe('4 платежа по 7 499,75 ₽');
		const label = container.querySelector('.ru-payments-label--ru_payments_dolyame');
		expect(label?.firstElementChild?.className).toBe('wc-label');
		expect(label?.lastElementChild).toBe(split());
		expect(split()?.tagName).toBe('SPAN'); // inside the radio's <label>: phrasing content
		expect((split() as HTMLElement).style.display).toBe('block');
		expect(split()?.classList.contains('ru-payments-split--label')).toBe(true);
	});

	it('in English: "4 payments of 7,499.75 ₽"', () => {
		useEnglish();
		storeAt(RUB(29_999));
		expect(renderLabel(DOLYAME).text()).toBe('4 payments of 7,499.75 ₽');
	});

	it('follows the store when its totals change', () => {
		storeAt(RUB(29_999));
		const { text } = renderLabel(DOLYAME);
		expect(text()).toBe('4 платежа по 7 499,75 ₽');
		act(() => storeAt(RUB(30_000)));
		expect(text()).toBe('4 платежа по 7 500 ₽');
		act(() => storeAt(10_001));
		expect(text()).toBe('4 платежа: 25,01 ₽ + 3 × 25,00 ₽');
		act(() => setCartStoreTotals(null));
		expect(text()).toBe('');
		act(() => storeAt(RUB(1_000)));
		expect(text()).toBe('4 платежа по 250 ₽');
	});

	it('uses the method’s own number of payments (PayLate: 6), kopecks exact', () => {
		storeAt(RUB(29_999));
		expect(renderLabel(PAYLATE).text()).toBe('6 платежей: 2 × 4 999,84 ₽ + 4 × 4 999,83 ₽');
	});

	it('converts the store total from its currency minor unit exactly', () => {
		setCartStoreTotals(cartTotals('29999', 0));
		const { text } = renderLabel(DOLYAME);
		expect(text()).toBe('4 платежа по 7 499,75 ₽');
		act(() => setCartStoreTotals(cartTotals('299990001', 4))); // 29 999,0001 → 29 999,00
		expect(text()).toBe('4 платежа по 7 499,75 ₽');
	});

	it('renders nothing without the cart store (the editor, an older WooCommerce)', () => {
		const { split, container } = renderLabel(DOLYAME);
		expect(split()).toBeNull();
		expect(plainSpaces(container.textContent)).toBe('Долями');
	});

	it('renders nothing when the store has no usable totals', () => {
		registerStore('wc/store/cart', {});
		expect(renderLabel(DOLYAME).split()).toBeNull();
		cleanup();
		registerStore('wc/store/cart', { getCartTotals: () => undefined });
		expect(renderLabel(DOLYAME).split()).toBeNull();
		cleanup();
		registerStore('wc/store/cart', {
			getCartTotals: () => {
				throw new Error('not resolved');
			},
		});
		expect(renderLabel(DOLYAME).split()).toBeNull();
		cleanup();
		setCartStoreTotals({ ...cartTotals(String(RUB(30_000))), currency_code: 'EUR' });
		expect(renderLabel(DOLYAME).split()).toBeNull();
		cleanup();
		storeAt(0); // empty cart
		expect(renderLabel(DOLYAME).split()).toBeNull();
		cleanup();
		setCartStoreTotals({ ...cartTotals('abc') });
		expect(renderLabel(DOLYAME).split()).toBeNull();
	});

	it('is not shown for a method without split, which does not watch the store', () => {
		storeAt(RUB(29_999));
		const { split, unmount } = renderLabel(CARD);
		expect(split()).toBeNull();
		expect(listenerCount()).toBe(0);
		unmount();
	});

	it('unsubscribes from the store when unmounted', () => {
		storeAt(RUB(29_999));
		const { unmount } = renderLabel(DOLYAME);
		expect(listenerCount()).toBeGreaterThan(0);
		unmount();
		expect(listenerCount()).toBe(0);
	});
});

describe('the selected BNPL method shows the split once', () => {
	/** Label and content of the selected method, as the Checkout block renders them. */
	function renderSelected(id: string, totalKopecks: number) {
		const { label, content } = registerRuPaymentMethod(id);
		const view = render(
			<div>
				{cloneElement(label as ReactElement<{ components: unknown }>, { components })}
				{cloneElement(content as ReactElement<object>, checkout({ total: totalKopecks }).props)}
			</div>
		);
		const splits = () =>
			[...view.container.querySelectorAll('.ru-payments-split')].map((el) => ({
				inLabel: el.closest('.ru-payments-label') !== null,
				text: plainSpaces(el.textContent),
			}));
		return { ...view, splits };
	}

	it('in the label only when the store has the total; the content keeps the description', () => {
		storeAt(RUB(29_999));
		const { splits, container } = renderSelected(DOLYAME, RUB(29_999));
		expect(splits()).toEqual([{ inLabel: true, text: '4 платежа по 7 499,75 ₽' }]);
		expect(container.querySelector('.ru-payments-content__description')?.textContent).toBe(
			'Оплата частями без переплат'
		);
	});

	it('in the content (from the props) when there is no store', () => {
		const { splits } = renderSelected(DOLYAME, RUB(29_999));
		expect(splits()).toEqual([{ inLabel: false, text: '4 платежа по 7 499,75 ₽' }]);
	});

	it('moves from the content to the label when the store gets a total', () => {
		registerStore('wc/store/cart', { getCartTotals: () => undefined });
		const { splits } = renderSelected(DOLYAME, RUB(30_000));
		expect(splits()).toEqual([{ inLabel: false, text: '4 платежа по 7 500 ₽' }]);
		act(() => storeAt(RUB(30_000)));
		expect(splits()).toEqual([{ inLabel: true, text: '4 платежа по 7 500 ₽' }]);
	});

	it('renders no content at all for a BNPL method without description when the label shows the split', () => {
		setSettings({ [`${PAYLATE}_data`]: { title: 'PayLate', split: { parts: 6 } } });
		storeAt(RUB(6_000));
		const { splits, container } = renderSelected(PAYLATE, RUB(6_000));
		expect(splits()).toEqual([{ inLabel: true, text: '6 платежей по 1 000 ₽' }]);
		expect(container.querySelector('.ru-payments-content')).toBeNull();
	});
});
