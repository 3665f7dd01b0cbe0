/**
 * Switches @wordpress/i18n between English (no translations) and Russian,
 * loaded from the generated languages/*.json the way WordPress does
 * (wp_set_script_translations → wp.i18n.setLocaleData(locale_data, domain)).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { resetLocaleData, setLocaleData, type LocaleData } from '@wordpress/i18n';

import { PATHS, jsonFileName } from '../../scripts/make-json.mjs';

export const DOMAIN = 'ru-payments-for-woocommerce';

export const RU_JSON_PATH = join(PATHS.languages, jsonFileName());

export interface JedFile {
	'translation-revision-date': string;
	generator: string;
	domain: string;
	locale_data: Record<string, LocaleData>;
}

export function readRussianJson(): JedFile {
	return JSON.parse(readFileSync(RU_JSON_PATH, 'utf8')) as JedFile;
}

export function useRussian(): void {
	const json = readRussianJson();
	const localeData = json.locale_data[DOMAIN] ?? json.locale_data.messages;
	if (!localeData) {
		throw new Error(`${RU_JSON_PATH}: no locale_data`);
	}
	// What WordPress' inline translation script does before setLocaleData.
	const header = localeData[''];
	if (header && !Array.isArray(header)) {
		header.domain = DOMAIN;
	}
	resetLocaleData();
	setLocaleData(localeData, DOMAIN);
}

export function useEnglish(): void {
	resetLocaleData();
}

/** Intl uses (narrow) no-break spaces in numbers: make them plain for comparisons. */
export function plainSpaces(text: string | null | undefined): string {
	return (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
}
