import type { PaymentMethodProps } from '@woocommerce/blocks-registry';

import { cartTotalMinor } from '../limits';
import { LegalEntityForm } from './LegalEntityForm';
import { SplitPreview, useLabelSplitText } from './SplitPreview';

export interface ContentProps extends Partial<PaymentMethodProps> {
	id: string;
	description: string;
	/** BNPL: number of payments for the preview; null = not split. */
	splitParts?: number | null;
	/** Ask for the payer's company details. */
	legalEntity?: boolean;
}

/** The live cart total in kopecks from the props WooCommerce passes, or null. */
function totalKopecks(billing: PaymentMethodProps['billing'] | undefined): number | null {
	if (!billing?.cartTotal) {
		return null;
	}
	const code = billing.currency?.code;
	if (code && code !== 'RUB') {
		return null;
	}
	return cartTotalMinor({
		total_price: billing.cartTotal.value,
		currency_minor_unit: billing.currency?.minorUnit,
	});
}

/**
 * Shown under the selected payment method in the Checkout block (and, as the
 * `edit` element, in the editor): the split preview of BNPL methods when the
 * label cannot show it (first, right under the title), the description, and
 * the payer form of legal-entity methods.
 */
export function Content({
	id,
	description,
	splitParts = null,
	legalEntity = false,
	billing,
	eventRegistration,
	emitResponse,
}: ContentProps) {
	// The split is shown once: in the label whenever the label can (it reads
	// the cart store), here only as the fallback (no store / no usable total
	// there), from the total WooCommerce passes in the props.
	const inLabel = useLabelSplitText(splitParts ?? 0) !== null;
	const total = splitParts !== null && !inLabel ? totalKopecks(billing) : null;
	const preview = splitParts !== null && total !== null;
	if (description === '' && !preview && !legalEntity) {
		return null;
	}
	return (
		<div className={`ru-payments-content ru-payments-content--${id}`}>
			{preview ? <SplitPreview totalKopecks={total} parts={splitParts} /> : null}
			{description !== '' ? (
				<p className="ru-payments-content__description">{description}</p>
			) : null}
			{legalEntity ? (
				<LegalEntityForm
					id={id}
					initialCompany={billing?.billingAddress?.company ?? ''}
					eventRegistration={eventRegistration}
					emitResponse={emitResponse}
				/>
			) : null}
		</div>
	);
}
