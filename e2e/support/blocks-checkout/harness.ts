/**
 * Browser side of the blocks checkout harness: plays WooCommerce's part for
 * build/index.js. Provides `window.wc.wcSettings`,
 * `window.wc.wcBlocksRegistry` and `window.wp.data` (a small stand-in of
 * @wordpress/data holding WooCommerce's `wc/store/cart` store, whose
 * `getCartTotals()` follows the cart total), records the registered payment methods and,
 * once started, renders them the way the Checkout block does: asks each
 * method's `canMakePayment` with the Store API cart totals (again whenever
 * the total changes), shows the available ones as radio options with their
 * `label` (cloned with `components`), the selected one's `content` (cloned
 * with billing, eventRegistration, emitResponse…), and "Place order" runs the
 * `onPaymentSetup` observers.
 *
 * Compiled with esbuild to a classic script; React comes from window.React,
 * the same copy the bundle under test uses.
 */
import type { HarnessApi, HarnessConfig, PlaceOrderResult } from './harness-api.js';

type Element = object;
type Props = Record<string, unknown>;
type FunctionComponent = (props: never) => Element | string | null;

interface ReactLike {
	createElement(type: unknown, props?: Props | null, ...children: unknown[]): Element;
	cloneElement(element: Element, props: Props): Element;
	useRef<T>(initial: T): { current: T };
	useSyncExternalStore<T>(subscribe: (listener: () => void) => () => void, getSnapshot: () => T): T;
}
interface RootLike {
	render(element: Element): void;
}
interface ReactDomLike {
	createRoot(container: HTMLElement): RootLike;
}

interface Registration {
	name: string;
	label: Element;
	content: Element;
	edit: Element;
	ariaLabel: string;
	canMakePayment: (argument: unknown) => boolean | Promise<boolean | { error: { message: string } }>;
}

type SetupResponse =
	| true
	| {
			type: string;
			message?: string;
			messageContext?: string;
			meta?: { paymentMethodData?: Record<string, string> };
	  };
type Observer = () => SetupResponse | Promise<SetupResponse>;

const globals = window as unknown as {
	React: ReactLike;
	ReactDOM: ReactDomLike;
	wc?: Record<string, unknown>;
	wp?: Record<string, unknown>;
};
const config: HarnessConfig = window.__harnessConfig ?? { settings: {}, totalKopecks: 0 };

// ── window.wc.wcSettings ────────────────────────────────────────────────────
function getSetting<T>(name: string, fallback?: T, filter?: (value: T, fallback?: T) => T): T {
	const value = (name in config.settings ? config.settings[name] : fallback) as T;
	return filter ? filter(value, fallback) : value;
}

// ── window.wc.wcBlocksRegistry ──────────────────────────────────────────────
const registrations: Registration[] = [];
function registerPaymentMethod(options: Registration): void {
	if (registrations.some((r) => r.name === options.name)) {
		throw new Error(`payment method ${options.name} registered twice`);
	}
	registrations.push(options);
}

globals.wc = {
	...globals.wc,
	wcSettings: { getSetting, ADMIN_URL: '/wp-admin/', CURRENCY: { code: 'RUB' } },
	wcBlocksRegistry: {
		registerPaymentMethod,
		registerExpressPaymentMethod: () => undefined,
		getPaymentMethods: () => Object.fromEntries(registrations.map((r) => [r.name, r])),
	},
};

// ── window.wp.data ──────────────────────────────────────────────────────────
// The contract of @wordpress/data that plugins rely on: `select(name)` gives a
// registered store's selectors (undefined for an unknown store), `subscribe`
// calls its listeners after every change, and `useSelect(mapSelect)` runs
// mapSelect(select) on render and on every change, re-rendering the
// component when the result changes (shallow comparison).
type Selectors = Record<string, unknown>;
const stores = new Map<string, Selectors>();
const storeListeners = new Set<() => void>();

const select = (storeName: string): Selectors | undefined => stores.get(storeName);

function subscribe(listener: () => void): () => void {
	storeListeners.add(listener);
	return () => {
		storeListeners.delete(listener);
	};
}

function emitStoreChange(): void {
	[...storeListeners].forEach((listener) => listener());
}

