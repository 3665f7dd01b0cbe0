#!/usr/bin/env node
/**
 * Builds the installable WordPress plugin:
 *
 *   dist/ru-payments-for-woocommerce/            ← unpacked, mounted by docker-compose.yml
 *   dist/ru-payments-for-woocommerce-<version>.zip  ← the same folder, zipped
 *
 *   ru-payments-for-woocommerce/
 *   ├── … everything in plugin/ except tests/, bin/, phpunit.xml.dist,
 *   │     dotfiles and node_modules
 *   ├── build/       ← blocks/build (built first if missing)
 *   ├── languages/   ← languages/
 *   ├── readme.txt   (from plugin/)
 *   └── version.txt
 *
 * Before anything is written, the `Version:` header of the plugin main file
 * must equal version.txt. The unpacked folder is emptied and refilled on each
 * run (the folder itself is kept, so a running `docker compose` stack sees the
 * new files). The zip is written with yazl; SOURCE_DATE_EPOCH, when set, fixes
 * every entry's time (reproducible zips).
 *
 * Usage: node .ci/package.mjs [--build]   (--build: rebuild blocks first)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import yazl from 'yazl';

export const SLUG = 'ru-payments-for-woocommerce';
export const MAIN_FILE = `${SLUG}.php`;

/**
 * Top-level entries of plugin/ that are not taken from plugin/: tests/, bin/
 * and phpunit.xml.dist never ship; build/, languages/ and version.txt come
 * from blocks/build, languages/ and the repository root instead.
 */
const PLUGIN_SKIPPED_TOP = new Set(['tests', 'bin', 'phpunit.xml.dist', 'build', 'languages', 'version.txt']);

/** Development files skipped at every level: PHPUnit configurations and source maps. */
const DEV_FILE = /^phpunit[^/]*\.xml(\.dist)?$|\.map$/;

const VERSION_RE = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;

export class PackageError extends Error {}

/** version.txt, trimmed; must look like a version (it ends up in a file name). */
export function readVersion(versionFile) {
	if (!existsSync(versionFile)) {
		throw new PackageError(`Missing ${versionFile}`);
	}
	const version = readFileSync(versionFile, 'utf8').trim();
	if (!VERSION_RE.test(version)) {
		throw new PackageError(`${versionFile}: "${version}" is not a version like 1.2.3`);
	}
	return version;
}

/**
 * The `Version:` header of a plugin main file, read like WordPress'
 * get_file_data(): first 8 KiB, header name at the start of a comment line.
 */
