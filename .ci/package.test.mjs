// node --test .ci/package.test.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
	buildPackage,
	listZipEntries,
	readPluginHeaderVersion,
	readZip,
	repoPaths,
	PackageError,
} from './package.mjs';

const PHP81_CHECK = join(dirname(new URL(import.meta.url).pathname), 'php81-syntax.php');

const MAIN = (version) => `<?php
/**
 * Plugin Name: RU Payments for WooCommerce
 * Description: Test fixture.
 * Version: ${version}
 * Requires PHP: 8.1
 * Text Domain: ru-payments-for-woocommerce
 */
defined( 'ABSPATH' ) || exit;
`;

function write(root, rel, content = '') {
	const file = join(root, rel);
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, content);
}

function fixture(version = '1.2.3', headerVersion = version) {
	const root = mkdtempSync(join(tmpdir(), 'rup-package-'));
	const pluginDir = join(root, 'plugin');
	write(pluginDir, 'ru-payments-for-woocommerce.php', MAIN(headerVersion));
	write(pluginDir, 'readme.txt', '=== RU Payments for WooCommerce ===\nStable tag: 1.2.3\n');
	write(pluginDir, 'uninstall.php', '<?php');
	write(pluginDir, 'src/Gateway/Card.php', '<?php');
	write(pluginDir, 'src/Gateway/.DS_Store', 'x');
	write(pluginDir, 'assets/icons/mir.svg', '<svg/>');
	write(pluginDir, 'tests/Unit/CardTest.php', '<?php');
	write(pluginDir, 'tests/fixtures/a.json', '{}');
	write(pluginDir, 'bin/install-wp-tests.sh', '#!/bin/sh');
	write(pluginDir, 'phpunit.xml.dist', '<phpunit/>');
	write(pluginDir, 'phpunit-integration.xml.dist', '<phpunit/>');
	write(pluginDir, 'assets/js/admin.js.map', '{}');
	write(pluginDir, '.gitignore', 'vendor');
	write(pluginDir, '.phpunit.cache/x', 'x');
	write(pluginDir, 'node_modules/x/index.js', '');
	// Provided from elsewhere, so ignored in plugin/:
	write(pluginDir, 'build/stale.js', '');
	write(pluginDir, 'languages/stale.po', '');

	const blocksBuildDir = join(root, 'blocks-build');
	write(blocksBuildDir, 'index.js', '(()=>{})();');
	write(blocksBuildDir, 'index.asset.php', "<?php return array('dependencies' => array(), 'version' => 'x');");

	const languagesDir = join(root, 'languages');
	write(languagesDir, 'ru-payments-for-woocommerce.pot', 'msgid ""');
	write(languagesDir, 'ru-payments-for-woocommerce-ru_RU.po', 'msgid ""');
	write(languagesDir, 'ru-payments-for-woocommerce-ru_RU.mo', Buffer.from([0xde, 0x12, 0x04, 0x95]));
	write(languagesDir, '.gitkeep', '');

	const versionFile = join(root, 'version.txt');
	write(root, 'version.txt', `${version}\n`);
	const outDir = join(root, 'dist');
	return { root, pluginDir, blocksBuildDir, languagesDir, versionFile, outDir };
}

