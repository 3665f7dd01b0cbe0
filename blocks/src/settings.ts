import { getSetting } from '@woocommerce/settings';
import type { PaymentMethodIcon } from '@woocommerce/blocks-registry';
import { decodeEntities } from '@wordpress/html-entities';
import { __ } from '@wordpress/i18n';

import { toMinorLimit } from './limits';
import { toSplitParts } from './split';

/**
 * Raw data one gateway puts into `wcSettings` as `<id>_data` (PHP:
 * `AbstractPaymentMethodType::get_payment_method_data()`).
 */
export interface RuPaymentMethodData {
	title?: string;
	description?: string;
	/** Minimum cart total in kopecks, inclusive; null/absent = no minimum. */
	min_total?: number | string | null;
	/** Maximum cart total in kopecks, inclusive; null/absent = no maximum. */
	max_total?: number | string | null;
	/** Gateway `supports` features, e.g. ['products', 'refunds']. */
	supports?: string[];
	/** Icons as {id, src, alt} objects or bare URLs. */
	icons?: Array<PaymentMethodIcon | string>;
	/** BNPL methods: `{"parts": 4}`; others: null. */
	split?: { parts?: number | string } | null;
	/** Whether the method asks for the payer's company details (invoices). */
	legal_entity?: boolean | string | number;
	/** Whether the method runs against the provider's simulator. */
	test_mode?: boolean | string | number;
}

/** Data shared by all our methods: `ru_payments_data`. */
export interface RuPaymentsData {
	/** Ids (gateway ids = block payment method names) to register. */
	methods?: string[];
}

/** Normalised settings of one payment method. */
export interface RuPaymentMethodSettings {
	id: string;
	title: string;
	description: string;
	minTotal: number | null;
	maxTotal: number | null;
	supports: string[];
	icons: PaymentMethodIcon[];
	/** Number of payments of a BNPL method, or null (not split). */
	splitParts: number | null;
	legalEntity: boolean;
	testMode: boolean;
}

function normaliseIcons(id: string, icons: unknown): PaymentMethodIcon[] {
	if (!Array.isArray(icons)) {
		return [];
	}
	const out: PaymentMethodIcon[] = [];
	icons.forEach((icon: unknown, index: number) => {
		if (typeof icon === 'string' && icon !== '') {
			out.push({ id: `${id}-${index}`, src: icon, alt: '' });
		} else if (icon && typeof icon === 'object') {
			const { id: iconId, src, alt } = icon as Partial<PaymentMethodIcon>;
			if (typeof src === 'string' && src !== '') {
				out.push({
					id: typeof iconId === 'string' && iconId !== '' ? iconId : `${id}-${index}`,
					src,
					alt: typeof alt === 'string' ? decodeEntities(alt) : '',
				});
			}
		}
	});
	return out;
}

/** PHP booleans, tolerating WooCommerce's 'yes'/'no' option strings and 1/0. */
function toFlag(value: unknown): boolean {
	return value === true || value === 1 || value === '1' || value === 'yes';
}

/** Reads and normalises `getSetting(id + '_data')`. */
export function getMethodSettings(id: string): RuPaymentMethodSettings {
	const data = getSetting<RuPaymentMethodData | null>(`${id}_data`, null) ?? {};
	const title =
		typeof data.title === 'string' && data.title.trim() !== ''
			? decodeEntities(data.title)
			: __('Online payment', 'ru-payments-for-woocommerce');
	return {
		id,
		title,
		description:
			typeof data.description === 'string' ? decodeEntities(data.description) : '',
		minTotal: toMinorLimit(data.min_total),
		maxTotal: toMinorLimit(data.max_total),
		supports: Array.isArray(data.supports)
			? data.supports.filter((f): f is string => typeof f === 'string')
			: ['products'],
		icons: normaliseIcons(id, data.icons),
		splitParts: toSplitParts(data.split),
		legalEntity: toFlag(data.legal_entity),
		testMode: toFlag(data.test_mode),
	};
}

/** Ids listed in `getSetting('ru_payments_data').methods`. */
export function getMethodIds(): string[] {
	const data = getSetting<RuPaymentsData | null>('ru_payments_data', null);
	const methods = data?.methods;
	if (!Array.isArray(methods)) {
		return [];
	}
	return methods.filter((m): m is string => typeof m === 'string' && m !== '');
}
