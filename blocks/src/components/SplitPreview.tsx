import { __, _n, sprintf } from '@wordpress/i18n';

import { useCartStoreTotalKopecks } from '../cart-store';
import { moneyLocale } from '../locale';
import { formatRoubles, groupPayments, hasKopecks, splitKopecks } from '../split';

/**
 * "4 payments of 7,500 ₽" / «4 платежа по 7 500 ₽»; when the total does not
 * divide evenly, the runs of equal payments: "4 payments: 25.01 ₽ + 3 × 25.00 ₽".
 * `null` when there is nothing to show.
 */
export function splitPreviewText(
	totalKopecks: number,
	parts: number,
	locale: string = moneyLocale()
): string | null {
	const payments = splitKopecks(totalKopecks, parts);
	if (!payments || totalKopecks === 0) {
		return null;
	}
	const withKopecks = hasKopecks(payments);
	const groups = groupPayments(payments);
	const money = (kopecks: number) => formatRoubles(kopecks, locale, withKopecks);

	const [first] = groups;
	if (groups.length === 1 && first) {
		return sprintf(
			/* translators: 1: number of payments, 2: amount of each payment, e.g. "4 payments of 7,500 ₽" */
			_n('%1$d payment of %2$s', '%1$d payments of %2$s', parts, 'ru-payments-for-woocommerce'),
			parts,
			money(first.amount)
		);
	}
	const runs = groups
		.map((group) =>
			group.count === 1
				? money(group.amount)
				: sprintf(
						/* translators: 1: number of payments, 2: amount of each of them, e.g. "3 × 25.00 ₽" */
						__('%1$d × %2$s', 'ru-payments-for-woocommerce'),
						group.count,
						money(group.amount)
				  )
		)
		.join(' + ');
	return sprintf(
		/* translators: 1: number of payments, 2: the payments, e.g. "25.01 ₽ + 3 × 25.00 ₽" */
		_n('%1$d payment: %2$s', '%1$d payments: %2$s', parts, 'ru-payments-for-woocommerce'),
		parts,
		runs
	);
}

export interface SplitPreviewProps {
	totalKopecks: number;
	parts: number;
}

/**
 * The instalments of the current cart total, in the selected method's
 * content: only when the label cannot show them (see `LabelSplitPreview`).
 */
export function SplitPreview({ totalKopecks, parts }: SplitPreviewProps) {
	const text = splitPreviewText(totalKopecks, parts);
	if (text === null) {
		return null;
	}
	return (
		<p className="ru-payments-split" aria-live="polite">
			{text}
		</p>
	);
}

/** Small, muted, on its own line under the title (inside the radio's <label>, so a span). */
const LABEL_STYLE = {
	display: 'block',
	marginTop: '0.15em',
	fontSize: '0.875em',
	fontWeight: 'normal',
	lineHeight: 1.4,
	opacity: 0.75,
} as const;

/**
 * The split of the live cart total (from the `wc/store/cart` store) for the
 * label, or null when the store gives no usable total. `Content` uses it too,
 * to show its own preview only when the label shows none.
 */
export function useLabelSplitText(parts: number): string | null {
	const total = useCartStoreTotalKopecks();
	return total === null ? null : splitPreviewText(total, parts);
}

export interface LabelSplitPreviewProps {
	parts: number;
}

/**
 * Under a BNPL method's title, selected or not: "4 payments of 7,500 ₽",
 * following the cart total. Nothing without the cart store.
 */
export function LabelSplitPreview({ parts }: LabelSplitPreviewProps) {
	const text = useLabelSplitText(parts);
	if (text === null) {
		return null;
	}
	return (
		<span className="ru-payments-split ru-payments-split--label" style={LABEL_STYLE}>
			{text}
		</span>
	);
}
