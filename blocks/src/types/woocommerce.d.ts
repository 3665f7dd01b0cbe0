/**
 * Our own type declarations for the WooCommerce externals this package uses.
 *
 * At runtime these modules are not bundled: the WooCommerce dependency
 * extraction webpack plugin rewrites the imports to `window.wc.*` globals
 * (`@woocommerce/blocks-registry` → `wc.wcBlocksRegistry`,
 * `@woocommerce/settings` → `wc.wcSettings`, `@woocommerce/blocks-checkout` →
 * `wc.blocksCheckout`) and lists the script handles (`wc-blocks-registry`,
 * `wc-settings`, `wc-blocks-checkout`) in `build/index.asset.php`.
 *
 * Only the parts we use are declared, from the WooCommerce Blocks payment
 * method integration API. The shapes follow the Store API / blocks-checkout
 * documentation; fields we don't read are left optional or omitted.
 */

declare module '@woocommerce/settings' {
	/**
	 * Reads a value that PHP put into `wcSettings` (for payment methods:
	 * `get_payment_method_data()` of the `AbstractPaymentMethodType`
	 * integration, registered as `<name>_data`).
	 */
	export function getSetting<T = unknown>(
		name: string,
		fallback?: T,
		filter?: (value: T, fallback: T) => T
	): T;
}

declare module '@woocommerce/blocks-registry' {
	import type { ComponentType, ReactElement, ReactNode } from 'react';

	/** Store API cart totals; money values are strings in minor units. */
	export interface CartTotals {
		total_items: string;
		total_items_tax: string;
		total_fees: string;
		total_fees_tax: string;
		total_discount: string;
		total_discount_tax: string;
		total_shipping: string | null;
		total_shipping_tax: string | null;
		total_price: string;
		total_tax: string;
		tax_lines: Array<{ name: string; price: string; rate: string }>;
		currency_code: string;
		currency_symbol: string;
		currency_minor_unit: number;
		currency_decimal_separator: string;
		currency_thousand_separator: string;
		currency_prefix: string;
		currency_suffix: string;
	}

	export interface BillingAddress {
		first_name: string;
		last_name: string;
		company: string;
		address_1: string;
		address_2: string;
		city: string;
		state: string;
		postcode: string;
		country: string;
		email: string;
		phone: string;
	}

	export type ShippingAddress = Omit<BillingAddress, 'email'>;

	/** Argument of `canMakePayment`. */
	export interface CanMakePaymentArgument {
		cart: unknown;
		cartTotals: CartTotals;
		cartNeedsShipping: boolean;
		billingAddress: BillingAddress;
		billingData?: BillingAddress;
		shippingAddress: ShippingAddress;
		selectedShippingMethods: Record<string, unknown>;
		paymentRequirements: string[];
		paymentMethods?: string[];
	}

	export type CanMakePaymentReturnType =
		| boolean
		| Promise<boolean | { error: { message: string } }>;

	export interface PaymentMethodIcon {
		id: string;
		src: string | null;
		alt: string;
	}

	export interface PaymentMethodLabelProps {
		text: string;
		icon?: ReactNode;
	}

	export interface PaymentMethodIconsProps {
		icons: PaymentMethodIcon[];
		align?: 'left' | 'right' | 'center';
		className?: string;
	}

	export interface PaymentMethodComponents {
		PaymentMethodLabel: ComponentType<PaymentMethodLabelProps>;
		PaymentMethodIcons: ComponentType<PaymentMethodIconsProps>;
		ValidationInputError?: ComponentType<{ errorMessage?: string }>;
		LoadingMask?: ComponentType<{
			isLoading?: boolean;
			showSpinner?: boolean;
			children?: ReactNode;
		}>;
	}

	export type ResponseType = 'success' | 'fail' | 'error';

	/** What an `onPaymentSetup` observer may return. */
	export type PaymentSetupResponse =
		| {
				type: 'success';
				meta?: {
					paymentMethodData?: Record<string, string>;
					billingAddress?: Partial<BillingAddress>;
					shippingAddress?: Partial<ShippingAddress>;
				};
		  }
		| {
				type: 'error' | 'fail';
				message?: string;
				messageContext?: string;
				retry?: boolean;
				meta?: { paymentMethodData?: Record<string, string> };
		  }
		| true;

