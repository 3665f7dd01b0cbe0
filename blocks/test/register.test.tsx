import { cleanup, render, screen } from '@testing-library/react';
import type { PaymentMethodComponents } from '@woocommerce/blocks-registry';
import { cloneElement, type ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { registerRuPaymentMethod, registerRuPaymentMethods } from '../src/register';
import { registeredPaymentMethods, resetRegistry } from './doubles/blocks-registry';
import { resetSettings, setSettings } from './doubles/settings';
import { canMakePaymentArg, cartTotals } from './helpers/checkout';


beforeEach(() => {
	resetSettings();
	resetRegistry();
});

afterEach(() => {
	cleanup();
});

describe('registerRuPaymentMethod', () => {
	it('registers the method with name, aria label and supports from its settings', () => {
		setSettings({
			ru_payments_sbp_data: {
				title: 'СБП &amp; QR',
				description: 'Оплата через Систему быстрых платежей',
				min_total: 100,
				max_total: 3_000_000,
				supports: ['products', 'refunds'],
			},
		});
		const config = registerRuPaymentMethod('ru_payments_sbp');

		expect(registeredPaymentMethods).toHaveLength(1);
		expect(registeredPaymentMethods[0]).toBe(config);
		expect(config.name).toBe('ru_payments_sbp');
		expect(config.ariaLabel).toBe('СБП & QR');
		expect(config.supports).toEqual({ features: ['products', 'refunds'] });
	});

	it('canMakePayment applies the inclusive max of 30 000 ₽ to the cart total', () => {
		setSettings({ ru_payments_card_data: { title: 'Card', max_total: 3_000_000 } });
		const { canMakePayment } = registerRuPaymentMethod('ru_payments_card');

		expect(canMakePayment(canMakePaymentArg(cartTotals('2999900')))).toBe(true);
		expect(canMakePayment(canMakePaymentArg(cartTotals('3000000')))).toBe(true);
		expect(canMakePayment(canMakePaymentArg(cartTotals('3000100')))).toBe(false);
		// Currency with minor unit 0: 30 000 / 30 001 whole roubles.
		expect(canMakePayment(canMakePaymentArg(cartTotals('30000', 0)))).toBe(true);
		expect(canMakePayment(canMakePaymentArg(cartTotals('30001', 0)))).toBe(false);
	});

	it('canMakePayment applies min and reads limits given as strings', () => {
		setSettings({ ru_payments_card_data: { min_total: '1000', max_total: '' } });
		const { canMakePayment } = registerRuPaymentMethod('ru_payments_card');

		expect(canMakePayment(canMakePaymentArg(cartTotals('999')))).toBe(false);
		expect(canMakePayment(canMakePaymentArg(cartTotals('1000')))).toBe(true);
		expect(canMakePayment(canMakePaymentArg(cartTotals('999999999')))).toBe(true);
	});

	it('canMakePayment is true without limits and false for a malformed total', () => {
		setSettings({ ru_payments_card_data: { title: 'Card' } });
		const { canMakePayment } = registerRuPaymentMethod('ru_payments_card');

		expect(canMakePayment(canMakePaymentArg(cartTotals('0')))).toBe(true);
		expect(canMakePayment(canMakePaymentArg(cartTotals('12.34')))).toBe(false);
	});

	it('falls back to a translatable default title and the products feature', () => {
		const config = registerRuPaymentMethod('ru_payments_unknown');
		expect(config.ariaLabel).toBe('Online payment');
		expect(config.supports).toEqual({ features: ['products'] });
	});

	it('renders the label text alone when WooCommerce gives no components', () => {
		setSettings({ ru_payments_card_data: { title: 'Банковская карта' } });
		const { label } = registerRuPaymentMethod('ru_payments_card');
		render(label);
		expect(screen.getByText('Банковская карта')).toBeTruthy();
	});

	it('renders the label through PaymentMethodLabel and PaymentMethodIcons', () => {
		setSettings({
			ru_payments_card_data: {
				title: 'Банковская карта',
				icons: [{ id: 'mir', src: 'https://example.test/mir.svg', alt: 'Мир' }, 'https://example.test/visa.svg'],
			},
		});
		const { label } = registerRuPaymentMethod('ru_payments_card');
		const components: Pick<PaymentMethodComponents, 'PaymentMethodLabel' | 'PaymentMethodIcons'> = {
			PaymentMethodLabel: ({ text }) => <span data-testid="wc-label">{text}</span>,
			PaymentMethodIcons: ({ icons }) => (
				<span data-testid="wc-icons">{icons.map((i) => `${i.id}:${i.alt}`).join(',')}</span>
			),
		};
		// WooCommerce clones the label element with its components.
		render(cloneElement(label as ReactElement<{ components: unknown }>, { components }));

		expect(screen.getByTestId('wc-label').textContent).toBe('Банковская карта');
		expect(screen.getByTestId('wc-icons').textContent).toBe('mir:Мир,ru_payments_card-1:');
	});

	it('renders the description as content and edit', () => {
		setSettings({ ru_payments_sbp_data: { description: 'Оплата по QR-коду &laquo;СБП&raquo;' } });
		const { content, edit } = registerRuPaymentMethod('ru_payments_sbp');

		const { container } = render(content);
		expect(container.querySelector('.ru-payments-content--ru_payments_sbp')).not.toBeNull();
		expect(screen.getByText('Оплата по QR-коду «СБП»')).toBeTruthy();
		cleanup();

		render(edit);
		expect(screen.getByText('Оплата по QR-коду «СБП»')).toBeTruthy();
	});

	it('renders no content box when there is no description', () => {
		const { content } = registerRuPaymentMethod('ru_payments_card');
		const { container } = render(content);
		expect(container.innerHTML).toBe('');
	});
});

describe('registerRuPaymentMethods / index', () => {
	it('registers nothing when ru_payments_data is absent', () => {
		expect(registerRuPaymentMethods()).toEqual([]);
		expect(registeredPaymentMethods).toHaveLength(0);
	});

	it('registers each listed method, skipping non-string ids', () => {
		setSettings({
			ru_payments_data: { methods: ['ru_payments_card', 42, '', 'ru_payments_sbp'] },
		});
		const configs = registerRuPaymentMethods();
		expect(configs.map((c) => c.name)).toEqual(['ru_payments_card', 'ru_payments_sbp']);
		expect(registeredPaymentMethods.map((c) => c.name)).toEqual([
			'ru_payments_card',
			'ru_payments_sbp',
		]);
	});

	it('the entry module registers the methods on import', async () => {
		// Fresh module instances: index.ts registers at import time.
		vi.resetModules();
		const settings = await import('./doubles/settings');
		settings.setSettings({ ru_payments_data: { methods: ['ru_payments_card'] } });
		const registry = await import('./doubles/blocks-registry');
		await import('../src/index');
		expect(registry.registeredPaymentMethods.map((c) => c.name)).toEqual(['ru_payments_card']);
	});
});
