/**
 * Entry of build/split-message.js: loaded only on pages whose "pay in parts"
 * lines can change (variable products, the Cart block).
 */
import { ROOT_SELECTOR } from './lines';
import { followCartStore, followVariations, type DataRegistry, type JQueryLike } from './live';

declare global {
	interface Window {
		wp?: { data?: DataRegistry };
		jQuery?: JQueryLike;
	}
}

function start(): void {
	const roots = (live: string): HTMLElement[] =>
		Array.from(document.querySelectorAll<HTMLElement>(`${ROOT_SELECTOR}[data-live="${live}"]`));
	const variation = roots('variation');
	if (variation.length > 0 && window.jQuery) {
		followVariations(variation, window.jQuery);
	}
	const cart = roots('cart-block');
	if (cart.length > 0 && window.wp?.data) {
		followCartStore(cart, window.wp.data);
	}
}

if (document.readyState === 'loading') {
	document.addEventListener('DOMContentLoaded', start);
} else {
	start();
}
