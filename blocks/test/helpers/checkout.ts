/**
 * What the Checkout block hands our payment methods, as test data: Store API
 * cart totals for `canMakePayment`, and the props (billing, eventRegistration,
 * emitResponse, …) WooCommerce clones into the `content` element.
 */
import type {
	BillingAddress,
	CanMakePaymentArgument,
	CartTotals,
	EmitResponse,
	PaymentMethodComponents,
	PaymentMethodProps,
	PaymentSetupObserver,
	PaymentSetupResponse,
} from '@woocommerce/blocks-registry';

export const RUB = (roubles: number): number => roubles * 100; // → kopecks

export function cartTotals(total_price: string, currency_minor_unit = 2): CartTotals {
	return {
		total_items: total_price,
		total_items_tax: '0',
		total_fees: '0',
		total_fees_tax: '0',
		total_discount: '0',
		total_discount_tax: '0',
		total_shipping: null,
		total_shipping_tax: null,
		total_price,
		total_tax: '0',
		tax_lines: [],
		currency_code: 'RUB',
		currency_symbol: '₽',
		currency_minor_unit,
		currency_decimal_separator: ',',
		currency_thousand_separator: ' ',
		currency_prefix: '',
		currency_suffix: ' ₽',
	};
}

export function billingAddress(overrides: Partial<BillingAddress> = {}): BillingAddress {
	return {
		first_name: 'Иван',
		last_name: 'Петров',
		company: '',
		address_1: 'ул. Ленина, 1',
		address_2: '',
		city: 'Москва',
		state: '',
		postcode: '101000',
		country: 'RU',
		email: 'buyer@example.test',
		phone: '+79990000000',
		...overrides,
	};
}

export function canMakePaymentArg(totals: CartTotals): CanMakePaymentArgument {
	const { email: _email, ...shipping } = billingAddress();
	return {
		cart: {},
		cartTotals: totals,
		cartNeedsShipping: false,
		billingAddress: billingAddress(),
		shippingAddress: shipping,
		selectedShippingMethods: {},
		paymentRequirements: ['products'],
	};
}

/** `canMakePaymentArg` for a total in kopecks (minor unit 2). */
export function atTotal(kopecks: number): CanMakePaymentArgument {
	return canMakePaymentArg(cartTotals(String(kopecks)));
}

export const emitResponse: EmitResponse = {
	responseTypes: { SUCCESS: 'success', FAIL: 'fail', ERROR: 'error' },
	noticeContexts: {
		PAYMENTS: 'wc/payment-area',
		EXPRESS_PAYMENTS: 'wc/express-payment-area',
		CHECKOUT: 'wc/checkout',
	},
};

const components: PaymentMethodComponents = {
	PaymentMethodLabel: ({ text }) => text as unknown as null,
	PaymentMethodIcons: () => null,
};

export interface CheckoutDouble {
	props: PaymentMethodProps;
	/** Observers currently subscribed to onPaymentSetup. */
	observers: PaymentSetupObserver[];
	/** What WooCommerce does on "Place order": runs the onPaymentSetup observers. */
	emitPaymentSetup(): Promise<PaymentSetupResponse[]>;
}

export interface CheckoutOptions {
	/** Cart total in the currency's minor unit. */
	total: number;
	minorUnit?: number;
	currencyCode?: string;
	company?: string;
}

export function checkout({
	total,
	minorUnit = 2,
	currencyCode = 'RUB',
	company = '',
}: CheckoutOptions): CheckoutDouble {
	const observers: PaymentSetupObserver[] = [];
	const subscribe = (observer: PaymentSetupObserver) => {
		observers.push(observer);
		return () => {
			const index = observers.indexOf(observer);
			if (index >= 0) {
				observers.splice(index, 1);
			}
		};
	};
	const unsubscribed = () => () => undefined;
	const props: PaymentMethodProps = {
		activePaymentMethod: '',
		billing: {
			billingAddress: billingAddress({ company }),
			cartTotal: { label: 'Total', value: total },
			currency: {
				code: currencyCode,
				symbol: '₽',
				minorUnit,
				decimalSeparator: ',',
				thousandSeparator: ' ',
				prefix: '',
				suffix: ' ₽',
			},
			cartTotalItems: [],
			displayPricesIncludingTax: true,
			appliedCoupons: [],
			customerId: 0,
		},
		checkoutStatus: { isCalculating: false, isComplete: false, isIdle: true, isProcessing: false },
		components,
		emitResponse,
		eventRegistration: {
			onPaymentSetup: subscribe,
			onCheckoutValidation: unsubscribed,
			onCheckoutSuccess: unsubscribed,
			onCheckoutFail: unsubscribed,
		},
		onSubmit: () => undefined,
		shouldSavePayment: false,
	};
	return {
		props,
		observers,
		emitPaymentSetup: () => Promise.all(observers.map((observer) => observer())),
	};
}