export function readPluginHeaderVersion(mainFile) {
	if (!existsSync(mainFile)) {
		throw new PackageError(`Missing plugin main file ${mainFile}`);
	}
	const head = readFileSync(mainFile).subarray(0, 8192).toString('utf8').replace(/\r/g, '\n');
	const match = /^(?:[ \t]*<\?php)?[ \t/*#@]*Version:(.*)$/im.exec(head);
	if (!match) {
		throw new PackageError(`${mainFile}: no "Version:" header`);
	}
	return match[1].replace(/\s*(?:\*\/|\?>).*$/, '').trim();
}

export function checkPluginVersion(pluginDir, version) {
	const mainFile = join(pluginDir, MAIN_FILE);
	const header = readPluginHeaderVersion(mainFile);
	if (header !== version) {
		throw new PackageError(
			`${mainFile}: header "Version: ${header}" does not match version.txt "${version}"`
		);
	}
}

function checkSources({ pluginDir, blocksBuildDir, languagesDir }) {
	for (const [label, dir] of [
		['plugin', pluginDir],
		['blocks build', blocksBuildDir],
		['languages', languagesDir],
	]) {
		if (!existsSync(dir) || !statSync(dir).isDirectory()) {
			throw new PackageError(`Missing ${label} directory ${dir}`);
		}
	}
	if (!existsSync(join(blocksBuildDir, 'index.js'))) {
		throw new PackageError(`${blocksBuildDir} has no index.js: build the blocks first`);
	}
	if (!existsSync(join(pluginDir, 'readme.txt'))) {
		throw new PackageError(`Missing ${join(pluginDir, 'readme.txt')}`);
	}
}

/**
 * Fills `stageDir` (emptied first, but kept) with the plugin folder; dotfiles
 * and node_modules are skipped at every level, symlinks are followed.
 */
export function stagePlugin({ pluginDir, blocksBuildDir, languagesDir, versionFile }, stageDir) {
	mkdirSync(stageDir, { recursive: true });
	for (const name of readdirSync(stageDir)) rmSync(join(stageDir, name), { recursive: true, force: true });
	const copy = (dir, to, skipTop = new Set()) => {
		const from = resolve(dir);
		cpSync(from, to, {
			recursive: true,
			dereference: true,
			preserveTimestamps: true,
			filter: (src) => {
				const name = basename(src);
				if (src === from) return true;
				if (name.startsWith('.') || name === 'node_modules' || DEV_FILE.test(name)) return false;
				return !(dirname(src) === from && skipTop.has(name));
			},
		});
	};
	copy(pluginDir, stageDir, PLUGIN_SKIPPED_TOP);
	copy(blocksBuildDir, join(stageDir, 'build'));
	copy(languagesDir, join(stageDir, 'languages'));
	cpSync(versionFile, join(stageDir, 'version.txt'), { preserveTimestamps: true });
}

/**
 * Zips `dir` as `<prefix>/…` into `zipPath`: directories included as entries,
 * names sorted, modes normalised to 644/755. Returns the entry names.
 */
export async function writeZip(zipPath, dir, prefix) {
	const epoch = process.env.SOURCE_DATE_EPOCH;
	const fixed = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : null;
	const entries = ['', ...readdirSync(dir, { recursive: true })]
		.map((rel) => ({ abs: join(dir, rel), rel: rel.split(sep).join('/') }))
		.map((e) => ({ ...e, stats: statSync(e.abs) }))
		.filter(({ stats }) => stats.isDirectory() || stats.isFile())
		.map((e) => ({ ...e, name: `${prefix}/${e.rel}${e.stats.isDirectory() && e.rel ? '/' : ''}` }))
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	const zip = new yazl.ZipFile();
	for (const { abs, name, stats } of entries) {
		const mtime = fixed ?? stats.mtime;
		if (stats.isDirectory()) zip.addEmptyDirectory(name, { mtime, mode: 0o40755 });
		else zip.addFile(abs, name, { mtime, mode: 0o100644 });
	}
	zip.end();
	mkdirSync(dirname(zipPath), { recursive: true });
	await pipeline(zip.outputStream, createWriteStream(zipPath));
	return entries.map((e) => e.name);
}

/** The entries of a zip, in order: [{ name, data }] (data empty for directories), CRCs checked. */
export function readZip(zipPath) {
	return new Promise((resolvePromise, reject) => {
		yauzl.open(zipPath, { lazyEntries: true }, (openError, zip) => {
			if (openError) return reject(openError);
			const out = [];
			const fail = (error) => {
				zip.close();
				reject(error);
			};
			zip.on('error', reject);
			zip.on('end', () => resolvePromise(out));
			zip.on('entry', (entry) => {
				if (entry.fileName.endsWith('/')) {
					out.push({ name: entry.fileName, data: Buffer.alloc(0) });
					return zip.readEntry();
				}
				zip.openReadStream(entry, async (streamError, stream) => {
					if (streamError) return fail(streamError);
					try {
						const data = Buffer.concat(await stream.toArray());
						if (crc32(data) !== entry.crc32) throw new PackageError(`${zipPath}: CRC mismatch for ${entry.fileName}`);
						out.push({ name: entry.fileName, data });
						zip.readEntry();
					} catch (error) {
						fail(error);
					}
				});
			});
			zip.readEntry();
		});
	});
}

export async function listZipEntries(zipPath) {
	return (await readZip(zipPath)).map((e) => e.name);
}

/**
 * Checks the version and the sources, refills `<outDir>/<slug>/` and writes
 * `<outDir>/<slug>-<version>.zip` from it. Returns
 * { zipPath, stageDir, version, entries }.
 */
export async function buildPackage({ pluginDir, blocksBuildDir, languagesDir, versionFile, outDir, slug = SLUG }) {
	const version = readVersion(versionFile);
	checkPluginVersion(pluginDir, version);
	checkSources({ pluginDir, blocksBuildDir, languagesDir });
	const stageDir = join(outDir, slug);
	const zipPath = join(outDir, `${slug}-${version}.zip`);
	stagePlugin({ pluginDir, blocksBuildDir, languagesDir, versionFile }, stageDir);
	rmSync(zipPath, { force: true });
	const entries = await writeZip(zipPath, stageDir, slug);
	return { zipPath, stageDir, version, entries };
}

/** Paths of this repository. */
export function repoPaths(root = resolve(dirname(fileURLToPath(import.meta.url)), '..')) {
	return {
		root,
		pluginDir: join(root, 'plugin'),
		blocksBuildDir: join(root, 'blocks', 'build'),
		languagesDir: join(root, 'languages'),
		versionFile: join(root, 'version.txt'),
		outDir: join(root, 'dist'),
	};
}

function buildBlocks(root) {
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	console.error('Building blocks: npm run build --workspace blocks');
	const result = spawnSync(npm, ['run', 'build', '--workspace', 'blocks'], {
		cwd: root,
		stdio: ['ignore', 'inherit', 'inherit'],
		shell: process.platform === 'win32',
	});
	if (result.status !== 0) {
		throw new PackageError('Blocks build failed (did you run "npm ci" at the repository root?)');
	}
}

async function main(argv) {
	const paths = repoPaths();
	if (argv.includes('--build') || !existsSync(join(paths.blocksBuildDir, 'index.js'))) {
		buildBlocks(paths.root);
	}
	const { zipPath, stageDir } = await buildPackage(paths);
	console.error(`Plugin folder: ${relative(process.cwd(), stageDir) || '.'}`);
	console.log(zipPath);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	try {
		await main(process.argv.slice(2));
	} catch (error) {
		if (error instanceof PackageError) {
			console.error(`package: ${error.message}`);
			process.exit(1);
		}
		throw error;
	}
}
