import type {
	PaymentMethodComponents,
	PaymentMethodIcon,
} from '@woocommerce/blocks-registry';
import { __ } from '@wordpress/i18n';

import { LabelSplitPreview } from './SplitPreview';

export interface LabelProps {
	id: string;
	title: string;
	icons: PaymentMethodIcon[];
	/** Show the "Test mode" badge (payments go to the provider's simulator). */
	testMode?: boolean;
	/** BNPL: number of payments, shown under the title; null = not split. */
	splitParts?: number | null;
	/** Injected by WooCommerce when it renders the label element. */
	components?: Partial<PaymentMethodComponents>;
}

const BADGE_STYLE = {
	marginInlineStart: '0.5em',
	padding: '0 0.4em',
	border: '1px solid currentColor',
	borderRadius: '3px',
	fontSize: '0.75em',
	lineHeight: 1.6,
	whiteSpace: 'nowrap',
	verticalAlign: 'middle',
} as const;

/**
 * The payment method's radio label: title, test-mode badge, the brand icons
 * if any and, for BNPL methods, the split of the live cart total below.
 */
export function Label({
	id,
	title,
	icons,
	testMode = false,
	splitParts = null,
	components,
}: LabelProps) {
	const PaymentMethodLabel = components?.PaymentMethodLabel;
	const PaymentMethodIcons = components?.PaymentMethodIcons;
	return (
		<span className={`ru-payments-label ru-payments-label--${id}`}>
			{PaymentMethodLabel ? <PaymentMethodLabel text={title} /> : title}
			{testMode ? (
				<span className="ru-payments-badge ru-payments-badge--test" style={BADGE_STYLE}>
					{__('Test mode', 'ru-payments-for-woocommerce')}
				</span>
			) : null}
			{icons.length > 0 && PaymentMethodIcons ? (
				<PaymentMethodIcons icons={icons} align="right" />
			) : null}
			{splitParts !== null ? <LabelSplitPreview parts={splitParts} /> : null}
		</span>
	);
}
