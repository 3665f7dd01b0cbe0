/**
 * Test double of `@woocommerce/settings` (window.wc.wcSettings): getSetting
 * reads from an in-memory map that tests fill with `setSettings`.
 */
let settings: Record<string, unknown> = {};

export function getSetting<T = unknown>(
	name: string,
	fallback?: T,
	filter: (value: T, fallback: T) => T = (value) => value
): T {
	const value = (name in settings ? settings[name] : fallback) as T;
	return filter(value, fallback as T);
}

export function setSettings(values: Record<string, unknown>): void {
	settings = { ...settings, ...values };
}

export function resetSettings(): void {
	settings = {};
}
