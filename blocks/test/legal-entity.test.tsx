import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { cloneElement, type ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { validateLegalEntity, toPaymentMethodData } from '../src/legal';
import { registerRuPaymentMethod } from '../src/register';
import { resetRegistry } from './doubles/blocks-registry';
import { resetSettings, setSettings } from './doubles/settings';
import { RUB, checkout } from './helpers/checkout';
import { useEnglish, useRussian } from './helpers/locale';

const ID = 'ru_payments_legal';

function renderForm(company = '') {
	const { content } = registerRuPaymentMethod(ID);
	const double = checkout({ total: RUB(50_000), company });
	const view = render(cloneElement(content as ReactElement<object>, double.props));
	return { ...view, ...double };
}

function type(label: string, value: string) {
	const input = screen.getByLabelText(label);
	fireEvent.change(input, { target: { value } });
	fireEvent.blur(input);
	return input;
}

/** The message shown next to the field labelled `label` ('' if none). */
function errorOf(label: string): string {
	const input = screen.getByLabelText(label);
	const box = input.closest('.wc-block-components-text-input');
	const message = box?.querySelector('.wc-block-components-validation-error [id]');
	if (!message) {
		expect(input.getAttribute('aria-invalid')).toBeNull();
		return '';
	}
	// tied to the input for screen readers
	expect(input.getAttribute('aria-describedby')).toBe(message.id);
	expect(input.getAttribute('aria-invalid')).toBe('true');
	expect(box?.classList.contains('has-error')).toBe(true);
	return message.textContent ?? '';
}

async function placeOrder(emit: () => Promise<unknown[]>) {
	let results: unknown[] = [];
	await act(async () => {
		results = await emit();
	});
	expect(results).toHaveLength(1);
	return results[0];
}

beforeEach(() => {
	resetSettings();
	resetRegistry();
	useEnglish();
	setSettings({
		[`${ID}_data`]: {
			title: 'Счёт для юрлиц и ИП',
			description: 'Счёт на оплату по реквизитам',
			legal_entity: true,
			test_mode: false,
		},
	});
});

afterEach(() => {
	cleanup();
	useEnglish();
});

describe('legal-entity form (English)', () => {
	it('asks an organisation for name, INN, KPP and legal address; pre-fills the billing company', () => {
		renderForm('ООО «Ромашка»');
		expect((screen.getByLabelText('Organisation') as HTMLInputElement).checked).toBe(true);
		expect((screen.getByLabelText('Company name') as HTMLInputElement).value).toBe('ООО «Ромашка»');
		for (const label of ['INN', 'KPP', 'Legal address']) {
			const input = screen.getByLabelText(label);
			expect(input.tagName).toBe('INPUT');
			expect(input.closest('.wc-block-components-text-input')).not.toBeNull();
		}
		// no messages before the shopper has touched anything
		expect(document.querySelectorAll('.wc-block-components-validation-error')).toHaveLength(0);
	});

	it('shows a clear message next to a bad INN and none for a valid one', () => {
		renderForm();
		type('INN', '7707083894');
		expect(errorOf('INN')).toBe('This INN is not valid: its check digit does not match. Check the number.');
		type('INN', '770708389');
		expect(errorOf('INN')).toBe("An organisation's INN has 10 digits.");
		type('INN', '7707083893');
		expect(errorOf('INN')).toBe('');
		type('INN', '7707 083 893');
		expect(errorOf('INN')).toBe('');
	});

	it('checks the KPP of an organisation', () => {
		renderForm();
		type('KPP', '');
		expect(errorOf('KPP')).toBe('Enter the KPP.');
		type('KPP', '7736010');
		expect(errorOf('KPP')).toBe(
			'The KPP has 9 characters: 4 digits, 2 digits or capital Latin letters, 3 digits.'
		);
		type('KPP', '773601001');
		expect(errorOf('KPP')).toBe('');
		type('KPP', '7736ab001'); // upper-cased before checking
		expect(errorOf('KPP')).toBe('');
	});

	it('a sole trader (ИП) has a 12-digit INN and no KPP field', () => {
		renderForm();
		fireEvent.click(screen.getByLabelText('Sole trader (IP)'));
		expect(screen.queryByLabelText('KPP')).toBeNull();
		expect(screen.getByLabelText("Sole trader's full name")).toBeTruthy();
		type('INN', '7707083893');
		expect(errorOf('INN')).toBe("A sole trader's INN has 12 digits.");
		type('INN', '500100732258');
		expect(errorOf('INN')).toBe('This INN is not valid: its check digit does not match. Check the number.');
		type('INN', '500100732259');
		expect(errorOf('INN')).toBe('');
	});

	it('onPaymentSetup: ERROR while anything is invalid (the order is not sent), all messages shown', async () => {
		const { emitPaymentSetup, observers } = renderForm();
		expect(observers).toHaveLength(1);
		type('Company name', 'ООО «Ромашка»');
		type('INN', '7707083894');

		const result = await placeOrder(emitPaymentSetup);
		expect(result).toEqual({
			type: 'error',
			message:
				'Check the payer details: This INN is not valid: its check digit does not match. Check the number.',
			messageContext: 'wc/payment-area',
		});
		expect(errorOf('INN')).toContain('not valid');
		expect(errorOf('KPP')).toBe('Enter the KPP.');
		expect(errorOf('Legal address')).toBe('Enter the legal address.');
		expect(errorOf('Company name')).toBe('');
	});

	it('onPaymentSetup: SUCCESS with the paymentMethodData of an organisation', async () => {
		const { emitPaymentSetup } = renderForm();
		type('Company name', '  ООО «Ромашка» ');
		type('INN', '7707083893');
		type('KPP', '773601001');
		type('Legal address', '117997, г. Москва, ул. Вавилова, д. 19');

		expect(await placeOrder(emitPaymentSetup)).toEqual({
			type: 'success',
			meta: {
				paymentMethodData: {
					ru_payments_payer_type: 'organization',
					ru_payments_company: 'ООО «Ромашка»',
					ru_payments_inn: '7707083893',
					ru_payments_kpp: '773601001',
					ru_payments_legal_address: '117997, г. Москва, ул. Вавилова, д. 19',
				},
			},
		});
	});

	it('onPaymentSetup: SUCCESS for a sole trader without KPP (even one typed before switching)', async () => {
		const { emitPaymentSetup } = renderForm();
		type('KPP', 'garbage');
		fireEvent.click(screen.getByLabelText('Sole trader (IP)'));
		type("Sole trader's full name", 'ИП Иванов Иван Иванович');
		type('INN', '500100732259');
		type('Legal address', 'г. Москва');

		expect(await placeOrder(emitPaymentSetup)).toEqual({
			type: 'success',
			meta: {
				paymentMethodData: {
					ru_payments_payer_type: 'entrepreneur',
					ru_payments_company: 'ИП Иванов Иван Иванович',
					ru_payments_inn: '500100732259',
					ru_payments_kpp: '',
					ru_payments_legal_address: 'г. Москва',
				},
			},
		});
	});

	it('unsubscribes from onPaymentSetup when the method is deselected (unmounted)', () => {
		const { observers, unmount } = renderForm();
		expect(observers).toHaveLength(1);
		unmount();
		expect(observers).toHaveLength(0);
	});
});

describe('legal-entity form (Russian)', () => {
	beforeEach(() => useRussian());

	it('labels and messages are in Russian', async () => {
		const { emitPaymentSetup } = renderForm();
		expect(screen.getByText('Реквизиты плательщика для счёта')).toBeTruthy();
		expect(screen.getByLabelText('Организация')).toBeTruthy();
		expect(screen.getByLabelText('Индивидуальный предприниматель (ИП)')).toBeTruthy();
		type('Название организации', 'ООО «Ромашка»');
		type('ИНН', '7707083894');
		expect(errorOf('ИНН')).toBe('Неверный ИНН: не сходится контрольная цифра. Проверьте номер.');
		type('КПП', '7736');
		expect(errorOf('КПП')).toBe(
			'КПП состоит из 9 знаков: 4 цифры, затем 2 цифры или заглавные латинские буквы, затем 3 цифры.'
		);

		const result = await placeOrder(emitPaymentSetup);
		expect(result).toMatchObject({
			type: 'error',
			message: 'Проверьте реквизиты плательщика: Неверный ИНН: не сходится контрольная цифра. Проверьте номер.',
		});
		expect(errorOf('Юридический адрес')).toBe('Укажите юридический адрес.');

		type('ИНН', '7707083893');
		type('КПП', '773601001');
		type('Юридический адрес', 'г. Москва');
		expect(await placeOrder(emitPaymentSetup)).toMatchObject({ type: 'success' });
	});

	it('ИП: 12 digits expected, in Russian', () => {
		renderForm();
		fireEvent.click(screen.getByLabelText('Индивидуальный предприниматель (ИП)'));
		type('ИНН', '7707083893');
		expect(errorOf('ИНН')).toBe('ИНН индивидуального предпринимателя состоит из 12 цифр.');
		type('ФИО индивидуального предпринимателя', '');
		expect(errorOf('ФИО индивидуального предпринимателя')).toBe(
			'Укажите ФИО индивидуального предпринимателя.'
		);
	});
});

describe('validateLegalEntity / toPaymentMethodData', () => {
	const valid = {
		payerType: 'organization' as const,
		company: 'ООО «Ромашка»',
		inn: '7707083893',
		kpp: '773601001',
		legalAddress: 'г. Москва',
	};

	it('accepts valid details and normalises them', () => {
		expect(validateLegalEntity(valid)).toEqual({});
		expect(toPaymentMethodData({ ...valid, inn: ' 7707 083893', kpp: '7736ab001' })).toMatchObject({
			ru_payments_inn: '7707083893',
			ru_payments_kpp: '7736AB001',
		});
	});

	it('names every invalid field', () => {
		expect(
			Object.keys(validateLegalEntity({ ...valid, company: ' ', inn: '1', kpp: '', legalAddress: '' }))
		).toEqual(['company', 'inn', 'kpp', 'legalAddress']);
		expect(Object.keys(validateLegalEntity({ ...valid, company: 'x'.repeat(256) }))).toEqual(['company']);
	});
});