	export type PaymentSetupObserver = () =>
		| PaymentSetupResponse
		| Promise<PaymentSetupResponse>;

	export interface CheckoutProcessingResult {
		processingResponse: {
			paymentStatus: string;
			paymentDetails: Record<string, string>;
		} | null;
		[key: string]: unknown;
	}

	export type Unsubscribe = () => void;

	export interface EventRegistration {
		onPaymentSetup: (
			observer: PaymentSetupObserver,
			priority?: number
		) => Unsubscribe;
		/** @deprecated since WooCommerce 8.x, use onPaymentSetup. */
		onPaymentProcessing?: (
			observer: PaymentSetupObserver,
			priority?: number
		) => Unsubscribe;
		onCheckoutValidation: (
			observer: () => true | { errorMessage: string } | Promise<unknown>,
			priority?: number
		) => Unsubscribe;
		onCheckoutSuccess: (
			observer: (result: CheckoutProcessingResult) => unknown,
			priority?: number
		) => Unsubscribe;
		onCheckoutFail: (
			observer: (result: CheckoutProcessingResult) => unknown,
			priority?: number
		) => Unsubscribe;
		onShippingRateSuccess?: (observer: () => unknown) => Unsubscribe;
		onShippingRateFail?: (observer: () => unknown) => Unsubscribe;
	}

	export interface EmitResponse {
		responseTypes: {
			SUCCESS: 'success';
			FAIL: 'fail';
			ERROR: 'error';
		};
		noticeContexts: {
			PAYMENTS: string;
			EXPRESS_PAYMENTS: string;
			CHECKOUT?: string;
			[key: string]: string | undefined;
		};
	}

	export interface CartTotalItem {
		label: string;
		value: number;
		valueWithTax?: number;
	}

	export interface Currency {
		code: string;
		symbol: string;
		minorUnit: number;
		decimalSeparator: string;
		thousandSeparator: string;
		prefix: string;
		suffix: string;
	}

	/**
	 * Props WooCommerce passes (via cloneElement) to the `content` and, in the
	 * editor, `edit` elements of a payment method.
	 */
	export interface PaymentMethodProps {
		activePaymentMethod: string;
		billing: {
			billingAddress: BillingAddress;
			billingData?: BillingAddress;
			cartTotal: CartTotalItem;
			currency: Currency;
			cartTotalItems: CartTotalItem[];
			displayPricesIncludingTax: boolean;
			appliedCoupons: unknown[];
			customerId: number;
		};
		cartData?: { cartItems: unknown[]; cartFees: unknown[]; extensions: Record<string, unknown> };
		checkoutStatus: {
			isCalculating: boolean;
			isComplete: boolean;
			isIdle: boolean;
			isProcessing: boolean;
		};
		components: PaymentMethodComponents;
		emitResponse: EmitResponse;
		eventRegistration: EventRegistration;
		onSubmit: () => void;
		paymentStatus?: Record<string, boolean>;
		setExpressPaymentError?: (message: string) => void;
		shippingData?: unknown;
		shouldSavePayment: boolean;
	}

	/** Props WooCommerce passes to the `label` element. */
	export interface PaymentMethodLabelElementProps {
		components: PaymentMethodComponents;
	}

	export interface PaymentMethodConfiguration {
		name: string;
		label: ReactElement;
		content: ReactElement;
		edit: ReactElement;
		canMakePayment: (argument: CanMakePaymentArgument) => CanMakePaymentReturnType;
		ariaLabel: string;
		paymentMethodId?: string;
		placeOrderButtonLabel?: string;
		savedTokenComponent?: ReactElement | null;
		supports?: {
			features?: string[];
			showSavedCards?: boolean;
			showSaveOption?: boolean;
		};
	}

	export function registerPaymentMethod(options: PaymentMethodConfiguration): void;
	export function registerExpressPaymentMethod(options: PaymentMethodConfiguration): void;
}
