import type {
	PaymentMethodComponents,
	PaymentMethodIcon,
} from '@woocommerce/blocks-registry';
import { __ } from '@wordpress/i18n';

export interface LabelProps {
	id: string;
	title: string;
	icons: PaymentMethodIcon[];
	/** Show the "Test mode" badge (payments go to the provider's simulator). */
	testMode?: boolean;
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

/** The payment method's radio label: title, test-mode badge and, if any, the brand icons. */
export function Label({ id, title, icons, testMode = false, components }: LabelProps) {
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
		</span>
	);
}