function isShallowEqual(a: unknown, b: unknown): boolean {
	if (Object.is(a, b)) return true;
	if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
	const keysA = Object.keys(a);
	const keysB = Object.keys(b);
	return (
		keysA.length === keysB.length &&
		keysA.every((key) => Object.is((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
	);
}

function useSelect<T>(mapSelect: (selectFn: typeof select) => T): T {
	const React = globals.React;
	const last = React.useRef<{ value: T } | null>(null);
	return React.useSyncExternalStore(subscribe, () => {
		const value = mapSelect(select);
		if (last.current && isShallowEqual(last.current.value, value)) return last.current.value;
		last.current = { value };
		return value;
	});
}

globals.wp = globals.wp ?? {};
globals.wp.data = { select, subscribe, useSelect };

// ── the checkout ────────────────────────────────────────────────────────────
const state = {
	total: config.totalKopecks,
	available: [] as string[],
	active: null as string | null,
	notice: null as { type: string; message: string } | null,
	paymentData: null as Record<string, string> | null,
};
const calls: Record<string, number> = {};

// WooCommerce's cart store: getCartTotals() keeps its identity while the
// total does not change, as a store's state does.
let storeTotals: { total: number; totals: ReturnType<typeof cartTotals> } | null = null;
if (config.cartStore !== false) {
	stores.set('wc/store/cart', {
		getCartTotals: () => {
			if (storeTotals?.total !== state.total) {
				storeTotals = { total: state.total, totals: cartTotals(state.total) };
			}
			return storeTotals.totals;
		},
	});
}
const observers = new Set<Observer>();

const address = {
	first_name: 'Иван',
	last_name: 'Петров',
	company: config.billingCompany ?? '',
	address_1: 'ул. Ленина, 1',
	address_2: '',
	city: 'Москва',
	state: '',
	postcode: '101000',
	country: 'RU',
	email: 'buyer@example.test',
	phone: '+79990000000',
};

function cartTotals(total: number) {
	const price = String(total);
	return {
		total_items: price,
		total_items_tax: '0',
		total_fees: '0',
		total_fees_tax: '0',
		total_discount: '0',
		total_discount_tax: '0',
		total_shipping: '0',
		total_shipping_tax: '0',
		total_price: price,
		total_tax: '0',
		tax_lines: [],
		currency_code: 'RUB',
		currency_symbol: '₽',
		currency_minor_unit: 2,
		currency_decimal_separator: ',',
		currency_thousand_separator: ' ',
		currency_prefix: '',
		currency_suffix: ' ₽',
	};
}

/** What the Checkout block does on every change of the cart: ask each method. */
async function refreshAvailability(): Promise<void> {
	const argument = {
		cart: { cartItems: [], cartTotals: cartTotals(state.total) },
		cartTotals: cartTotals(state.total),
		cartNeedsShipping: false,
		billingAddress: address,
		billingData: address,
		shippingAddress: address,
		selectedShippingMethods: {},
		paymentRequirements: ['products'],
		paymentMethods: registrations.map((r) => r.name),
	};
	const available: string[] = [];
	for (const registration of registrations) {
		calls[registration.name] = (calls[registration.name] ?? 0) + 1;
		const answer = await registration.canMakePayment(argument);
		if (answer === true) {
			available.push(registration.name);
		}
	}
	state.available = available;
	if (state.active === null || !available.includes(state.active)) {
		state.active = available[0] ?? null;
	}
}

const h = (type: unknown, props: Props | null, ...children: unknown[]) =>
	globals.React.createElement(type, props, ...children);

const components = {
	PaymentMethodLabel: ({ text }: { text: string }) =>
		h('span', { className: 'wc-block-components-payment-method-label' }, text),
	PaymentMethodIcons: ({ icons }: { icons: Array<{ id: string; src: string; alt: string }> }) =>
		h(
			'span',
			{ className: 'wc-block-components-payment-method-icons' },
			...icons.map((icon) => h('img', { key: icon.id, src: icon.src, alt: icon.alt }))
		),
	ValidationInputError: ({ errorMessage }: { errorMessage?: string }) =>
		errorMessage ? h('div', { className: 'wc-block-components-validation-error' }, errorMessage) : null,
	LoadingMask: ({ children }: { children?: unknown }) => h('div', null, children),
};

const emitResponse = {
	responseTypes: { SUCCESS: 'success', FAIL: 'fail', ERROR: 'error' },
	noticeContexts: {
		PAYMENTS: 'wc/payment-area',
		EXPRESS_PAYMENTS: 'wc/express-payment-area',
		CHECKOUT: 'wc/checkout',
	},
};
const subscribeNothing = () => () => undefined;
const eventRegistration = {
	onPaymentSetup: (observer: Observer) => {
		observers.add(observer);
		return () => {
			observers.delete(observer);
		};
	},
	onCheckoutValidation: subscribeNothing,
	onCheckoutSuccess: subscribeNothing,
	onCheckoutFail: subscribeNothing,
	onShippingRateSuccess: subscribeNothing,
	onShippingRateFail: subscribeNothing,
};

function paymentMethodProps(name: string) {
	return {
		activePaymentMethod: name,
		billing: {
			billingAddress: address,
			billingData: address,
			cartTotal: { label: 'Итого', value: state.total },
			currency: {
				code: 'RUB',
				symbol: '₽',
				minorUnit: 2,
				decimalSeparator: ',',
				thousandSeparator: ' ',
				prefix: '',
				suffix: ' ₽',
			},
			cartTotalItems: [],
			displayPricesIncludingTax: true,
			appliedCoupons: [],
			customerId: 0,
		},
		cartData: { cartItems: [], cartFees: [], extensions: {} },
		checkoutStatus: { isCalculating: false, isComplete: false, isIdle: true, isProcessing: false },
		components,
		emitResponse,
		eventRegistration,
		onSubmit: () => undefined,
		paymentStatus: {},
		shippingData: {},
		shouldSavePayment: false,
	};
}

function Checkout(): Element {
	const options = registrations
		.filter((r) => state.available.includes(r.name))
		.map((r) => {
			const selected = state.active === r.name;
			return h(
				'li',
				{
					key: r.name,
					'data-method': r.name,
					className: `wc-block-components-radio-control-accordion-option${selected ? ' is-selected' : ''}`,
				},
				h(
					'label',
					{ className: 'wc-block-components-radio-control__option' },
					h('input', {
						type: 'radio',
						name: 'radio-control-wc-payment-method-options',
						value: r.name,
						checked: selected,
						'aria-label': r.ariaLabel,
						onChange: () => api.select(r.name),
					}),
					globals.React.cloneElement(r.label, { components })
				),
				selected
					? h(
							'div',
							{ className: 'wc-block-components-radio-control-accordion-content' },
							globals.React.cloneElement(r.content, paymentMethodProps(r.name))
					  )
					: null
			);
		});
	return h(
		'form',
		{
			className: 'wc-block-checkout',
			onSubmit: (event: Event) => {
				event.preventDefault();
				void api.placeOrder();
			},
		},
		h(
			'p',
			null,
			'Итого: ',
			h('span', { 'data-testid': 'cart-total' }, `${(state.total / 100).toFixed(2)} ₽`)
		),
		h(
			'div',
			{ className: 'wc-block-components-notices', 'data-testid': 'notices' },
			state.notice
				? h(
						'div',
						{
							role: 'alert',
							className: `wc-block-components-notice-banner is-${state.notice.type}`,
						},
						state.notice.message
				  )
				: null
		),
		h('ul', { className: 'wc-block-components-radio-control', 'data-testid': 'payment-methods' }, ...options),
		h('button', { type: 'submit', 'data-testid': 'place-order' }, 'Подтвердить заказ'),
		state.paymentData
			? h('pre', { 'data-testid': 'payment-data' }, JSON.stringify(state.paymentData))
			: null
	);
}

let root: RootLike | null = null;
function render(): void {
	const container = document.getElementById('checkout');
	if (!container) {
		throw new Error('#checkout missing');
	}
	root ??= globals.ReactDOM.createRoot(container);
	root.render(h(Checkout as FunctionComponent, null));
}

const api: HarnessApi = {
	registered: () => registrations.map((r) => r.name),
	available: () => [...state.available],
	async setCartTotal(kopecks: number) {
		state.total = kopecks;
		emitStoreChange(); // the cart store's subscribers (labels) update themselves
		await refreshAvailability();
		render();
	},
	select(name: string) {
		if (!state.available.includes(name)) {
			throw new Error(`${name} is not available`);
		}
		state.active = name;
		state.notice = null;
		state.paymentData = null;
		render();
	},
	async placeOrder(): Promise<PlaceOrderResult> {
		const responses = await Promise.all([...observers].map((observer) => observer()));
		const failed = responses.find(
			(r): r is Exclude<SetupResponse, true> => r !== true && (r.type === 'error' || r.type === 'fail')
		);
		let result: PlaceOrderResult;
		if (failed) {
			result = {
				type: failed.type === 'fail' ? 'fail' : 'error',
				message: failed.message,
				messageContext: failed.messageContext,
				responses,
			};
			state.notice = { type: 'error', message: failed.message ?? '' };
			state.paymentData = null;
		} else {
			const paymentMethodData = Object.assign(
				{},
				...responses.map((r) => (r === true ? {} : r.meta?.paymentMethodData ?? {}))
			) as Record<string, string>;
			result = { type: 'success', paymentMethodData, responses };
			state.notice = null;
			state.paymentData = paymentMethodData;
		}
		render();
		return result;
	},
	canMakePaymentCalls: () => ({ ...calls }),
};
window.__harness = api;

/** Called by the page after build/index.js has registered its methods. */
(window as unknown as { __startCheckout: () => Promise<void> }).__startCheckout = async () => {
	await refreshAvailability();
	render();
	document.body.dataset.ready = 'true';
};
