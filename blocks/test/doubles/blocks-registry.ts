/**
 * Test double of `@woocommerce/blocks-registry` (window.wc.wcBlocksRegistry):
 * records what was registered.
 */
import type { PaymentMethodConfiguration } from '@woocommerce/blocks-registry';

export const registeredPaymentMethods: PaymentMethodConfiguration[] = [];
export const registeredExpressPaymentMethods: PaymentMethodConfiguration[] = [];

export function registerPaymentMethod(options: PaymentMethodConfiguration): void {
	registeredPaymentMethods.push(options);
}

export function registerExpressPaymentMethod(options: PaymentMethodConfiguration): void {
	registeredExpressPaymentMethods.push(options);
}

export function resetRegistry(): void {
	registeredPaymentMethods.length = 0;
	registeredExpressPaymentMethods.length = 0;
}
