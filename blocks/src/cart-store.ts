/**
 * The live cart total from WooCommerce's cart data store (`wc/store/cart` in
 * `@wordpress/data`, registered on the Cart and Checkout blocks pages).
 *
 * The `label` element of a payment method gets no cart props from
 * WooCommerce (only `components`), so this is how the label of a BNPL method
 * shows its split while the method is not selected.
 */
import { useSelect, type SelectFunction } from '@wordpress/data';

import { cartTotalMinor } from './limits';

export const CART_STORE = 'wc/store/cart';

/**
 * The cart total in kopecks read from the cart store, or `null` when the
 * store or its totals are unavailable (the editor without it, an older
 * WooCommerce), the currency is not the rouble, or the total is not a valid
 * amount. Exact (integer kopecks, see `cartTotalMinor`).
 */
export function selectCartTotalKopecks(select: SelectFunction): number | null {
	let totals;
	try {
		totals = select(CART_STORE)?.getCartTotals?.();
	} catch {
		return null;
	}
	if (!totals || typeof totals !== 'object' || totals.total_price === undefined) {
		return null;
	}
	const code = totals.currency_code;
	if (code && code !== 'RUB') {
		return null;
	}
	return cartTotalMinor({
		total_price: totals.total_price,
		currency_minor_unit: totals.currency_minor_unit,
	});
}

/**
 * Hook: `selectCartTotalKopecks`, kept up to date with the store. A number
 * (or null) is returned from the selector, so unrelated cart changes don't
 * re-render.
 */
export function useCartStoreTotalKopecks(): number | null {
	return useSelect((select) => selectCartTotalKopecks(select), []);
}
