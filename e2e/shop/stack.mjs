/**
 * A real shop from scratch: the official WordPress + WooCommerce builds unpacked into a temporary
 * folder, Debian's MariaDB and `php -S` on loopback, our plugin installed from the built ZIP, and the
 * sidecar with its simulators, connected both ways. Used by the test stage and by `npm start`.
 *
 *   const shop = await startShop({ log });  // shop.skip: one-line reason when it cannot run here
 *   … shop.url, shop.admin, shop.sidecarUrl, shop.secret, shop.mailbox, shop.php(code) …
 *   await shop.stop();
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, readFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { locateBuilds } from './builds.mjs';
import { startMariaDb } from './mariadb.mjs';
import { startSidecar } from './sidecar.mjs';
import { freePort, httpOk, waitFor } from './wait.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
export const ADMIN = { user: 'admin', password: 'admin-password-for-tests' };

function unpack(archive, into) {
  mkdirSync(into, { recursive: true });
  const r = archive.endsWith('.zip')
    ? spawnSync('php', ['-r', '$z = new ZipArchive(); if ($z->open($argv[1]) !== true || !$z->extractTo($argv[2])) exit(1);', archive, into], { encoding: 'utf8' })
    : spawnSync('tar', ['-xzf', archive, '-C', into], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`could not unpack ${archive}: ${r.stderr}`);
}

/** The ZIP of THIS version (version.txt): an older build left in dist/ must never be installed. */
function pluginZip() {
  const version = readFileSync(join(repoRoot, 'version.txt'), 'utf8').trim();
  const zip = join(repoRoot, 'dist', `ru-payments-for-woocommerce-${version}.zip`);
  if (!existsSync(zip)) throw new Error(`${zip} is missing: run \`npm run package\` first`);
  return zip;
}

function wpConfig({ socket, mailbox, url }) {
  const salt = () => randomBytes(32).toString('hex');
  const keys = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'];
  return `<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wp' );
define( 'DB_PASSWORD', 'wp' );
define( 'DB_HOST', 'localhost:${socket}' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
${keys.map((k) => `define( '${k}', '${salt()}' );`).join('\n')}
$table_prefix = 'wp_';
define( 'WP_HOME', '${url}' );
define( 'WP_SITEURL', '${url}' );
define( 'FS_METHOD', 'direct' );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'DISABLE_WP_CRON', false );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'WP_ACCESSIBLE_HOSTS', '' );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_ENVIRONMENT_TYPE', 'local' );
define( 'RUP_TEST_MAILBOX', '${mailbox}' );
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
`;
}

function runPhp(args, what) {
  const r = spawnSync('php', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${what} failed (${r.status}): ${r.stderr}\n${r.stdout}`.slice(0, 4000));
  const last = r.stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(last);
}

export async function startShop({ log = console.log, keep = false, port, sidecarPort } = {}) {
  const builds = await locateBuilds();
  if ('skip' in builds) return { skip: builds.skip };
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'rup-shop-'));
  const wp = join(dir, 'wordpress');
  const stops = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
    if (!keep) rmSync(dir, { recursive: true, force: true });
  };
  try {
    unpack(builds.wordpress, dir);
    unpack(builds.woocommerce, join(wp, 'wp-content', 'plugins'));
    mkdirSync(join(wp, 'wp-content', 'mu-plugins'), { recursive: true });
    copyFileSync(join(here, 'php', 'test-mailbox.php'), join(wp, 'wp-content', 'mu-plugins', 'rup-test-mailbox.php'));

    const db = await startMariaDb(join(dir, 'mariadb'), { log });
    stops.push(db.stop);
    const wpPort = port ?? (await freePort());
    const url = `http://127.0.0.1:${wpPort}`;
    const mailbox = join(dir, 'mailbox.jsonl');
    writeFileSync(mailbox, '');
    writeFileSync(join(wp, 'wp-config.php'), wpConfig({ socket: db.socket, mailbox, url }));

    const secret = randomBytes(32).toString('base64url');
    const scPort = sidecarPort ?? (await freePort());
    const sidecarUrl = `http://127.0.0.1:${scPort}`;
    const setup = join(here, 'php', 'setup-site.php');
    runPhp([setup, wp, url, '', sidecarUrl, secret, 'install'], 'WordPress install');
    const shopInfo = runPhp([setup, wp, url, pluginZip(), sidecarUrl, secret, 'shop'], 'shop setup');

    // The log goes straight to a file: through a pipe, a parent busy in spawnSync (run-stage) would
    // stop reading it, the pipe would fill and every php -S worker would block mid-request.
    const phpLog = openSync(join(dir, 'php-server.log'), 'a');
    // OPcache as a production PHP runs it (the CLI SAPI has it off by default): each request
    // otherwise recompiles WordPress and WooCommerce, ~0.3–0.5 s of boot.
    const opcache = ['-d', 'opcache.enable_cli=1', '-d', 'opcache.memory_consumption=256', '-d', 'opcache.max_accelerated_files=20000', '-d', 'opcache.validate_timestamps=1'];
    // Upload limits as a typical host sets them: Debian's CLI defaults (2M/8M) refuse our ZIP (~3.5 MB),
    // and wp-admin would show "exceeds upload_max_filesize" instead of the replace-plugin screen.
    const uploads = ['-d', 'upload_max_filesize=64M', '-d', 'post_max_size=64M'];
    const server = spawn('php', [...opcache, ...uploads, '-S', `127.0.0.1:${wpPort}`, '-t', wp, join(here, 'php', 'router.php')], {
      env: { ...process.env, PHP_CLI_SERVER_WORKERS: process.env.RUP_PHP_WORKERS ?? '8' },
      stdio: ['ignore', phpLog, phpLog],
      detached: true, // its workers are children of its own: stopped together as a process group
    });
    closeSync(phpLog);
    const signalGroup = (signal) => { try { process.kill(-server.pid, signal); } catch { /* already gone */ } };
    stops.push(() => new Promise((r) => { server.once('exit', r); signalGroup('SIGTERM'); setTimeout(() => signalGroup('SIGKILL'), 5_000).unref(); }));
    await waitFor('php -S', () => httpOk(`${url}/wp-login.php`), 30_000);
    log(`WordPress on ${url}`);

    const sidecar = await startSidecar({ repoRoot, dir, port: scPort, secret, eventsUrl: `${url}/wp-json/ru-payments/v1/events`, log });
    stops.push(sidecar.stop);
    log(`shop ready in ${((Date.now() - started) / 1000).toFixed(0)} s (from ${builds.source})`);

    return {
      dir,
      wpDir: wp,
      url,
      admin: ADMIN,
      secret,
      sidecarUrl,
      sidecarLog: sidecar.log,
      mailbox,
      info: shopInfo,
      /** Runs PHP inside WordPress (WooCommerce loaded) and returns what it echoes as JSON. */
      php: (code) => runPhp(['-r', `$_SERVER['HTTP_HOST']='127.0.0.1:${wpPort}'; require '${wp}/wp-load.php'; ${code}`], 'php in WordPress'),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
