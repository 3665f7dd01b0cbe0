import { defineConfig } from '@playwright/test';
import base from './playwright.config.js';

/**
 * Real-shop specs: run by e2e/shop/run-stage.mjs against the WordPress + WooCommerce shop it
 * started (WC_E2E_URL and friends in the environment), in Debian's Chromium. The global setup logs
 * the admin in once (storageState); each file shares one shopper browser context across its orders.
 */
export default defineConfig({
  ...base,
  testDir: './shop-tests',
  testIgnore: ['**/support/**'],
  globalSetup: './shop-tests/support/global-setup.ts',
  timeout: 120_000,
  outputDir: '../test-results/shop',
});
