#!/usr/bin/env node
/**
 * version.txt is the one source of the release version. Every other place that states it is
 * listed here once: the check (.ci/version.test.mjs) reads them all, and
 * `npm run version:set -- 1.2.3` rewrites them all (then updates version.txt last).
 *
 * Derived without a copy, so not listed: the sidecar's VERSION (sidecar/src/version.ts reads
 * sidecar/package.json), the app id sent to providers (the plugin sends RU_PAYMENTS_VERSION as
 * metadata.plugin_version), and the ZIP name (.ci/package.mjs reads version.txt).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const VERSION_RE = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/** A place in a text file: `pattern` has one group, the version. */
const textTarget = (file, label, pattern) => ({
	file,
	label,
	read: (text) => pattern.exec(text)?.[1] ?? null,
	write: (text, version) => text.replace(pattern, (whole, old) => whole.replace(old, version)),
});

/** The top-level "version" of a package.json. */
const packageTarget = (file) => ({
	file,
	label: `${file} "version"`,
	read: (text) => JSON.parse(text).version ?? null,
	write: (text, version) => {
		const json = JSON.parse(text);
		if (json.version === undefined) throw new Error(`${file} has no "version"`);
		return text.replace(/^(\s*"version":\s*")[^"]*(")/m, `$1${version}$2`);
	},
});

/** The workspace packages' versions recorded in package-lock.json. */
const lockTarget = (key) => ({
	file: 'package-lock.json',
	label: `package-lock.json packages["${key}"].version`,
	read: (text) => JSON.parse(text).packages?.[key]?.version ?? null,
	write: (text, version) => {
		const json = JSON.parse(text);
		json.packages[key].version = version;
		return `${JSON.stringify(json, null, 2)}\n`;
	},
});

export const TARGETS = [
	textTarget('plugin/ru-payments-for-woocommerce.php', 'plugin header Version:', /^[ \t/*#@]*Version:[ \t]*([^\s*]+)/m),
	textTarget('plugin/ru-payments-for-woocommerce.php', 'RU_PAYMENTS_VERSION', /define\(\s*'RU_PAYMENTS_VERSION',\s*'([^']+)'\s*\)/),
	textTarget('plugin/readme.txt', 'readme.txt Stable tag', /^Stable tag:[ \t]*(\S+)/m),
	packageTarget('package.json'),
	packageTarget('sidecar/package.json'),
	packageTarget('blocks/package.json'),
	packageTarget('e2e/package.json'),
	lockTarget(''),
	lockTarget('sidecar'),
	lockTarget('blocks'),
	lockTarget('e2e'),
];

export const rootDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function readVersionTxt(root = rootDir) {
	return readFileSync(join(root, 'version.txt'), 'utf8').trim();
}

/** Every listed place with the version it states (null when the place is missing). */
export function statedVersions(root = rootDir) {
	return TARGETS.map((t) => ({ file: t.file, label: t.label, version: t.read(readFileSync(join(root, t.file), 'utf8')) }));
}

/** Rewrites every listed place and version.txt. */
export function setVersion(version, root = rootDir) {
	if (!VERSION_RE.test(version)) throw new Error(`"${version}" is not a version like 1.2.3`);
	const texts = new Map();
	for (const t of TARGETS) {
		const before = texts.get(t.file) ?? readFileSync(join(root, t.file), 'utf8');
		if (t.read(before) === null) throw new Error(`${t.label}: not found in ${t.file}`);
		texts.set(t.file, t.write(before, version));
	}
	for (const [file, text] of texts) writeFileSync(join(root, file), text);
	writeFileSync(join(root, 'version.txt'), `${version}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const [command, version] = process.argv.slice(2);
	if (command !== 'set' || !version) {
		console.error('Usage: npm run version:set -- 1.2.3');
		process.exit(2);
	}
	try {
		setVersion(version);
		console.log(`Version ${version}: version.txt and ${TARGETS.length} places updated. Add a CHANGELOG.md section and a readme.txt changelog entry.`);
	} catch (error) {
		console.error(`version: ${error.message}`);
		process.exit(1);
	}
}
