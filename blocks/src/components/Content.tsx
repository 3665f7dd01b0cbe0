import type { PaymentMethodProps } from '@woocommerce/blocks-registry';

export interface ContentProps extends Partial<PaymentMethodProps> {
	id: string;
	description: string;
}

/**
 * Shown under the selected payment method in the Checkout block (and, as the
 * `edit` element, in the editor). The gateways built on this add their
 * fields and `eventRegistration.onPaymentSetup` observers here.
 */
export function Content({ id, description }: ContentProps) {
	if (description === '') {
		return null;
	}
	return (
		<div className={`ru-payments-content ru-payments-content--${id}`}>
			<p className="ru-payments-content__description">{description}</p>
		</div>
	);
}
