/**
 * What changes the amount: a chosen variation (WooCommerce's jQuery
 * `found_variation` / `reset_data` on the classic variations form) or the
 * Cart block's `wc/store/cart` data store.
 */
import { cartTotalMinor } from '../limits';
import { initialTotal, updateLines } from './lines';

/** The part of `wp.data` used here. */
export interface DataRegistry {
	select: (store: string) => { getCartTotals?: () => unknown } | undefined;
	subscribe: (listener: () => void) => unknown;
}

/** A variation's display price (a float in roubles) in kopecks; null when absent. */
export function variationKopecks(variation: unknown): number | null {
	const price = (variation as { display_price?: unknown } | null)?.display_price;
	const value = typeof price === 'string' ? Number(price) : price;
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value * 100) : null;
}

/**
 * The cart total in kopecks from the store: `undefined` while the store has
 * no totals (not registered or not loaded yet), `null` unless it is a valid
 * amount in roubles.
 */
export function storeTotalKopecks(registry: DataRegistry): number | null | undefined {
	let totals: unknown;
	try {
		totals = registry.select('wc/store/cart')?.getCartTotals?.();
	} catch {
		return undefined;
	}
	if (!totals || typeof totals !== 'object' || (totals as { total_price?: unknown }).total_price === undefined) {
		return undefined;
	}
	const t = totals as { total_price?: unknown; currency_code?: unknown; currency_minor_unit?: unknown };
	if (t.currency_code !== undefined && t.currency_code !== 'RUB') {
		return null;
	}
	return cartTotalMinor({
		total_price: t.total_price as string,
		currency_minor_unit: typeof t.currency_minor_unit === 'number' ? t.currency_minor_unit : null,
	});
}

/** Keeps the roots in step with the cart store; updates only when the total changes. */
export function followCartStore(roots: HTMLElement[], registry: DataRegistry): void {
	let last: number | null | undefined;
	const sync = (): void => {
		const total = storeTotalKopecks(registry);
		if (total === undefined) {
			return; // Store not ready: keep the server-rendered state.
		}
		if (total !== last) {
			last = total;
			roots.forEach((root) => updateLines(root, total));
		}
	};
	registry.subscribe(sync);
	sync();
}

/** The part of jQuery used here. */
export interface JQueryLike {
	(target: Document): { on: (events: string, selector: string, handler: (event: unknown, data?: unknown) => void) => unknown };
}

export function followVariations(roots: HTMLElement[], $: JQueryLike): void {
	$(document).on('found_variation', 'form.variations_form', (_event, variation) => {
		const total = variationKopecks(variation);
		roots.forEach((root) => updateLines(root, total));
	});
	$(document).on('reset_data', 'form.variations_form', () => {
		roots.forEach((root) => updateLines(root, initialTotal(root)));
	});
}
