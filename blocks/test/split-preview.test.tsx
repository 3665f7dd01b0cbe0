import { cleanup, render } from '@testing-library/react';
import { cloneElement, type ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { splitPreviewText } from '../src/components/SplitPreview';
import { registerRuPaymentMethod } from '../src/register';
import { resetRegistry } from './doubles/blocks-registry';
import { resetSettings, setSettings } from './doubles/settings';
import { RUB, checkout, type CheckoutOptions } from './helpers/checkout';
import { plainSpaces, useEnglish, useRussian } from './helpers/locale';

const ID = 'ru_payments_dolyame';

function renderPreview(options: CheckoutOptions) {
	const { content } = registerRuPaymentMethod(ID);
	const { props } = checkout(options);
	const element = (total: CheckoutOptions) =>
		cloneElement(content as ReactElement<object>, checkout(total).props);
	const view = render(cloneElement(content as ReactElement<object>, props));
	const text = () => plainSpaces(view.container.querySelector('.ru-payments-split')?.textContent);
	return { ...view, text, update: (next: CheckoutOptions) => view.rerender(element(next)) };
}

beforeEach(() => {
	resetSettings();
	resetRegistry();
	useEnglish();
	setSettings({
		[`${ID}_data`]: {
			title: 'Долями',
			description: 'Оплата частями без переплат',
			max_total: RUB(30_000),
			split: { parts: 4 },
		},
	});
});

afterEach(() => {
	cleanup();
	useEnglish();
});

describe('split preview (English)', () => {
	it('shows 4 payments of 7,500 ₽ for 30 000 ₽, above the description', () => {
		const { text, container } = renderPreview({ total: RUB(30_000) });
		expect(text()).toBe('4 payments of 7,500 ₽');
		const paragraphs = [...container.querySelectorAll('p')].map((p) => p.className);
		expect(paragraphs).toEqual(['ru-payments-split', 'ru-payments-content__description']);
	});

	it('gives the first payment the remainder: 100,01 ₽ → 25.01 + 3 × 25.00', () => {
		const { text } = renderPreview({ total: 10_001 });
		expect(text()).toBe('4 payments: 25.01 ₽ + 3 × 25.00 ₽');
	});

	it('several first payments take a kopeck each when needed', () => {
		const { text } = renderPreview({ total: 10_003 });
		expect(text()).toBe('4 payments: 3 × 25.01 ₽ + 25.00 ₽');
	});

	it('follows the live cart total (props.billing.cartTotal)', () => {
		const { text, update } = renderPreview({ total: RUB(30_000) });
		expect(text()).toBe('4 payments of 7,500 ₽');
		update({ total: RUB(29_999) });
		expect(text()).toBe('4 payments of 7,499.75 ₽');
		update({ total: RUB(1_000) });
		expect(text()).toBe('4 payments of 250 ₽');
	});

	it('converts from the currency minor unit exactly', () => {
		const { text, update } = renderPreview({ total: 30_000, minorUnit: 0 });
		expect(text()).toBe('4 payments of 7,500 ₽');
		update({ total: 300_010, minorUnit: 1 }); // 30 001,0 ₽
		expect(text()).toBe('4 payments of 7,500.25 ₽');
	});

	it('shows nothing for another currency or an empty cart', () => {
		expect(renderPreview({ total: RUB(30_000), currencyCode: 'EUR' }).text()).toBe('');
		cleanup();
		expect(renderPreview({ total: 0 }).text()).toBe('');
	});

	it('uses the singular form where English needs it', () => {
		expect(plainSpaces(splitPreviewText(RUB(100), 1, 'en-US'))).toBe('1 payment of 100 ₽');
	});
});

describe('split preview (Russian)', () => {
	beforeEach(() => useRussian());

	it('«4 платежа по 7 500 ₽» for 30 000 ₽', () => {
		const { text } = renderPreview({ total: RUB(30_000) });
		expect(text()).toBe('4 платежа по 7 500 ₽');
	});

	it('«4 платежа: 25,01 ₽ + 3 × 25,00 ₽» for 100,01 ₽', () => {
		const { text } = renderPreview({ total: 10_001 });
		expect(text()).toBe('4 платежа: 25,01 ₽ + 3 × 25,00 ₽');
	});

	it('follows the live total in Russian too', () => {
		const { text, update } = renderPreview({ total: RUB(30_000) });
		update({ total: RUB(29_999) });
		expect(text()).toBe('4 платежа по 7 499,75 ₽');
	});

	it('uses the three Russian plural forms', () => {
		const text = (parts: number) => plainSpaces(splitPreviewText(RUB(2_100), parts));
		expect(text(2)).toBe('2 платежа по 1 050 ₽');
		expect(text(3)).toBe('3 платежа по 700 ₽');
		expect(text(5)).toBe('5 платежей по 420 ₽');
		expect(text(6)).toBe('6 платежей по 350 ₽');
		expect(text(21)).toBe('21 платёж по 100 ₽');
		expect(text(12)).toBe('12 платежей по 175 ₽');
	});
});
