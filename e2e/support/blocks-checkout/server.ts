/**
 * A tiny local "WordPress" for the built blocks bundle: serves a checkout
 * page that loads blocks/build/index.js the way WordPress enqueues it:
 *
 * - its dependencies are read from the generated build/index.asset.php and
 *   each script handle is mapped to the global WordPress / WooCommerce
 *   provides (react → window.React, react-jsx-runtime →
 *   window.ReactJSXRuntime, wp-i18n → window.wp.i18n, …); an unknown handle
 *   fails the page;
 * - React and ReactDOM are the packages' own UMD builds; wp.i18n and
 *   wp.htmlEntities are the real @wordpress packages, bundled with esbuild;
 *   wc.wcSettings / wc.wcBlocksRegistry and wp.data (a stand-in with the
 *   `wc/store/cart` store) are the harness (harness.ts);
 * - translations are inlined like wp_set_script_translations() does, from
 *   languages/<domain>-<locale>-<md5 of the script path relative to the
 *   plugin root>.json, the file load_script_textdomain() looks for.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build, type Plugin } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '..', '..', '..');
export const BLOCKS_DIR = join(ROOT, 'blocks');
export const BUILD_DIR = join(BLOCKS_DIR, 'build');
export const LANGUAGES_DIR = join(ROOT, 'languages');
export const TEXT_DOMAIN = 'ru-payments-for-woocommerce';
/** Where WordPress would serve the plugin from. */
export const PLUGIN_URL = `/wp-content/plugins/${TEXT_DOMAIN}`;
export const SCRIPT_URL = `${PLUGIN_URL}/build/index.js`;

// Packages resolve from the blocks workspace, whose dependencies they are.
const requireFromBlocks = createRequire(join(BLOCKS_DIR, 'package.json'));
/** A file inside an installed package (also one its "exports" do not list). */
const packageFile = (pkg: string, path: string) =>
	join(dirname(requireFromBlocks.resolve(`${pkg}/package.json`)), path);

/** A WordPress script handle: the global it defines and how it is served. */
export interface Handle {
	global: string;
	deps: string[];
	/** Its script; none when another handle (a dependency) defines the global. */
	code?: () => Promise<string>;
}

/** Imports of these packages read the globals WordPress has already set. */
function globalsPlugin(map: Record<string, string>): Plugin {
	return {
		name: 'wp-globals',
		setup(b) {
			const filter = new RegExp(`^(${Object.keys(map).map((k) => k.replace(/[/]/g, '\\/')).join('|')})$`);
			b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'wp-global' }));
			b.onLoad({ filter: /.*/, namespace: 'wp-global' }, (args) => ({
				contents: `module.exports = ${map[args.path]};`,
				loader: 'js',
			}));
		},
	};
}

async function bundle(contents: string, globalName: string, externals: Record<string, string> = {}) {
	const result = await build({
		stdin: { contents, resolveDir: BLOCKS_DIR, loader: 'js', sourcefile: `${globalName}.js` },
		bundle: true,
		write: false,
		format: 'iife',
		globalName,
		platform: 'browser',
		target: 'es2020',
		minify: true,
		legalComments: 'none',
		define: { 'process.env.NODE_ENV': '"production"' },
		plugins: [globalsPlugin(externals)],
		logLevel: 'silent',
	});
	return result.outputFiles[0]!.text;
}

const file = (path: string) => async () => readFileSync(path, 'utf8');

const once = <T>(make: () => Promise<T>) => {
	let value: Promise<T> | null = null;
	return () => (value ??= make());
};

/** The script handles this page can provide (those WordPress + WooCommerce register). */
export const HANDLES: Record<string, Handle> = {
	react: {
		global: 'React',
		deps: [],
		code: file(packageFile('react', 'umd/react.production.min.js')),
	},
	'react-dom': {
		global: 'ReactDOM',
		deps: ['react'],
		code: file(packageFile('react-dom', 'umd/react-dom.production.min.js')),
	},
	'react-jsx-runtime': {
		global: 'ReactJSXRuntime',
		deps: ['react'],
		code: once(() =>
			bundle("export { jsx, jsxs, Fragment } from 'react/jsx-runtime';", 'ReactJSXRuntime', {
				react: 'window.React',
			})
		),
	},
	'wp-i18n': {
		global: 'wp.i18n',
		deps: [],
		code: once(() => bundle("export * from '@wordpress/i18n';", 'wp.i18n')),
	},
	'wp-html-entities': {
		global: 'wp.htmlEntities',
		deps: [],
		code: once(() => bundle("export * from '@wordpress/html-entities';", 'wp.htmlEntities')),
	},
	// @wordpress/element re-exports React's API (+ createRoot, render…).
	'wp-element': {
		global: 'wp.element',
		deps: ['react', 'react-dom'],
		code: async () =>
			'window.wp = window.wp || {}; window.wp.element = Object.assign({}, window.React, ' +
			'{ createRoot: window.ReactDOM.createRoot, hydrateRoot: window.ReactDOM.hydrateRoot, ' +
			'createPortal: window.ReactDOM.createPortal, flushSync: window.ReactDOM.flushSync, ' +
			'render: function (el, c) { window.ReactDOM.createRoot(c).render(el); } });',
	},
	// WooCommerce's globals: both played by the harness (harness.ts), which
	// records the registrations and renders the checkout.
	'wc-settings': { global: 'wc.wcSettings', deps: ['ru-payments-harness'] },
	// @wordpress/data is not installed here: the harness plays it too, with a
	// stand-in holding WooCommerce's `wc/store/cart` store (see harness.ts).
	'wp-data': { global: 'wp.data', deps: ['ru-payments-harness'] },
	'wc-blocks-registry': { global: 'wc.wcBlocksRegistry', deps: ['ru-payments-harness', 'wc-settings'] },
	'ru-payments-harness': {
		global: '__harness',
		deps: ['react', 'react-dom'],
		code: once(async () => {
			const result = await build({
				entryPoints: [join(here, 'harness.ts')],
				bundle: true,
				write: false,
				format: 'iife',
				platform: 'browser',
				target: 'es2020',
				logLevel: 'silent',
			});
			return result.outputFiles[0]!.text;
		}),
	},
};

