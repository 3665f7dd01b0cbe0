import type {
	PaymentMethodComponents,
	PaymentMethodIcon,
} from '@woocommerce/blocks-registry';

export interface LabelProps {
	id: string;
	title: string;
	icons: PaymentMethodIcon[];
	/** Injected by WooCommerce when it renders the label element. */
	components?: Partial<PaymentMethodComponents>;
}

/** The payment method's radio label: title and, if any, the brand icons. */
export function Label({ id, title, icons, components }: LabelProps) {
	const PaymentMethodLabel = components?.PaymentMethodLabel;
	const PaymentMethodIcons = components?.PaymentMethodIcons;
	return (
		<span className={`ru-payments-label ru-payments-label--${id}`}>
			{PaymentMethodLabel ? <PaymentMethodLabel text={title} /> : title}
			{icons.length > 0 && PaymentMethodIcons ? (
				<PaymentMethodIcons icons={icons} align="right" />
			) : null}
		</span>
	);
}
