/**
 * Our own declaration of the part of `@wordpress/data` this package uses.
 *
 * Not installed as a package: the dependency extraction plugin rewrites the
 * import to the `window.wp.data` global and lists the `wp-data` handle in
 * `build/index.asset.php` (WordPress always registers it; on the Cart and
 * Checkout blocks pages WooCommerce registers its `wc/store/cart` store in
 * it). In tests it is a double (test/doubles/wp-data.ts).
 */
declare module '@wordpress/data' {
	import type { CartTotals } from '@woocommerce/blocks-registry';

	/** Selectors of WooCommerce's cart store (`wc/store/cart`) that we read. */
	export interface CartStoreSelectors {
		/** Store API cart totals (money values: integer strings in minor units). */
		getCartTotals?: () => Partial<CartTotals> | null | undefined;
	}

	/**
	 * The selectors of a registered store; `undefined` when no store of that
	 * name is registered (e.g. the cart store outside the Cart/Checkout blocks).
	 */
	export interface SelectFunction {
		(storeName: 'wc/store/cart'): CartStoreSelectors | undefined;
		(storeName: string): Record<string, unknown> | undefined;
	}

	/** Reads the stores now. */
	export const select: SelectFunction;

	/** Calls `listener` after every change of any store; returns the unsubscribe. */
	export function subscribe(listener: () => void, storeName?: string): () => void;

	/**
	 * Hook: `mapSelect(select)` now, and again whenever a store changes; the
	 * component re-renders when the result changes (shallow comparison), so
	 * returning a primitive keeps it from re-rendering for unrelated changes.
	 */
	export function useSelect<T>(
		mapSelect: (select: SelectFunction) => T,
		deps?: readonly unknown[]
	): T;
}