/** `array('dependencies' => array('react', …), 'version' => '…')` → the handles. */
export function readAssetDependencies(path = join(BUILD_DIR, 'index.asset.php')): string[] {
	const php = readFileSync(path, 'utf8');
	const match = /'dependencies'\s*=>\s*array\(([^)]*)\)/.exec(php);
	if (!match) {
		throw new Error(`${path}: no 'dependencies' array`);
	}
	return [...match[1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
}

/** Handles in load order (dependencies first); throws for a handle nobody provides. */
export function resolveHandles(handles: string[]): string[] {
	const order: string[] = [];
	const visit = (handle: string, path: string[]) => {
		if (order.includes(handle)) return;
		const known = HANDLES[handle];
		if (!known) {
			throw new Error(`script handle '${handle}' (from ${path.join(' → ')}) is not provided by the harness`);
		}
		for (const dep of known.deps) visit(dep, [...path, handle]);
		order.push(handle);
	};
	for (const handle of handles) visit(handle, ['build/index.asset.php']);
	return order;
}

/** Relative path of a plugin script, as load_script_textdomain() computes it from its URL. */
export function scriptRelativePath(src = SCRIPT_URL): string {
	return src.slice(PLUGIN_URL.length + 1);
}

export function translationFile(locale: string, src = SCRIPT_URL): string {
	const md5 = createHash('md5').update(scriptRelativePath(src)).digest('hex');
	return join(LANGUAGES_DIR, `${TEXT_DOMAIN}-${locale}-${md5}.json`);
}

/** The inline script WordPress prints before a script with translations. */
function translationsScript(locale: string): string {
	const path = translationFile(locale);
	if (!existsSync(path)) {
		throw new Error(`no JS translations for ${locale}: ${path}`);
	}
	const json = readFileSync(path, 'utf8');
	return `( function( domain, translations ) {
	var localeData = translations.locale_data[ domain ] || translations.locale_data.messages;
	localeData[""].domain = domain;
	wp.i18n.setLocaleData( localeData, domain );
} )( ${JSON.stringify(TEXT_DOMAIN)}, ${json} );`;
}

const escapeScript = (code: string) => code.replace(/<\/script/gi, '<\\/script');

function checkoutPage(locale: string): string {
	const handles = resolveHandles(readAssetDependencies());
	const lang = locale.replace('_', '-');
	const scripts = handles
		.filter((handle) => HANDLES[handle]?.code)
		.map((handle) => `<script src="/vendor/${handle}.js" data-handle="${handle}"></script>`)
		.join('\n');
	const translations =
		locale === 'en_US' ? '' : `<script id="${TEXT_DOMAIN}-blocks-js-translations">\n${escapeScript(translationsScript(locale))}\n</script>`;
	return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>Checkout</title></head>
<body>
<h1>Checkout</h1>
<div id="checkout"></div>
${scripts}
${translations}
<script src="${SCRIPT_URL}" id="${TEXT_DOMAIN}-blocks-js"></script>
<script>window.__startCheckout();</script>
</body>
</html>`;
}

export interface CheckoutServer {
	origin: string;
	/** URL of the checkout page in `locale` (e.g. ru_RU; en_US = no translations). */
	checkoutUrl(locale?: string): string;
	close(): Promise<void>;
}

export async function startCheckoutServer(): Promise<CheckoutServer> {
	if (!existsSync(join(BUILD_DIR, 'index.js'))) {
		throw new Error(`${BUILD_DIR}/index.js missing: run "npm run build --workspace blocks"`);
	}
	const server: Server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const send = (status: number, type: string, body: string | Buffer) => {
			res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
			res.end(body);
		};
		void (async () => {
			try {
				if (url.pathname === '/checkout') {
					return send(200, 'text/html; charset=utf-8', checkoutPage(url.searchParams.get('locale') ?? 'ru_RU'));
				}
				if (url.pathname === SCRIPT_URL) {
					return send(200, 'text/javascript; charset=utf-8', readFileSync(join(BUILD_DIR, 'index.js')));
				}
				const vendor = /^\/vendor\/([\w-]+)\.js$/.exec(url.pathname);
				const handle = vendor ? HANDLES[vendor[1]!] : undefined;
				if (handle?.code) {
					return send(200, 'text/javascript; charset=utf-8', await handle.code());
				}
				if (url.pathname === '/favicon.ico') {
					return send(204, 'image/x-icon', '');
				}
				return send(404, 'text/plain', 'not found');
			} catch (error) {
				return send(500, 'text/plain', String(error instanceof Error ? error.stack : error));
			}
		})();
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const { port } = server.address() as AddressInfo;
	const origin = `http://127.0.0.1:${port}`;
	return {
		origin,
		checkoutUrl: (locale = 'ru_RU') => `${origin}/checkout?locale=${locale}`,
		close: () => new Promise<void>((done, fail) => server.close((e) => (e ? fail(e) : done()))),
	};
}
