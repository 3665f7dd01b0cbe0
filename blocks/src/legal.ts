/**
 * The payer details a legal-entity method (`legal_entity: true`) asks for:
 * validation with translated messages, and the `paymentMethodData` sent with
 * the order (read by the PHP gateway, checked again by the sidecar).
 */
import { __ } from '@wordpress/i18n';

import {
	checkInn,
	checkKpp,
	normaliseInn,
	normaliseKpp,
	type InnProblem,
	type KppProblem,
	type PayerType,
} from './inn';

export interface LegalEntityValues {
	payerType: PayerType;
	/** Organisation name, or the sole trader's full name. */
	company: string;
	inn: string;
	/** Organisations only; ignored for a sole trader (the field is hidden). */
	kpp: string;
	legalAddress: string;
}

export type LegalEntityField = 'company' | 'inn' | 'kpp' | 'legalAddress';

/** Order of the fields in the form (and of the first error reported). */
export const LEGAL_ENTITY_FIELDS: readonly LegalEntityField[] = [
	'company',
	'inn',
	'kpp',
	'legalAddress',
];

export type LegalEntityErrors = Partial<Record<LegalEntityField, string>>;

/** Same limits as the sidecar's payer schema. */
export const MAX_COMPANY_LENGTH = 255;
export const MAX_ADDRESS_LENGTH = 500;

export const EMPTY_LEGAL_ENTITY: LegalEntityValues = {
	payerType: 'organization',
	company: '',
	inn: '',
	kpp: '',
	legalAddress: '',
};

function innMessage(problem: InnProblem, type: PayerType): string {
	switch (problem) {
		case 'empty':
			return __('Enter the INN.', 'ru-payments-for-woocommerce');
		case 'format':
			return type === 'organization'
				? __("An organisation's INN has 10 digits.", 'ru-payments-for-woocommerce')
				: __("A sole trader's INN has 12 digits.", 'ru-payments-for-woocommerce');
		default:
			return __(
				'This INN is not valid: its check digit does not match. Check the number.',
				'ru-payments-for-woocommerce'
			);
	}
}

function kppMessage(problem: KppProblem): string {
	switch (problem) {
		case 'empty':
			return __('Enter the KPP.', 'ru-payments-for-woocommerce');
		case 'format':
			return __(
				'The KPP has 9 characters: 4 digits, 2 digits or capital Latin letters, 3 digits.',
				'ru-payments-for-woocommerce'
			);
		default:
			return __('A sole trader has no KPP.', 'ru-payments-for-woocommerce');
	}
}

/** The KPP that counts for `values`: none for a sole trader. */
function effectiveKpp(values: LegalEntityValues): string {
	return values.payerType === 'organization' ? normaliseKpp(values.kpp) : '';
}

/** Messages for the invalid fields; `{}` when everything is valid. */
export function validateLegalEntity(values: LegalEntityValues): LegalEntityErrors {
	const errors: LegalEntityErrors = {};
	const type = values.payerType;

	const company = values.company.trim();
	if (company === '') {
		errors.company =
			type === 'organization'
				? __('Enter the company name.', 'ru-payments-for-woocommerce')
				: __("Enter the sole trader's full name.", 'ru-payments-for-woocommerce');
	} else if (company.length > MAX_COMPANY_LENGTH) {
		errors.company = __('The name is too long.', 'ru-payments-for-woocommerce');
	}

	const innProblem = checkInn(normaliseInn(values.inn), type);
	if (innProblem) {
		errors.inn = innMessage(innProblem, type);
	}

	const kppProblem = checkKpp(effectiveKpp(values), type);
	if (kppProblem) {
		errors.kpp = kppMessage(kppProblem);
	}

	const address = values.legalAddress.trim();
	if (address === '') {
		errors.legalAddress = __('Enter the legal address.', 'ru-payments-for-woocommerce');
	} else if (address.length > MAX_ADDRESS_LENGTH) {
		errors.legalAddress = __('The address is too long.', 'ru-payments-for-woocommerce');
	}
	return errors;
}

/** The first message in form order, or null. */
export function firstError(errors: LegalEntityErrors): string | null {
	for (const field of LEGAL_ENTITY_FIELDS) {
		const message = errors[field];
		if (message) {
			return message;
		}
	}
	return null;
}

/** `paymentMethodData` of valid `values` (normalised; KPP '' for a sole trader). */
export function toPaymentMethodData(values: LegalEntityValues): Record<string, string> {
	return {
		ru_payments_payer_type: values.payerType,
		ru_payments_company: values.company.trim(),
		ru_payments_inn: normaliseInn(values.inn),
		ru_payments_kpp: effectiveKpp(values),
		ru_payments_legal_address: values.legalAddress.trim(),
	};
}
