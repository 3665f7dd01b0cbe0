import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import {
	PLURAL_FORMS,
	buildLocaleData,
	checkTranslations,
	extractFromText,
	extractMessages,
	jsonFileName,
	readTranslations,
} from '../scripts/make-json.mjs';
import { RU_JSON_PATH, readRussianJson } from './helpers/locale';

describe('JS translations', () => {
	const messages = extractMessages();
	const translations = readTranslations();

	it('finds the JS strings in src', () => {
		const keys = messages.map((m) => m.key);
		expect(keys).toContain('Online payment');
		expect(keys).toContain('Test mode');
		expect(keys).toContain('%1$d payment of %2$s');
		expect(messages.find((m) => m.key === '%1$d payment of %2$s')?.plural).toBe(
			'%1$d payments of %2$s'
		);
	});

	it('every JS msgid has a ru_RU translation with the same placeholders', () => {
		const { missing, problems } = checkTranslations(messages, translations);
		expect(missing, 'add these to blocks/i18n/ru_RU.json').toEqual([]);
		expect(problems).toEqual([]);
	});

	it('ru_RU.json holds no translations that no code uses', () => {
		expect(checkTranslations(messages, translations).unused).toEqual([]);
	});

	it('languages/ has the current JSON, named with md5("build/index.js") as WordPress looks it up', () => {
		const md5 = createHash('md5').update('build/index.js').digest('hex');
		expect(jsonFileName()).toBe(`ru-payments-for-woocommerce-ru_RU-${md5}.json`);
		expect(existsSync(RU_JSON_PATH), 'run "npm run i18n --workspace blocks"').toBe(true);

		const json = readRussianJson();
		expect(json.domain).toBe('messages');
		expect(json['translation-revision-date']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d\+0000$/);
		expect(json.locale_data.messages?.['']).toEqual({
			domain: 'messages',
			lang: 'ru_RU',
			'plural-forms': PLURAL_FORMS,
		});
		expect(json.locale_data.messages).toEqual(buildLocaleData(messages, translations));
	});
});

describe('extractFromText', () => {
	it('reads __, _x, _n and _nx calls, also inside sprintf and across lines', () => {
		const source = `
			sprintf( __( 'It\\'s "%s"', 'ru-payments-for-woocommerce' ), x );
			_x( "Post", 'verb', 'ru-payments-for-woocommerce' );
			sprintf(
				/* translators: %d: count */
				_n( '%d item', '%d items', items.length, 'ru-payments-for-woocommerce' ),
				items.length
			);
			_nx('%d file', '%d files', count(a, b), 'ctx', 'ru-payments-for-woocommerce',);
		`;
		expect(extractFromText(source, 'x.ts').map(({ key, plural }) => [key, plural])).toEqual([
			[`It's "%s"`, undefined],
			['verb\u0004Post', undefined],
			['%d item', '%d items'],
			['ctx\u0004%d file', '%d files'],
		]);
	});

	it('fails on non-literal arguments, a missing or foreign domain', () => {
		expect(() => extractFromText('__( message, "ru-payments-for-woocommerce" )')).toThrow(
			/string literals/
		);
		expect(() => extractFromText("__( 'Hello' )")).toThrow(/string literals/);
		expect(() => extractFromText("__( 'Hello', 'woocommerce' )")).toThrow(/text domain 'woocommerce'/);
	});

	it('reports a missing translation and a lost placeholder', () => {
		const messages = extractFromText(
			"__( 'Hello %s', 'ru-payments-for-woocommerce' ); _n( '%d a', '%d b', n, 'ru-payments-for-woocommerce' )"
		);
		expect(checkTranslations(messages, {}).missing).toEqual(['Hello %s', '%d a']);
		const { problems } = checkTranslations(messages, { 'Hello %s': 'Привет', '%d a': ['%d а', '%d б'] });
		expect(problems).toHaveLength(2);
	});
});
