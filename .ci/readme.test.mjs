import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readVersionTxt, rootDir } from './version.mjs';

/** plugin/readme.txt split the way the WordPress.org readme parser reads it. */
function parseReadme(text) {
	const [head, ...rest] = text.split(/^== (.+?) ==\s*$/m);
	const headers = Object.fromEntries(
		[...head.matchAll(/^([A-Za-z][A-Za-z ]+):[ \t]*(.*)$/gm)].map(([, name, value]) => [name.trim(), value.trim()])
	);
	const sections = {};
	for (let i = 0; i < rest.length; i += 2) sections[rest[i]] = rest[i + 1].trim();
	return { title: /^=== (.+) ===$/m.exec(head)?.[1], headers, sections };
}

const readme = parseReadme(readFileSync(join(rootDir, 'plugin/readme.txt'), 'utf8'));
const mainFile = readFileSync(join(rootDir, 'plugin/ru-payments-for-woocommerce.php'), 'utf8').slice(0, 8192);
const pluginHeader = (name) => new RegExp(`^[ \\t/*#@]*${name}:[ \\t]*(.+?)\\s*$`, 'm').exec(mainFile)?.[1];

describe('plugin/readme.txt (WordPress.org format)', () => {
	it('names the plugin as its main file does', () => {
		assert.equal(readme.title, pluginHeader('Plugin Name'));
	});

	it('has the headers the directory needs, matching the plugin header', () => {
		const h = readme.headers;
		assert.equal(h['Tested up to'], '7.0');
		assert.equal(h['WC tested up to'], '11.0');
		assert.equal(h['Requires PHP'], '8.1');
		assert.equal(h['Requires Plugins'], 'woocommerce');
		assert.equal(h['Stable tag'], readVersionTxt());
		assert.equal(h['License'], 'GPL-2.0-or-later');
		for (const name of ['Requires at least', 'Requires PHP', 'Requires Plugins', 'WC tested up to']) {
			assert.equal(h[name], pluginHeader(name), `${name} equals the plugin header`);
		}
		assert.ok((h.Tags ?? '').split(',').length <= 5, 'at most 5 tags');
		// Contributors are WordPress.org user names; none is better than an invented one.
		assert.equal(h.Contributors, undefined);
	});

	it('has a short description of at most 150 characters', () => {
		const afterHeaders = readFileSync(join(rootDir, 'plugin/readme.txt'), 'utf8').split(/^== /m)[0].trim().split(/\n\s*\n/).at(-1);
		assert.ok(afterHeaders.length > 20 && afterHeaders.length <= 150, afterHeaders);
	});

	it('has every required section, none empty', () => {
		for (const name of ['Description', 'Installation', 'Frequently Asked Questions', 'External services', 'Screenshots', 'Changelog', 'Upgrade Notice']) {
			assert.ok(readme.sections[name]?.length > 0, `== ${name} ==`);
		}
	});

	it('external services say what goes to the sidecar and to each provider, with links', () => {
		const text = readme.sections['External services'];
		assert.match(text, /sidecar/i);
		assert.match(text, /you \(the shop\) run/);
		for (const provider of ['Invoicebox', 'Dolyame', 'IntellectMoney', 'Sber', 'Koshelek']) {
			const line = text.split('\n').find((l) => l.startsWith(`* **${provider}`));
			assert.ok(line, `${provider} has its own entry`);
			assert.match(line, /https:\/\/\S+/, `${provider} links its terms and privacy documents`);
		}
	});

	it('lists numbered screenshots', () => {
		const items = readme.sections.Screenshots.split('\n').filter((l) => /^\d+\. \S/.test(l));
		assert.ok(items.length >= 3);
		items.forEach((line, i) => assert.ok(line.startsWith(`${i + 1}. `), line));
	});
});
