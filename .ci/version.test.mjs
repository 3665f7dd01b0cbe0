import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TARGETS, readVersionTxt, rootDir, setVersion, statedVersions } from './version.mjs';

const temps = [];
after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the files that state the version. */
function copyOfRepo() {
	const dir = mkdtempSync(join(tmpdir(), 'rup-version-'));
	temps.push(dir);
	for (const file of new Set([...TARGETS.map((t) => t.file), 'version.txt'])) {
		mkdirSync(dirname(join(dir, file)), { recursive: true });
		cpSync(join(rootDir, file), join(dir, file));
	}
	return dir;
}

describe('version.txt is the single source of the version', () => {
	it('every place that states the version states version.txt', () => {
		const version = readVersionTxt();
		const wrong = statedVersions().filter((s) => s.version !== version);
		assert.deepEqual(wrong, [], `version.txt says ${version}`);
	});

	it('CHANGELOG.md and the readme changelog have an entry for this version, and the readme an upgrade notice', () => {
		const version = readVersionTxt();
		const esc = version.replace(/\./g, '\\.');
		assert.match(readFileSync(join(rootDir, 'CHANGELOG.md'), 'utf8'), new RegExp(`^## \\[${esc}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
		const readme = readFileSync(join(rootDir, 'plugin/readme.txt'), 'utf8');
		const [, changelog = '', upgrade = ''] = readme.split(/^== (?:Changelog|Upgrade Notice) ==$/m);
		assert.match(changelog, new RegExp(`^= ${esc} =$`, 'm'));
		assert.match(upgrade, new RegExp(`^= ${esc} =$`, 'm'));
	});

	it('a place left behind is reported by name', () => {
		const dir = copyOfRepo();
		const file = join(dir, 'blocks/package.json');
		writeFileSync(file, readFileSync(file, 'utf8').replace(/"version": "[^"]+"/, '"version": "9.9.9"'));
		const wrong = statedVersions(dir).filter((s) => s.version !== readVersionTxt(dir));
		assert.deepEqual(wrong.map((s) => [s.label, s.version]), [['blocks/package.json "version"', '9.9.9']]);
	});

	it('version:set rewrites every place and version.txt, touching nothing else', () => {
		const dir = copyOfRepo();
		const mainBefore = readFileSync(join(dir, 'plugin/ru-payments-for-woocommerce.php'), 'utf8');
		setVersion('3.4.5-rc.1', dir);
		assert.equal(readVersionTxt(dir), '3.4.5-rc.1');
		assert.deepEqual([...new Set(statedVersions(dir).map((s) => s.version))], ['3.4.5-rc.1']);
		const mainAfter = readFileSync(join(dir, 'plugin/ru-payments-for-woocommerce.php'), 'utf8');
		const changed = mainAfter.split('\n').filter((line, i) => line !== mainBefore.split('\n')[i]);
		assert.equal(changed.length, 2, changed.join('\n'));
		const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
		assert.equal(lock.packages['node_modules/yazl']?.version, JSON.parse(readFileSync(join(rootDir, 'package-lock.json'), 'utf8')).packages['node_modules/yazl']?.version);
	});

	it('refuses what is not a version, writing nothing', () => {
		const dir = copyOfRepo();
		const before = readVersionTxt(dir);
		assert.throws(() => setVersion('../1.0', dir), /not a version/);
		assert.equal(readVersionTxt(dir), before);
	});
});
