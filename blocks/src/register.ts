import { createElement } from 'react';
import {
	registerPaymentMethod,
	type CanMakePaymentArgument,
	type PaymentMethodConfiguration,
} from '@woocommerce/blocks-registry';

import { Content } from './components/Content';
import { Label } from './components/Label';
import { cartTotalMinor, isWithinCartLimits } from './limits';
import { getMethodIds, getMethodSettings } from './settings';

/**
 * Builds the Checkout block configuration of gateway `id` from
 * `getSetting(id + '_data')`, registers it and returns it.
 */
export function registerRuPaymentMethod(id: string): PaymentMethodConfiguration {
	const settings = getMethodSettings(id);
	const contentProps = {
		id,
		description: settings.description,
		splitParts: settings.splitParts,
		legalEntity: settings.legalEntity,
	};

	const config: PaymentMethodConfiguration = {
		name: id,
		label: createElement(Label, {
			id,
			title: settings.title,
			icons: settings.icons,
			testMode: settings.testMode,
			splitParts: settings.splitParts,
		}),
		content: createElement(Content, contentProps),
		edit: createElement(Content, contentProps),
		// Only the cart totals are read here: availability by amount (inclusive
		// kopeck limits; WooCommerce calls this again whenever the totals
		// change). Everything else (currency, credentials, provider status) is
		// decided server-side; no secret ever reaches the browser.
		canMakePayment: ({ cartTotals }: CanMakePaymentArgument) => {
			const total = cartTotalMinor(cartTotals);
			if (total === null) {
				return false;
			}
			return isWithinCartLimits(total, settings.minTotal, settings.maxTotal);
		},
		ariaLabel: settings.title,
		supports: { features: settings.supports },
	};

	registerPaymentMethod(config);
	return config;
}

/** Registers every method listed in `getSetting('ru_payments_data').methods`. */
export function registerRuPaymentMethods(): PaymentMethodConfiguration[] {
	return getMethodIds().map((id) => registerRuPaymentMethod(id));
}
