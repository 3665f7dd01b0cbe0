/**
 * The five gateways with the data the PHP integrations pass
 * (getSetting('<id>_data') and getSetting('ru_payments_data')).
 */
import { cleanup, render, screen } from '@testing-library/react';
import type { PaymentMethodConfiguration } from '@woocommerce/blocks-registry';
import { cloneElement, type ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { registerRuPaymentMethods } from '../src/register';
import { registeredPaymentMethods, resetRegistry } from './doubles/blocks-registry';
import { resetSettings, setSettings } from './doubles/settings';
import { RUB, atTotal, canMakePaymentArg, cartTotals, checkout } from './helpers/checkout';
import { plainSpaces, useEnglish, useRussian } from './helpers/locale';

const GATEWAYS = {
	ru_payments_individuals: {
		title: 'Оплата картой или СБП',
		description: 'Invoicebox: карта, СБП',
		min_total: 100,
		max_total: null,
		supports: ['products', 'refunds'],
		icons: [],
		split: null,
		legal_entity: false,
		test_mode: false,
	},
	ru_payments_legal: {
		title: 'Счёт для юрлиц и ИП',
		description: 'Счёт на оплату по реквизитам',
		min_total: null,
		max_total: null,
		supports: ['products'],
		icons: [],
		split: null,
		legal_entity: true,
		test_mode: true,
	},
	ru_payments_dolyame: {
		title: 'Долями',
		description: '',
		min_total: RUB(100),
		max_total: RUB(30_000),
		supports: ['products', 'refunds'],
		icons: [],
		split: { parts: 4 },
		legal_entity: false,
		test_mode: false,
	},
	ru_payments_sber_bnpl: {
		title: 'Плати частями',
		description: '',
		min_total: RUB(1_000),
		max_total: RUB(150_000),
		supports: ['products', 'refunds'],
		icons: [],
		split: { parts: 4 },
		legal_entity: false,
		test_mode: true,
	},
	ru_payments_paylate: {
		title: 'PayLate',
		description: '',
		min_total: RUB(3_000),
		max_total: RUB(200_000),
		supports: ['products'],
		icons: [],
		split: { parts: 6 },
		legal_entity: false,
		test_mode: false,
	},
} as const;

function registerAll(): Record<string, PaymentMethodConfiguration> {
	setSettings({
		ru_payments_data: { methods: Object.keys(GATEWAYS) },
		...Object.fromEntries(Object.entries(GATEWAYS).map(([id, data]) => [`${id}_data`, data])),
	});
	registerRuPaymentMethods();
	return Object.fromEntries(registeredPaymentMethods.map((c) => [c.name, c]));
}

beforeEach(() => {
	resetSettings();
	resetRegistry();
	useEnglish();
});

afterEach(() => {
	cleanup();
	useEnglish();
});

describe('the five gateways', () => {
	it('are registered once each, under their gateway ids', () => {
		const configs = registerAll();
		expect(registeredPaymentMethods.map((c) => c.name)).toEqual(Object.keys(GATEWAYS));
		expect(configs.ru_payments_dolyame!.ariaLabel).toBe('Долями');
		expect(configs.ru_payments_individuals!.supports).toEqual({ features: ['products', 'refunds'] });
	});

	it('Dolyame (max 30 000 ₽): 29 999 ₽ shown, 30 000 ₽ shown (inclusive), 30 001 ₽ hidden', () => {
		const { canMakePayment } = registerAll().ru_payments_dolyame!;
		expect(canMakePayment(atTotal(RUB(29_999)))).toBe(true);
		expect(canMakePayment(atTotal(RUB(30_000)))).toBe(true);
		expect(canMakePayment(atTotal(RUB(30_001)))).toBe(false);
		expect(canMakePayment(atTotal(RUB(30_000) + 1))).toBe(false);
		// the same amounts in a currency format without decimals
		expect(canMakePayment(canMakePaymentArg(cartTotals('30000', 0)))).toBe(true);
		expect(canMakePayment(canMakePaymentArg(cartTotals('30001', 0)))).toBe(false);
	});

	it('Dolyame (min 100 ₽): 99,99 ₽ hidden, 100 ₽ shown (inclusive)', () => {
		const { canMakePayment } = registerAll().ru_payments_dolyame!;
		expect(canMakePayment(atTotal(RUB(100) - 1))).toBe(false);
		expect(canMakePayment(atTotal(RUB(100)))).toBe(true);
	});

	it('re-evaluates on every total, as the checkout does when the cart changes', () => {
		const { canMakePayment } = registerAll().ru_payments_dolyame!;
		const seen = [RUB(29_999), RUB(30_001), RUB(30_000), RUB(99)].map((t) => canMakePayment(atTotal(t)));
		expect(seen).toEqual([true, false, true, false]);
	});

	it('methods without limits accept any total; each method applies its own limits', () => {
		const configs = registerAll();
		expect(configs.ru_payments_legal!.canMakePayment(atTotal(RUB(10_000_000)))).toBe(true);
		expect(configs.ru_payments_individuals!.canMakePayment(atTotal(99))).toBe(false);
		expect(configs.ru_payments_sber_bnpl!.canMakePayment(atTotal(RUB(150_000)))).toBe(true);
		expect(configs.ru_payments_sber_bnpl!.canMakePayment(atTotal(RUB(150_000) + 1))).toBe(false);
		expect(configs.ru_payments_paylate!.canMakePayment(atTotal(RUB(2_999)))).toBe(false);
	});

	it('canMakePayment reads only the cart totals', () => {
		const { canMakePayment } = registerAll().ru_payments_dolyame!;
		// Everything else empty or garbage: the answer depends on cartTotals alone.
		const arg = { cartTotals: cartTotals(String(RUB(29_999))) } as unknown as Parameters<
			typeof canMakePayment
		>[0];
		expect(canMakePayment(arg)).toBe(true);
	});

	it('shows the "Test mode" badge only for methods in test mode (en, ru)', () => {
		const configs = registerAll();
		render(configs.ru_payments_legal!.label);
		expect(screen.getByText('Test mode').className).toContain('ru-payments-badge--test');
		cleanup();

		render(configs.ru_payments_dolyame!.label);
		expect(screen.queryByText('Test mode')).toBeNull();
		cleanup();

		useRussian();
		render(configs.ru_payments_sber_bnpl!.label);
		expect(screen.getByText('Тестовый режим')).toBeTruthy();
		expect(screen.getByText('Плати частями')).toBeTruthy();
	});

	it('only BNPL methods show a split preview, only legal-entity methods a payer form', () => {
		const configs = registerAll();
		const { props } = checkout({ total: RUB(30_000) });
		const show = (id: string) =>
			render(cloneElement(configs[id]!.content as ReactElement<object>, props)).container;

		let container = show('ru_payments_individuals');
		expect(container.querySelector('.ru-payments-split')).toBeNull();
		expect(container.querySelector('fieldset')).toBeNull();
		cleanup();

		container = show('ru_payments_legal');
		expect(container.querySelector('.ru-payments-split')).toBeNull();
		expect(container.querySelector('fieldset.ru-payments-legal-entity')).not.toBeNull();
		cleanup();

		container = show('ru_payments_paylate');
		expect(plainSpaces(container.querySelector('.ru-payments-split')?.textContent)).toBe(
			'6 payments of 5,000 ₽'
		);
		expect(container.querySelector('fieldset')).toBeNull();
	});
});
