#!/usr/bin/env node
/**
 * `npm start`: the whole product on this machine — a real WordPress 7.0.4 + WooCommerce 11.0.1 shop
 * (the same builds the tests use) with our plugin installed from its ZIP, connected to the sidecar
 * with its simulators, all five methods on in test mode and a few products. Prints the shop URL,
 * the admin login and the sidecar URL; Ctrl+C stops everything and removes the temporary shop.
 *
 *   npm start                      the shop on http://127.0.0.1:8080 (WP_PORT), sidecar on :8787 (PORT)
 *   npm start -- --sidecar-only    the sidecar alone, with a demo stand-in shop (.ci/start-sidecar.mjs)
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNodeModules } from './npm-deps.mjs';
import { ensureSystemDeps } from './system-deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (process.argv.includes('--sidecar-only')) {
  await import('./start-sidecar.mjs');
} else {
  ensureNodeModules(root);
  ensureSystemDeps();
  for (const [command, args] of [['npm', ['run', 'build', '--workspaces', '--if-present']], ['node', ['.ci/package.mjs']]]) {
    const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  const { startShop } = await import('../e2e/shop/stack.mjs');
  const shop = await startShop({
    log: (line) => console.log(`[shop] ${line}`),
    port: Number(process.env.WP_PORT ?? 8080),
    sidecarPort: Number(process.env.PORT ?? 8787),
  });
  if ('skip' in shop) {
    console.error(`Cannot start the shop: ${shop.skip}. \`npm start -- --sidecar-only\` runs the sidecar alone.`);
    process.exit(1);
  }
  console.log(`
RU Payments is running: a test shop with all five methods in test mode (no real money moves).
  Shop           ${shop.url}/            (products: ${shop.url}/shop/)
  Checkout       ${shop.info.checkout}   classic: ${shop.info.classic_checkout}
  Admin          ${shop.url}/wp-admin/   login ${shop.admin.user} / ${shop.admin.password}
  Settings       ${shop.url}/wp-admin/admin.php?page=wc-settings&tab=checkout
  Sidecar        ${shop.sidecarUrl}       (simulators at ${shop.sidecarUrl}/sim/<provider>/)
  Files, logs    ${shop.dir}
Ctrl+C stops everything.`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the shop, the sidecar and the database…');
    await shop.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => {}, 1 << 30);
}
