import type { EmitResponse, EventRegistration } from '@woocommerce/blocks-registry';
import { __, sprintf } from '@wordpress/i18n';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';

import { PAYER_TYPES, type PayerType } from '../inn';
import {
	EMPTY_LEGAL_ENTITY,
	MAX_ADDRESS_LENGTH,
	MAX_COMPANY_LENGTH,
	firstError,
	toPaymentMethodData,
	validateLegalEntity,
	type LegalEntityField,
	type LegalEntityValues,
} from '../legal';

interface TextFieldProps {
	id: string;
	label: string;
	value: string;
	error: string | undefined;
	onChange: (value: string) => void;
	onBlur: () => void;
	maxLength: number;
	autoComplete: string;
	inputMode?: 'text' | 'numeric';
	autoCapitalize?: string;
}

/**
 * A text input in WooCommerce's markup (`wc-block-components-text-input`:
 * input, then its floating label; `is-active` lifts the label), with its
 * error message right under it, tied to the input by aria-describedby.
 */
function TextField({
	id,
	label,
	value,
	error,
	onChange,
	onBlur,
	maxLength,
	autoComplete,
	inputMode,
	autoCapitalize,
}: TextFieldProps) {
	const [focused, setFocused] = useState(false);
	const errorId = `${id}-error`;
	const classes = ['wc-block-components-text-input', 'ru-payments-field'];
	if (focused || value !== '') {
		classes.push('is-active');
	}
	if (error) {
		classes.push('has-error');
	}
	return (
		<div className={classes.join(' ')}>
			<input
				id={id}
				type="text"
				value={value}
				maxLength={maxLength}
				autoComplete={autoComplete}
				inputMode={inputMode}
				autoCapitalize={autoCapitalize}
				spellCheck={false}
				aria-invalid={error ? true : undefined}
				aria-describedby={error ? errorId : undefined}
				onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
				onFocus={() => setFocused(true)}
				onBlur={() => {
					setFocused(false);
					onBlur();
				}}
			/>
			<label htmlFor={id}>{label}</label>
			{error ? (
				<div className="wc-block-components-validation-error" role="alert">
					<p id={errorId}>{error}</p>
				</div>
			) : null}
		</div>
	);
}

export interface LegalEntityFormProps {
	/** Payment method id, prefixes the element ids. */
	id: string;
	/** Pre-fills the name (the checkout's billing company). */
	initialCompany?: string;
	eventRegistration?: Pick<EventRegistration, 'onPaymentSetup'>;
	emitResponse?: EmitResponse;
}

const NO_TOUCHED: Partial<Record<LegalEntityField, boolean>> = {};

/**
 * Payer details for invoicing (organisation or sole trader), checked in the
 * browser; `onPaymentSetup` stops the order with an error while any field is
 * invalid and otherwise hands the details over as `paymentMethodData`.
 */
export function LegalEntityForm({
	id,
	initialCompany = '',
	eventRegistration,
	emitResponse,
}: LegalEntityFormProps) {
	const [values, setValues] = useState<LegalEntityValues>(() => ({
		...EMPTY_LEGAL_ENTITY,
		company: initialCompany,
	}));
	// A field's message shows once it was left, or after an order attempt.
	const [touched, setTouched] = useState(NO_TOUCHED);
	const [submitted, setSubmitted] = useState(false);

	const errors = validateLegalEntity(values);
	const shown = (field: LegalEntityField) =>
		submitted || touched[field] ? errors[field] : undefined;

	const valuesRef = useRef(values);
	valuesRef.current = values;

	const onPaymentSetup = eventRegistration?.onPaymentSetup;
	useEffect(() => {
		if (!onPaymentSetup || !emitResponse) {
			return undefined;
		}
		return onPaymentSetup(() => {
			const current = valuesRef.current;
			const message = firstError(validateLegalEntity(current));
			if (message !== null) {
				setSubmitted(true);
				return {
					type: emitResponse.responseTypes.ERROR,
					message: sprintf(
						/* translators: %s: what is wrong, e.g. "Enter the KPP." */
						__('Check the payer details: %s', 'ru-payments-for-woocommerce'),
						message
					),
					messageContext: emitResponse.noticeContexts.PAYMENTS,
				};
			}
			return {
				type: emitResponse.responseTypes.SUCCESS,
				meta: { paymentMethodData: toPaymentMethodData(current) },
			};
		});
	}, [onPaymentSetup, emitResponse]);

	const set = (field: keyof LegalEntityValues) => (value: string) =>
		setValues((previous) => ({ ...previous, [field]: value }));
	const touch = (field: LegalEntityField) => () =>
		setTouched((previous) => (previous[field] ? previous : { ...previous, [field]: true }));

	const fieldId = (field: string) => `ru-payments-${id}-${field}`;
	const isOrganization = values.payerType === 'organization';
	const typeLabels: Record<PayerType, string> = {
		organization: __('Organisation', 'ru-payments-for-woocommerce'),
		entrepreneur: __('Sole trader (IP)', 'ru-payments-for-woocommerce'),
	};

	return (
		<fieldset className="ru-payments-legal-entity">
			<legend className="ru-payments-legal-entity__legend">
				{__('Payer details for the invoice', 'ru-payments-for-woocommerce')}
			</legend>
			<div
				className="wc-block-components-radio-control ru-payments-legal-entity__type"
				role="radiogroup"
				aria-label={__('Payer', 'ru-payments-for-woocommerce')}
			>
				{PAYER_TYPES.map((type) => (
					<label
						key={type}
						className="wc-block-components-radio-control__option"
						htmlFor={fieldId(`type-${type}`)}
					>
						<input
							id={fieldId(`type-${type}`)}
							className="wc-block-components-radio-control__input"
							type="radio"
							name={fieldId('type')}
							value={type}
							checked={values.payerType === type}
							onChange={() => set('payerType')(type)}
						/>
						<span className="wc-block-components-radio-control__label">
							{typeLabels[type]}
						</span>
					</label>
				))}
			</div>
			<TextField
				id={fieldId('company')}
				label={
					isOrganization
						? __('Company name', 'ru-payments-for-woocommerce')
						: __("Sole trader's full name", 'ru-payments-for-woocommerce')
				}
				value={values.company}
				error={shown('company')}
				onChange={set('company')}
				onBlur={touch('company')}
				maxLength={MAX_COMPANY_LENGTH}
				autoComplete={isOrganization ? 'organization' : 'name'}
			/>
			<TextField
				id={fieldId('inn')}
				label={__('INN', 'ru-payments-for-woocommerce')}
				value={values.inn}
				error={shown('inn')}
				onChange={set('inn')}
				onBlur={touch('inn')}
				maxLength={16}
				autoComplete="off"
				inputMode="numeric"
			/>
			{isOrganization ? (
				<TextField
					id={fieldId('kpp')}
					label={__('KPP', 'ru-payments-for-woocommerce')}
					value={values.kpp}
					error={shown('kpp')}
					onChange={set('kpp')}
					onBlur={touch('kpp')}
					maxLength={12}
					autoComplete="off"
					autoCapitalize="characters"
				/>
			) : null}
			<TextField
				id={fieldId('legal-address')}
				label={__('Legal address', 'ru-payments-for-woocommerce')}
				value={values.legalAddress}
				error={shown('legalAddress')}
				onChange={set('legalAddress')}
				onBlur={touch('legalAddress')}
				maxLength={MAX_ADDRESS_LENGTH}
				autoComplete="off"
			/>
		</fieldset>
	);
}
