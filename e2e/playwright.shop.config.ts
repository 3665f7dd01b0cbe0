import { defineConfig } from '@playwright/test';
import base from './playwright.config.js';

/**
 * Real-shop specs: run by e2e/shop/run-stage.mjs against the WordPress + WooCommerce shop it
 * started (WC_E2E_URL and friends in the environment), in Debian's Chromium.
 */
export default defineConfig({
  ...base,
  testDir: './shop-tests',
  timeout: 120_000,
  outputDir: '../test-results/shop',
});
