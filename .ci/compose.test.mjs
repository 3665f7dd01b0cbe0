// node --test .ci/compose.test.mjs
// Structural checks of docker-compose.yml (no Docker engine needed) and a dry
// run of plugin/bin/wpcli-setup.sh against stub `wp` / `php` commands.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { repoPaths, SLUG } from './package.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// `yaml` is a devDependency of the blocks workspace.
const YAML = createRequire(join(root, 'blocks', 'package.json'))('yaml');
const compose = YAML.parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
const services = compose.services ?? {};
const PLUGIN = '/var/www/html/wp-content/plugins/ru-payments-for-woocommerce';
// The unpacked plugin folder written by .ci/package.mjs (`npm run package`).
const PACKAGED = './dist/ru-payments-for-woocommerce';
const SETUP_SCRIPT = './plugin/bin/wpcli-setup.sh';

/** Short-syntax volume "src:dst[:mode]" → { source, target, mode }. */
function parseVolume(spec) {
	assert.equal(typeof spec, 'string', `short volume syntax expected: ${JSON.stringify(spec)}`);
	const [source, target, mode = 'rw', ...rest] = spec.split(':');
	assert.equal(rest.length, 0, spec);
	return { source, target, mode, bind: /^[./~]/.test(source) };
}

describe('docker-compose.yml', () => {
	it('passes `docker compose config` (or Debian\'s docker-compose, installed by npm test)', () => {
		const v2 = spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0;
		const [command, args] = v2 ? ['docker', ['compose', 'config', '-q']] : ['docker-compose', ['config', '-q']];
		const r = spawnSync(command, args, { cwd: root, encoding: 'utf8', env: { ...process.env, RUP_SHARED_SECRET: '' } });
		assert.ifError(r.error);
		assert.equal(r.status, 0, `${command} config: ${r.stderr}`);
	});

	it('has only known top-level keys and the four services', () => {
		for (const key of Object.keys(compose)) {
			assert.ok(
				['name', 'services', 'volumes', 'networks', 'configs', 'secrets'].includes(key) || key.startsWith('x-'),
				`unknown top-level key ${key}`
			);
		}
		assert.deepEqual(Object.keys(services).sort(), ['db', 'sidecar', 'wordpress', 'wpcli']);
	});

	it('every service has an image or a build, and known keys only', () => {
		const known = new Set([
			'image', 'build', 'environment', 'ports', 'volumes', 'depends_on', 'healthcheck', 'command',
			'entrypoint', 'user', 'working_dir', 'restart', 'init',
		]);
		for (const [name, svc] of Object.entries(services)) {
			assert.ok(svc.image || svc.build, `${name}: image or build`);
			for (const key of Object.keys(svc)) assert.ok(known.has(key), `${name}: unexpected key ${key}`);
		}
	});

	it('environment values are scalars and interpolations are ${VAR:-default} only', () => {
		for (const [name, svc] of Object.entries(services)) {
			for (const [key, value] of Object.entries(svc.environment ?? {})) {
				assert.ok(['string', 'number', 'boolean'].includes(typeof value), `${name}.${key}`);
				const dollars = String(value).replace(/\$\{[A-Z_][A-Z0-9_]*(?::?-[^}]*)?\}/g, '');
				assert.ok(!dollars.includes('$'), `${name}.${key}: stray $ in ${value}`);
			}
		}
	});

	it('named volumes are declared, bind sources exist in the repository', () => {
		const declared = new Set(Object.keys(compose.volumes ?? {}));
		for (const [name, svc] of Object.entries(services)) {
			for (const spec of svc.volumes ?? []) {
				const v = parseVolume(spec);
				assert.ok(['rw', 'ro'].includes(v.mode), `${name}: ${spec}`);
				if (v.bind) {
					// dist/ is gitignored and written by `npm run package` before `docker compose up`.
					if (v.source === PACKAGED) continue;
					assert.ok(existsSync(join(root, v.source)), `${name}: missing bind source ${v.source}`);
				} else {
					assert.ok(declared.has(v.source), `${name}: volume ${v.source} not declared`);
				}
			}
		}
	});

	it('depends_on targets exist; service_healthy only on services with a healthcheck', () => {
		for (const [name, svc] of Object.entries(services)) {
			for (const [dep, { condition }] of Object.entries(svc.depends_on ?? {})) {
				assert.ok(services[dep], `${name} depends on unknown ${dep}`);
				assert.ok(
					['service_started', 'service_healthy', 'service_completed_successfully'].includes(condition),
					`${name} → ${dep}: ${condition}`
				);
				if (condition === 'service_healthy') assert.ok(services[dep].healthcheck, `${dep} has no healthcheck`);
			}
		}
	});

	it('db: mariadb:11 with a data volume', () => {
		assert.equal(services.db.image, 'mariadb:11');
		assert.ok(services.db.volumes.some((s) => parseVolume(s).target === '/var/lib/mysql'));
	});

	it('the packaged plugin folder is where .ci/package.mjs writes it', () => {
		const { outDir } = repoPaths(root);
		assert.equal(join(root, PACKAGED), join(outDir, SLUG));
		assert.equal(SLUG, PLUGIN.split('/').at(-1));
	});

	it('nothing is bind-mounted from a top-level docker/ directory (the repository has none)', () => {
		assert.equal(existsSync(join(root, 'docker')), false);
		for (const svc of Object.values(services)) {
			for (const spec of svc.volumes ?? []) assert.doesNotMatch(parseVolume(spec).source, /^\.\/docker\//, spec);
		}
	});

	it('wordpress: php8.2-apache on 8080, DB env, the packaged plugin mounted read-only', () => {
		const wp = services.wordpress;
		assert.equal(wp.image, 'wordpress:php8.2-apache');
		assert.deepEqual(wp.ports, ['8080:80']);
		for (const key of ['WORDPRESS_DB_HOST', 'WORDPRESS_DB_NAME', 'WORDPRESS_DB_USER', 'WORDPRESS_DB_PASSWORD']) {
			assert.ok(wp.environment[key], key);
		}
		const mounts = wp.volumes.map(parseVolume);
		const plugin = mounts.filter((v) => v.target.startsWith(PLUGIN));
		// One mount of the whole packaged folder, nothing nested in it.
		assert.deepEqual(plugin, [{ source: PACKAGED, target: PLUGIN, mode: 'ro', bind: true }]);
		assert.ok(mounts.some((v) => v.source === 'wordpress' && v.target === '/var/www/html'));
		assert.deepEqual(Object.keys(wp.depends_on), ['db']);
	});

	it('sidecar: built from sidecar/Dockerfile with the agreed env, port, volume and healthcheck', () => {
		const sc = services.sidecar;
		assert.deepEqual(sc.build, { context: '.', dockerfile: 'sidecar/Dockerfile' });
		assert.ok(existsSync(join(root, sc.build.context, sc.build.dockerfile)));
		assert.deepEqual(
			{ ...sc.environment },
			{
				PORT: '8787',
				HOST: '0.0.0.0',
				SIMULATORS: '1',
				SHARED_SECRET: '${RUP_SHARED_SECRET:-dev-secret-change-me-0123456789abcdef}',
				DATABASE_PATH: '/data/sidecar.sqlite',
				WP_EVENTS_URL: 'http://wordpress/?rest_route=/ru-payments/v1/events',
				PUBLIC_URL: 'http://localhost:8787',
			}
		);
		assert.deepEqual(sc.ports, ['8787:8787']);
		assert.ok(sc.volumes.some((s) => parseVolume(s).target === '/data'));
		assert.match(sc.healthcheck.test.join(' '), /\/healthz/);
	});

	it('wpcli: cli-php8.2, after db/wordpress/sidecar, same volumes as wordpress, same secret', () => {
		const cli = services.wpcli;
		assert.equal(cli.image, 'wordpress:cli-php8.2');
		assert.deepEqual(Object.keys(cli.depends_on).sort(), ['db', 'sidecar', 'wordpress']);
		for (const spec of services.wordpress.volumes) assert.ok(cli.volumes.includes(spec), spec);
		assert.equal(cli.environment.SHARED_SECRET, services.sidecar.environment.SHARED_SECRET);
		assert.equal(cli.environment.WORDPRESS_DB_HOST, services.wordpress.environment.WORDPRESS_DB_HOST);
		const script = cli.volumes.map(parseVolume).find((v) => v.target === cli.entrypoint.at(-1));
		assert.equal(script?.source, SETUP_SCRIPT);
		assert.equal(script.mode, 'ro');
		assert.ok(existsSync(join(root, SETUP_SCRIPT)));
		// The wpcli service mounts nothing else into the plugin folder.
		assert.deepEqual(
			cli.volumes.map(parseVolume).filter((v) => v.target.startsWith(PLUGIN)),
			[{ source: PACKAGED, target: PLUGIN, mode: 'ro', bind: true }]
		);
	});
});