const roots = [];
function tracked(f) {
	roots.push(f.root);
	return f;
}
after(() => {
	for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe('buildPackage', () => {
	it('zips plugin/ minus tests, bin, phpunit.xml.dist and dotfiles, plus build, languages, version.txt', async () => {
		const f = tracked(fixture());
		const { zipPath, version, entries } = await buildPackage(f);
		assert.equal(version, '1.2.3');
		assert.equal(zipPath, join(f.outDir, 'ru-payments-for-woocommerce-1.2.3.zip'));
		assert.deepEqual(await listZipEntries(zipPath), entries);
		assert.deepEqual(entries, [
			'ru-payments-for-woocommerce/',
			'ru-payments-for-woocommerce/assets/',
			'ru-payments-for-woocommerce/assets/icons/',
			'ru-payments-for-woocommerce/assets/icons/mir.svg',
			'ru-payments-for-woocommerce/assets/js/',
			'ru-payments-for-woocommerce/build/',
			'ru-payments-for-woocommerce/build/index.asset.php',
			'ru-payments-for-woocommerce/build/index.js',
			'ru-payments-for-woocommerce/languages/',
			'ru-payments-for-woocommerce/languages/ru-payments-for-woocommerce-ru_RU.mo',
			'ru-payments-for-woocommerce/languages/ru-payments-for-woocommerce-ru_RU.po',
			'ru-payments-for-woocommerce/languages/ru-payments-for-woocommerce.pot',
			'ru-payments-for-woocommerce/readme.txt',
			'ru-payments-for-woocommerce/ru-payments-for-woocommerce.php',
			'ru-payments-for-woocommerce/src/',
			'ru-payments-for-woocommerce/src/Gateway/',
			'ru-payments-for-woocommerce/src/Gateway/Card.php',
			'ru-payments-for-woocommerce/uninstall.php',
			'ru-payments-for-woocommerce/version.txt',
		]);
	});

	it('stores the file contents intact', async () => {
		const f = tracked(fixture('2.0.0-rc.1'));
		const { zipPath } = await buildPackage(f);
		const files = new Map((await readZip(zipPath)).map((e) => [e.name, e.data]));
		assert.equal(files.get('ru-payments-for-woocommerce/version.txt').toString(), '2.0.0-rc.1\n');
		assert.equal(files.get('ru-payments-for-woocommerce/build/index.js').toString(), '(()=>{})();');
		assert.deepEqual(
			[...files.get('ru-payments-for-woocommerce/languages/ru-payments-for-woocommerce-ru_RU.mo')],
			[0xde, 0x12, 0x04, 0x95]
		);
		assert.match(
			files.get('ru-payments-for-woocommerce/ru-payments-for-woocommerce.php').toString(),
			/Version: 2\.0\.0-rc\.1/
		);
	});

	it('leaves the unpacked plugin folder, refilled on each run, identical to the zip', async () => {
		const f = tracked(fixture());
		const stageDir = join(f.outDir, 'ru-payments-for-woocommerce');
		write(stageDir, 'stale.php', '<?php');
		write(stageDir, 'tests/old.php', '<?php');
		const inode = statSync(stageDir).ino;
		const { stageDir: returned, zipPath } = await buildPackage(f);
		assert.equal(returned, stageDir);
		// Emptied, not replaced: a bind mount of the folder keeps seeing it.
		assert.equal(statSync(stageDir).ino, inode);
		const onDisk = readdirSync(stageDir, { recursive: true })
			.map((rel) => `ru-payments-for-woocommerce/${rel}${statSync(join(stageDir, rel)).isDirectory() ? '/' : ''}`)
			.concat('ru-payments-for-woocommerce/')
			.sort();
		assert.deepEqual(onDisk, await listZipEntries(zipPath));
		for (const { name, data } of await readZip(zipPath)) {
			if (!name.endsWith('/')) assert.deepEqual(readFileSync(join(f.outDir, name)), data, name);
		}
	});

	it('produces a zip that unzip accepts', { skip: spawnSync('unzip', ['-v']).status !== 0 && 'no unzip' }, async () => {
		const f = tracked(fixture());
		const { zipPath } = await buildPackage(f);
		const result = spawnSync('unzip', ['-t', zipPath], { encoding: 'utf8' });
		assert.equal(result.status, 0, result.stdout + result.stderr);
		assert.match(result.stdout, /No errors detected/);
	});

	it('fails when the main file Version header differs from version.txt, writing nothing', async () => {
		const f = tracked(fixture('1.2.4', '1.2.3'));
		await assert.rejects(buildPackage(f), (e) => e instanceof PackageError && /does not match/.test(e.message));
		assert.equal(existsSync(f.outDir), false);
	});

	it('fails without a plugin main file, a Version header or a blocks build', async () => {
		const a = tracked(fixture());
		rmSync(join(a.pluginDir, 'ru-payments-for-woocommerce.php'));
		await assert.rejects(buildPackage(a), /Missing plugin main file/);

		const b = tracked(fixture());
		write(b.pluginDir, 'ru-payments-for-woocommerce.php', '<?php\n/* Plugin Name: X */\n');
		await assert.rejects(buildPackage(b), /no "Version:" header/);

		const c = tracked(fixture());
		rmSync(join(c.blocksBuildDir, 'index.js'));
		await assert.rejects(buildPackage(c), /build the blocks first/);
		assert.equal(existsSync(c.outDir), false);
	});

	it('rejects a version.txt that is not a version', async () => {
		const f = tracked(fixture());
		writeFileSync(f.versionFile, '../../evil\n');
		await assert.rejects(buildPackage(f), /is not a version/);
	});
});

describe('readPluginHeaderVersion', () => {
	it('reads headers the way WordPress does', () => {
		const root = tracked({ root: mkdtempSync(join(tmpdir(), 'rup-header-')) }).root;
		write(root, 'a.php', '<?php\n/*\nPlugin Name: A\nVersion:   3.4.5   */\n');
		assert.equal(readPluginHeaderVersion(join(root, 'a.php')), '3.4.5');
		write(root, 'b.php', '<?php\r\n/**\r\n * Version: 0.1.0\r\n */\r\n');
		assert.equal(readPluginHeaderVersion(join(root, 'b.php')), '0.1.0');
	});
});

describe('this repository', () => {
	const paths = repoPaths();
	const missing = [
		join(paths.pluginDir, 'ru-payments-for-woocommerce.php'),
		join(paths.pluginDir, 'readme.txt'),
		join(paths.blocksBuildDir, 'index.js'),
	].filter((file) => !existsSync(file));
	let outDir;
	before(() => {
		outDir = mkdtempSync(join(tmpdir(), 'rup-dist-'));
		roots.push(outDir);
	});

	it('packages plugin/ with the blocks build: one folder, no dev files, PHP 8.1 syntax', { skip: missing.length > 0 && `missing ${missing.join(', ')}` }, async () => {
		const { zipPath, entries, stageDir } = await buildPackage({ ...paths, outDir });
		const names = await listZipEntries(zipPath);
		assert.deepEqual(names, entries);
		for (const required of [
			'ru-payments-for-woocommerce/ru-payments-for-woocommerce.php',
			'ru-payments-for-woocommerce/readme.txt',
			'ru-payments-for-woocommerce/version.txt',
			'ru-payments-for-woocommerce/build/index.js',
			'ru-payments-for-woocommerce/build/index.asset.php',
			'ru-payments-for-woocommerce/languages/',
			'ru-payments-for-woocommerce/languages/ru-payments-for-woocommerce.pot',
			'ru-payments-for-woocommerce/languages/ru-payments-for-woocommerce-ru_RU.po',
			'ru-payments-for-woocommerce/languages/ru-payments-for-woocommerce-ru_RU.mo',
		]) {
			assert.ok(names.includes(required), `${required} in zip`);
		}
		assert.deepEqual([...new Set(names.map((n) => n.split('/')[0]))], ['ru-payments-for-woocommerce'], 'one top folder');
		for (const name of names) {
			assert.ok(!/(^|\/)(tests|bin|node_modules|drafts)\//.test(name.slice('ru-payments-for-woocommerce/'.length)), name);
			assert.ok(!/(^|\/)\.[^/]/.test(name), `no dotfiles: ${name}`);
			assert.ok(!/(^|\/)phpunit[^/]*$|\.map$|\.draft\.[a-z]+$|\.(ts|tsx|scss)$|(^|\/)(package(-lock)?\.json|composer\.(json|lock)|tsconfig\.json)$/.test(name), `no dev file: ${name}`);
		}
		const phpFiles = names.filter((n) => n.endsWith('.php')).map((n) => join(outDir, n));
		assert.ok(phpFiles.length > 50, `${phpFiles.length} PHP files`);
		for (const file of phpFiles) {
			const lint = spawnSync('php', ['-l', file], { encoding: 'utf8' });
			assert.equal(lint.status, 0, `php -l ${file}: ${lint.stdout}${lint.stderr}`);
		}
		const syntax = spawnSync('php', [PHP81_CHECK, stageDir], { encoding: 'utf8' });
		assert.equal(syntax.status, 0, `syntax newer than PHP 8.1:\n${syntax.stdout}${syntax.stderr}`);
	});
});

describe('the PHP 8.1 syntax check', { skip: spawnSync('php', ['-v']).status !== 0 && 'no php' }, () => {
	it('finds 8.2+ syntax and functions, and passes 8.1 code', () => {
		const dir = tracked({ root: mkdtempSync(join(tmpdir(), 'rup-php81-')) }).root;
		write(dir, 'new.php', '<?php\nfinal readonly class A {\n\tconst string X = "a";\n\tpublic function f( (A&B)|null $x ): true { return json_validate( "1" ); }\n\tpublic function g( false $f ): null { return null; }\n}\n');
		write(dir, 'old.php', '<?php\nfinal class A {\n\tpublic function __construct( private readonly int $a, int|false $b = false ) {}\n\tpublic function f( array $x ): ?bool { return $x ? true : null; }\n}\n');
		const bad = spawnSync('php', [PHP81_CHECK, join(dir, 'new.php')], { encoding: 'utf8' });
		assert.equal(bad.status, 1);
		assert.deepEqual(
			bad.stdout.trim().split('\n').map((l) => l.replace(/^.*new\.php:/, '')),
			['2: readonly class (PHP 8.2)', '3: typed class constant (PHP 8.3)', '4: DNF type (PHP 8.2)', '4: standalone true type (PHP 8.2)', '4: json_validate() (newer than PHP 8.1)', '5: standalone false type (PHP 8.2)', '5: standalone null type (PHP 8.2)']
		);
		const good = spawnSync('php', [PHP81_CHECK, join(dir, 'old.php')], { encoding: 'utf8' });
		assert.equal(good.status, 0, good.stdout);
	});
});
