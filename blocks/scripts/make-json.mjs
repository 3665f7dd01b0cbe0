#!/usr/bin/env node
/**
 * JS translations of the blocks, as `wp i18n make-json` would make them.
 *
 * 1. Extracts every msgid from src/ (`__( '…', domain )`, `_x( '…', 'ctx', domain )`,
 *    `_n( '…', '…', n, domain )`, `_nx( … )`, also inside `sprintf( … )`):
 *    string literals only; any other call of these functions fails the run.
 * 2. Takes the Russian translations from i18n/ru_RU.json (msgid → translation;
 *    plurals: an array of the 3 Russian forms; with a context the key is
 *    "context\u0004msgid") and fails when a msgid has none, or a translation
 *    loses or adds a printf placeholder.
 * 3. Writes languages/ru-payments-for-woocommerce-ru_RU-<md5>.json (Jed 1.x),
 *    md5 = md5('build/index.js'): the script's path relative to the plugin
 *    root, as WordPress' load_script_textdomain() computes it. The revision
 *    date only changes when the translations do.
 *
 * Usage: node scripts/make-json.mjs [--check]   (--check: verify, write nothing)
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEXT_DOMAIN = 'ru-payments-for-woocommerce';
export const LOCALE = 'ru_RU';
/** The script WordPress loads, relative to the plugin root (ZIP: build/index.js). */
export const SCRIPT_PATH = 'build/index.js';
export const PLURAL_FORMS =
	'nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);';
const NPLURALS = 3;
const CONTEXT_GLUE = '\u0004';
const GENERATOR = 'ru-payments-for-woocommerce blocks/scripts/make-json.mjs';

const blocksDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PATHS = {
	src: join(blocksDir, 'src'),
	translations: join(blocksDir, 'i18n', `${LOCALE}.json`),
	languages: join(blocksDir, '..', 'languages'),
};

export class I18nError extends Error {}

/** `ru-payments-for-woocommerce-ru_RU-<md5 of build/index.js>.json` */
export function jsonFileName(locale = LOCALE, scriptPath = SCRIPT_PATH) {
	const md5 = createHash('md5').update(scriptPath).digest('hex');
	return `${TEXT_DOMAIN}-${locale}-${md5}.json`;
}

// ── extraction ──────────────────────────────────────────────────────────────

const STR = String.raw`'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"`;
// Whitespace, possibly with comments (translator comments sit between args).
const WS = String.raw`(?:\s|/\*[\s\S]*?\*/|//[^\n]*\n)*`;
const ARG = (name) => `${WS}(?<${name}>${STR})${WS}`;
// The number argument of _n/_nx: anything up to the domain string literal.
const EXPR = String.raw`${WS}[^;{}]*?${WS}`;
const CALLS = {
	__: [ARG('msgid'), ARG('domain')],
	_x: [ARG('msgid'), ARG('context'), ARG('domain')],
	_n: [ARG('msgid'), ARG('plural'), EXPR, ARG('domain')],
	_nx: [ARG('msgid'), ARG('plural'), EXPR, ARG('context'), ARG('domain')],
};
const CALL_PATTERNS = Object.entries(CALLS).map(([fn, args]) => ({
	fn,
	re: new RegExp(String.raw`(?<![\w$.])${fn}\s*\(${args.join(',')},?${WS}\)`, 'y'),
}));
const ANY_CALL = /(?<![\w$.])(__|_x|_n|_nx)\s*\(/g;

/** The value of a JS string literal ('…' or "…"). */
function unquote(literal, where) {
	const quote = literal[0];
	let body = literal.slice(1, -1);
	if (quote === "'") {
		body = body.replace(/\\'/g, "'").replace(/(^|[^\\])((?:\\\\)*)"/g, '$1$2\\"');
	}
	try {
		return JSON.parse(`"${body}"`);
	} catch {
		throw new I18nError(`${where}: unsupported escape in ${literal}`);
	}
}

function lineOf(text, index) {
	let line = 1;
	for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
	return line;
}

/**
 * The messages of one source text, in order: { key, msgid, plural?, context?, references }.
 * Throws I18nError for a call that is not made of literals or has another domain.
 */
export function extractFromText(text, file = '<text>') {
	const messages = [];
	for (const match of text.matchAll(ANY_CALL)) {
		const where = `${file}:${lineOf(text, match.index)}`;
		const fn = match[1];
		const pattern = CALL_PATTERNS.find((p) => p.fn === fn);
		pattern.re.lastIndex = match.index;
		const call = pattern.re.exec(text);
		if (!call) {
			throw new I18nError(
				`${where}: ${fn}() must be called with string literals and the '${TEXT_DOMAIN}' domain`
			);
		}
		const g = call.groups;
		const domain = unquote(g.domain, where);
		if (domain !== TEXT_DOMAIN) {
			throw new I18nError(`${where}: text domain '${domain}', expected '${TEXT_DOMAIN}'`);
		}
		const msgid = unquote(g.msgid, where);
		const context = g.context === undefined ? undefined : unquote(g.context, where);
		const plural = g.plural === undefined ? undefined : unquote(g.plural, where);
		if (msgid === '') {
			throw new I18nError(`${where}: empty msgid`);
		}
		messages.push({
			key: context === undefined ? msgid : `${context}${CONTEXT_GLUE}${msgid}`,
			msgid,
			...(plural === undefined ? {} : { plural }),
			...(context === undefined ? {} : { context }),
			references: [where],
		});
	}
	return messages;
}

function sourceFiles(dir) {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile() && /\.(?:[cm]?[jt]sx?)$/.test(e.name) && !/\.d\.[cm]?ts$/.test(e.name))
		.map((e) => join(e.parentPath ?? e.path, e.name))
		.sort();
}

