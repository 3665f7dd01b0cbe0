import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { requireShop } from './support/env.js';
import { expect, test } from './support/fixtures.js';

/**
 * The shop owner's install path for THIS build: Plugins → Add New → Upload Plugin with the ZIP that
 * `npm run package` wrote (dist/ru-payments-for-woocommerce-<version.txt>.zip), "Replace current
 * with uploaded", and the plugin is still active at the version of version.txt. Runs last (workers:
 * 1, file order), as it replaces the plugin files the other specs use.
 */
requireShop();

const ROOT = new URL('../../', import.meta.url);
const VERSION = readFileSync(new URL('version.txt', ROOT), 'utf8').trim();
const ZIP = fileURLToPath(new URL(`dist/ru-payments-for-woocommerce-${VERSION}.zip`, ROOT));
const PLUGIN = 'ru-payments-for-woocommerce/ru-payments-for-woocommerce.php';

test('the packaged ZIP installs through wp-admin\'s upload form over the installed copy and stays active', async ({ adminPage: page }) => {
  test.skip(!existsSync(ZIP), `no ${ZIP}: run npm run package`);

  await page.goto('/wp-admin/plugin-install.php?tab=upload', { waitUntil: 'domcontentloaded' });
  await page.locator('#pluginzip').setInputFiles(ZIP);
  await page.locator('#install-plugin-submit').click();

  // WordPress compares the upload with the installed plugin and asks before replacing it.
  await expect(page.locator('table.update-from-upload-comparison')).toContainText(VERSION);
  await page.locator('a.update-from-upload-overwrite').click();
  await expect(page.locator('.wrap')).toContainText(/Plugin updated successfully/i, { timeout: 60_000 });

  await page.goto('/wp-admin/plugins.php', { waitUntil: 'domcontentloaded' });
  const row = page.locator(`tr[data-plugin="${PLUGIN}"]`).first();
  await expect(row).toHaveClass(/\bactive\b/);
  await expect(row.locator('.plugin-version-author-uri')).toContainText(`Version ${VERSION}`);

  // The replaced copy serves requests: its settings screen renders.
  const settings = await page.goto('/wp-admin/admin.php?page=wc-settings&tab=ru_payments', { waitUntil: 'domcontentloaded' });
  expect(settings?.status()).toBe(200);
  await expect(page.locator('body')).not.toContainText(/critical error/i);
});
