/**
 * What the blocks checkout harness page exposes to the Playwright test
 * (window.__harness) and what the test gives it (window.__harnessConfig,
 * set by an init script before any page script runs).
 */

export interface HarnessConfig {
	/** wcSettings values: `<id>_data`, `ru_payments_data`, … */
	settings: Record<string, unknown>;
	/** Initial cart total in kopecks (Store API minor unit 2, RUB). */
	totalKopecks: number;
	/** Billing company the checkout form holds. */
	billingCompany?: string;
	/**
	 * Whether `wp.data` has WooCommerce's `wc/store/cart` store (default true,
	 * as on a Cart/Checkout blocks page); false plays a page without it.
	 */
	cartStore?: boolean;
}

/** Outcome of "Place order": what the onPaymentSetup observers answered. */
export interface PlaceOrderResult {
	/** 'success' when every observer succeeded (the order would be sent). */
	type: 'success' | 'error' | 'fail';
	message?: string;
	messageContext?: string;
	paymentMethodData?: Record<string, string>;
	/** Raw answers of the observers. */
	responses: unknown[];
}

export interface HarnessApi {
	/** Names passed to registerPaymentMethod, in order. */
	registered(): string[];
	/** Names whose canMakePayment allowed them at the current total. */
	available(): string[];
	/** Changes the cart total; canMakePayment is asked again, as the checkout does. */
	setCartTotal(kopecks: number): Promise<void>;
	/** Selects a payment method (as clicking its radio does). */
	select(name: string): void;
	/** Runs the active method's onPaymentSetup observers, like "Place order". */
	placeOrder(): Promise<PlaceOrderResult>;
	/** How many times canMakePayment was called, per method. */
	canMakePaymentCalls(): Record<string, number>;
}

declare global {
	interface Window {
		__harness?: HarnessApi;
		__harnessConfig?: HarnessConfig;
	}
}
