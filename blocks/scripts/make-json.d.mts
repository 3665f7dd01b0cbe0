/** Types of scripts/make-json.mjs for the tests. */
export declare const TEXT_DOMAIN: string;
export declare const LOCALE: string;
export declare const SCRIPT_PATH: string;
export declare const PLURAL_FORMS: string;
export declare const PATHS: { src: string; translations: string; languages: string };

export declare class I18nError extends Error {}

export interface ExtractedMessage {
	key: string;
	msgid: string;
	plural?: string;
	context?: string;
	references: string[];
}

export type Translations = Record<string, string | string[]>;

export declare function jsonFileName(locale?: string, scriptPath?: string): string;
export declare function extractFromText(text: string, file?: string): ExtractedMessage[];
export declare function extractMessages(srcDir?: string): ExtractedMessage[];
export declare function placeholders(text: string): string[];
export declare function readTranslations(file?: string): Translations;
export declare function checkTranslations(
	messages: ExtractedMessage[],
	translations: Translations
): { missing: string[]; problems: string[]; unused: string[] };
export declare function buildLocaleData(
	messages: ExtractedMessage[],
	translations: Translations,
	locale?: string
): Record<string, unknown>;
export declare function buildJedFile(
	localeData: Record<string, unknown>,
	date?: string
): Record<string, unknown>;
export declare function makeJson(options?: {
	check?: boolean;
	paths?: { src: string; translations: string; languages: string };
}): { file: string; messages: ExtractedMessage[]; unused: string[]; written: boolean };