describe('plugin/bin/wpcli-setup.sh', () => {
	const dirs = [];
	after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

	function run({ installed = false, wooInstalled = false, dbUp = true, tries = '3' } = {}) {
		const dir = mkdtempSync(join(tmpdir(), 'rup-wpcli-'));
		dirs.push(dir);
		const bin = join(dir, 'bin');
		const site = join(dir, 'site');
		mkdirSync(bin);
		mkdirSync(join(site, 'wp-includes'), { recursive: true });
		writeFileSync(join(site, 'wp-config.php'), '<?php');
		writeFileSync(join(site, 'wp-includes', 'version.php'), '<?php');
		const log = join(dir, 'wp.log');
		writeFileSync(
			join(bin, 'wp'),
			`#!/bin/sh\necho "$*" >> ${JSON.stringify(log)}\n` +
				`case "$*" in\n` +
				`  "core is-installed") exit ${installed ? 0 : 1} ;;\n` +
				`  "plugin is-installed woocommerce") exit ${wooInstalled ? 0 : 1} ;;\n` +
				`esac\nexit 0\n`
		);
		writeFileSync(join(bin, 'php'), `#!/bin/sh\nexit ${dbUp ? 0 : 1}\n`);
		writeFileSync(join(bin, 'sleep'), '#!/bin/sh\nexit 0\n');
		for (const f of ['wp', 'php', 'sleep']) chmodSync(join(bin, f), 0o755);
		const result = spawnSync('sh', [join(root, SETUP_SCRIPT)], {
			cwd: site,
			encoding: 'utf8',
			env: {
				PATH: `${bin}:${process.env.PATH}`,
				SHARED_SECRET: 'test-secret-0123456789abcdef0123',
				WAIT_TRIES: tries,
			},
		});
		const calls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
		return { ...result, calls };
	}

	it('installs WordPress and WooCommerce, activates the plugin and sets the sidecar options', () => {
		const { status, stderr, calls } = run();
		assert.equal(status, 0, stderr);
		assert.deepEqual(calls, [
			'core is-installed',
			'core install --url=http://localhost:8080 --title=RU Payments dev --admin_user=admin --admin_password=admin --admin_email=admin@example.com --skip-email',
			'plugin is-installed woocommerce',
			'plugin install woocommerce --activate',
			'plugin activate ru-payments-for-woocommerce',
			'option update ru_payments_sidecar_url http://sidecar:8787',
			'option update ru_payments_sidecar_secret test-secret-0123456789abcdef0123',
			'rewrite structure /%postname%/',
		]);
	});

	it('is idempotent on an installed site', () => {
		const { status, calls } = run({ installed: true, wooInstalled: true });
		assert.equal(status, 0);
		assert.ok(!calls.some((c) => c.startsWith('core install')));
		assert.ok(calls.includes('plugin activate woocommerce'));
		assert.ok(!calls.some((c) => c.startsWith('plugin install')));
	});

	it('gives up when the database never answers', () => {
		const { status, stderr, calls } = run({ dbUp: false });
		assert.equal(status, 1);
		assert.match(stderr, /gave up waiting/);
		assert.deepEqual(calls, []);
	});
});
