import { getLocaleData } from '@wordpress/i18n';

/** Text domain of every JS string (translations: languages/*-<md5>.json). */
export const TEXT_DOMAIN = 'ru-payments-for-woocommerce';

/** "ru_RU" / "ru-RU" / "en" → a BCP 47 tag, or '' when unusable. */
function toLanguageTag(value: unknown): string {
	if (typeof value !== 'string') {
		return '';
	}
	const tag = value.trim().replace(/_/g, '-');
	return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag) ? tag : '';
}

/**
 * The locale amounts are formatted in: the language our strings are shown in
 * (the `lang` of the loaded translation, so Russian text gets "7 500 ₽"),
 * else the page language (`<html lang>`, set by WordPress), else en-US.
 */
export function moneyLocale(): string {
	const header = getLocaleData(TEXT_DOMAIN)?.[''];
	const fromTranslation =
		header && !Array.isArray(header) ? toLanguageTag(header.lang) : '';
	if (fromTranslation !== '') {
		return fromTranslation;
	}
	const fromPage =
		typeof document !== 'undefined' ? toLanguageTag(document.documentElement.lang) : '';
	return fromPage !== '' ? fromPage : 'en-US';
}
