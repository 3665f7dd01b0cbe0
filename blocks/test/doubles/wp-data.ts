/**
 * Test double of `@wordpress/data` (window.wp.data): a registry of stores by
 * name with the contract our code relies on —
 *
 * - `select(name)`: the store's selectors, `undefined` for an unregistered
 *   store (as the real registry answers);
 * - `subscribe(listener)`: called after every change of any store;
 * - `useSelect(mapSelect, deps)`: `mapSelect(select)` on render and again on
 *   every change, re-rendering when the result changes (shallow comparison).
 *
 * Tests play WooCommerce's `wc/store/cart` with `setCartStoreTotals`.
 */
import type { CartTotals } from '@woocommerce/blocks-registry';
import type { SelectFunction } from '@wordpress/data';
import { useRef, useSyncExternalStore } from 'react';

type Selectors = Record<string, unknown>;

const stores = new Map<string, Selectors>();
const listeners = new Set<() => void>();

export const select = ((storeName: string) => stores.get(storeName)) as SelectFunction;

export function subscribe(listener: () => void): () => void {
	listeners.add(listener);
	return () => {
		listeners.delete(listener);
	};
}

function emitChange(): void {
	[...listeners].forEach((listener) => listener());
}

function isShallowEqual(a: unknown, b: unknown): boolean {
	if (Object.is(a, b)) {
		return true;
	}
	if (!a || !b || typeof a !== 'object' || typeof b !== 'object') {
		return false;
	}
	const keysA = Object.keys(a);
	const keysB = Object.keys(b);
	return (
		keysA.length === keysB.length &&
		keysA.every((key) =>
			Object.is((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])
		)
	);
}

export function useSelect<T>(
	mapSelect: (select: SelectFunction) => T,
	_deps?: readonly unknown[]
): T {
	const last = useRef<{ value: T } | null>(null);
	const snapshot = (): T => {
		const value = mapSelect(select);
		if (last.current && isShallowEqual(last.current.value, value)) {
			return last.current.value;
		}
		last.current = { value };
		return value;
	};
	return useSyncExternalStore(subscribe, snapshot, snapshot);
}

// ── test controls ───────────────────────────────────────────────────────────

/** How many listeners are subscribed (to check components unsubscribe). */
export function listenerCount(): number {
	return listeners.size;
}

/**
 * Registers (or updates) `wc/store/cart` with these totals, notifying the
 * subscribers; `null` unregisters it (a page without the Cart/Checkout blocks).
 * Wrap in act() when components are mounted.
 */
export function setCartStoreTotals(totals: Partial<CartTotals> | null): void {
	if (totals === null) {
		stores.delete('wc/store/cart');
	} else {
		const current = totals;
		stores.set('wc/store/cart', { getCartTotals: () => current });
	}
	emitChange();
}

/** Registers a store under `name` with these selectors (e.g. a cart store without totals). */
export function registerStore(name: string, selectors: Selectors): void {
	stores.set(name, selectors);
	emitChange();
}

export function resetDataRegistry(): void {
	stores.clear();
	emitChange();
}