/** All messages under `srcDir`, merged by key (first appearance first). */
export function extractMessages(srcDir = PATHS.src) {
	const byKey = new Map();
	for (const file of sourceFiles(srcDir)) {
		const name = relative(join(srcDir, '..'), file).split(sep).join('/');
		for (const message of extractFromText(readFileSync(file, 'utf8'), name)) {
			const seen = byKey.get(message.key);
			if (!seen) {
				byKey.set(message.key, message);
			} else {
				if ((seen.plural ?? null) !== (message.plural ?? null)) {
					throw new I18nError(
						`${message.references[0]}: '${message.msgid}' is used with different plural forms (also ${seen.references[0]})`
					);
				}
				seen.references.push(...message.references);
			}
		}
	}
	return [...byKey.values()];
}

// ── translations ────────────────────────────────────────────────────────────

/** printf placeholders of a string, sorted: "%1$d of %2$s" → ["%1$d", "%2$s"]. */
export function placeholders(text) {
	return (text.match(/%(?:\d+\$)?[-+ 0#']*\d*(?:\.\d+)?[bcdeEufFgGosxX]/g) ?? []).sort();
}

export function readTranslations(file = PATHS.translations) {
	const data = JSON.parse(readFileSync(file, 'utf8'));
	if (!data || typeof data !== 'object' || Array.isArray(data)) {
		throw new I18nError(`${file}: expected an object of msgid → translation`);
	}
	return data;
}

/**
 * Problems of `translations` for `messages`: missing msgids, wrong shapes,
 * changed placeholders. `unused` lists translations no source uses.
 */
export function checkTranslations(messages, translations) {
	const missing = [];
	const problems = [];
	for (const m of messages) {
		const t = translations[m.key];
		if (t === undefined || t === '' || (Array.isArray(t) && t.length === 0)) {
			missing.push(m.key);
			continue;
		}
		const forms = m.plural === undefined ? [t] : t;
		if (m.plural === undefined && typeof t !== 'string') {
			problems.push(`'${m.key}': expected a string`);
			continue;
		}
		if (m.plural !== undefined && (!Array.isArray(t) || t.length !== NPLURALS || t.some((f) => typeof f !== 'string' || f === ''))) {
			problems.push(`'${m.key}': plural, expected an array of ${NPLURALS} non-empty strings`);
			continue;
		}
		const expected = JSON.stringify(
			[...new Set([...placeholders(m.msgid), ...placeholders(m.plural ?? '')])].sort()
		);
		for (const form of forms) {
			const got = JSON.stringify([...new Set(placeholders(form))].sort());
			if (got !== expected) {
				problems.push(`'${m.key}': translation "${form}" has placeholders ${got}, expected ${expected}`);
			}
		}
	}
	const used = new Set(messages.map((m) => m.key));
	const unused = Object.keys(translations).filter((k) => !used.has(k));
	return { missing, problems, unused };
}

/** The Jed 1.x locale data WordPress' wp.i18n.setLocaleData takes. */
export function buildLocaleData(messages, translations, locale = LOCALE) {
	const data = {
		'': { domain: 'messages', lang: locale, 'plural-forms': PLURAL_FORMS },
	};
	for (const m of messages) {
		const t = translations[m.key];
		data[m.key] = Array.isArray(t) ? [...t] : [t];
	}
	return data;
}

function revisionDate(now = new Date()) {
	const iso = now.toISOString();
	return `${iso.slice(0, 10)} ${iso.slice(11, 16)}+0000`;
}

/** The whole JSON file, as `wp i18n make-json` writes it. */
export function buildJedFile(localeData, date = revisionDate()) {
	return {
		'translation-revision-date': date,
		generator: GENERATOR,
		source: SCRIPT_PATH,
		domain: 'messages',
		locale_data: { messages: localeData },
	};
}

/**
 * Extracts, checks and (unless `check`) writes the JSON file. Returns
 * { file, messages, unused, written }. Throws I18nError on any problem.
 */
export function makeJson({ check = false, paths = PATHS } = {}) {
	const messages = extractMessages(paths.src);
	const translations = readTranslations(paths.translations);
	const { missing, problems, unused } = checkTranslations(messages, translations);
	if (missing.length > 0 || problems.length > 0) {
		const lines = [
			...missing.map((key) => `missing ${LOCALE} translation: ${JSON.stringify(key)}`),
			...problems,
		];
		throw new I18nError(`${relative(process.cwd(), paths.translations)}:\n  ${lines.join('\n  ')}`);
	}
	const localeData = buildLocaleData(messages, translations);
	const file = join(paths.languages, jsonFileName());

	let date = revisionDate();
	if (existsSync(file)) {
		try {
			const previous = JSON.parse(readFileSync(file, 'utf8'));
			if (JSON.stringify(previous.locale_data?.messages) === JSON.stringify(localeData)) {
				date = previous['translation-revision-date'] ?? date;
			}
		} catch {
			// Unreadable: rewritten below.
		}
	}
	const text = JSON.stringify(buildJedFile(localeData, date));
	const current = existsSync(file) ? readFileSync(file, 'utf8') : null;
	if (check) {
		if (current !== text) {
			throw new I18nError(`${file} is out of date: run "npm run i18n --workspace blocks"`);
		}
		return { file, messages, unused, written: false };
	}
	if (current !== text) {
		writeFileSync(file, text);
	}
	// JSON of this domain and locale for another script path are ours and stale.
	const stale = new RegExp(`^${TEXT_DOMAIN}-${LOCALE}-[0-9a-f]{32}\\.json$`);
	for (const name of readdirSync(paths.languages)) {
		if (stale.test(name) && name !== jsonFileName()) {
			unlinkSync(join(paths.languages, name));
		}
	}
	return { file, messages, unused, written: current !== text };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	try {
		const check = process.argv.includes('--check');
		const { file, messages, unused, written } = makeJson({ check });
		for (const key of unused) {
			console.warn(`warning: unused ${LOCALE} translation: ${JSON.stringify(key)}`);
		}
		const where = relative(process.cwd(), file);
		console.log(
			`${messages.length} JS strings, ${LOCALE}: ${check ? 'up to date' : written ? 'wrote' : 'unchanged'} ${where}`
		);
	} catch (error) {
		if (error instanceof I18nError) {
			console.error(`i18n: ${error.message}`);
			process.exit(1);
		}
		throw error;
	}
}
