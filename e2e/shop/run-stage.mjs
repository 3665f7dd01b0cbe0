#!/usr/bin/env node
/**
 * The real-shop stage of `npm test`: starts a shop from the official WordPress + WooCommerce builds
 * (stack.mjs), runs the PHP integration tests inside it and the Playwright real-shop specs against
 * it, then stops everything. Where no builds can be found it prints one line and exits 0 with
 * SKIPPED (never a silent pass); RUP_REQUIRE_SHOP=1 makes that a failure. Arguments go to
 * Playwright; RUP_STAGE_ONLY=phpunit (or playwright) runs one half.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot, startShop } from './stack.mjs';

const log = (line) => console.log(`[shop] ${line}`);
const shop = await startShop({ log, keep: process.env.RUP_KEEP_SHOP === '1' });
if ('skip' in shop) {
  console.log(`SKIPPED real-shop stage: ${shop.skip}`);
  process.exit(process.env.RUP_REQUIRE_SHOP === '1' ? 1 : 0);
}

const env = {
  ...process.env,
  WC_E2E_URL: shop.url,
  WC_E2E_ADMIN_USER: shop.admin.user,
  WC_E2E_ADMIN_PASSWORD: shop.admin.password,
  RUP_SHOP_DIR: shop.dir,
  RUP_WP_DIR: shop.wpDir,
  RUP_SHOP_SECRET: shop.secret,
  RUP_SIDECAR_URL: shop.sidecarUrl,
  RUP_SIDECAR_LOG: shop.sidecarLog,
  RUP_MAILBOX: shop.mailbox,
  RUP_SHOP_INFO: JSON.stringify(shop.info),
};

const steps = [
  ['phpunit: plugin inside real WordPress + WooCommerce', 'phpunit', ['-c', 'plugin/phpunit-integration.xml.dist']],
  ['playwright: real shop (Chromium)', 'npx', ['playwright', 'test', '-c', 'e2e/playwright.shop.config.ts', ...process.argv.slice(2)]],
];
// RUP_STAGE_ONLY=phpunit|playwright runs one half while iterating.
const only = process.env.RUP_STAGE_ONLY ?? '';
let ok = true;
for (const [name, command, args] of steps.filter(([name]) => name.startsWith(only))) {
  log(name);
  const r = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', env });
  if (r.status !== 0) {
    ok = false;
    log(`FAILED: ${name} (logs in ${shop.dir} when RUP_KEEP_SHOP=1)`);
  }
}
await shop.stop();
process.exit(ok ? 0 : 1);
