import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { fillCart } from './support/cart.js';
import { SHOP, requireShop } from './support/env.js';
import { expect, test } from './support/fixtures.js';
import { wpPhp } from './support/wordpress.js';

/**
 * The guides' screenshots (plugin/docs/images/<lang>/), taken from the real shop's admin screens
 * and checkouts in English and in Russian (WPLANG ru_RU). Runs only under `npm run screenshots`
 * (RUP_SCREENSHOTS=1); the regular stage skips it.
 */
requireShop();
test.skip(process.env.RUP_SCREENSHOTS !== '1', 'npm run screenshots only');
test.use({ viewport: { width: 1280, height: 800 } });

const IMAGES = fileURLToPath(new URL('../../plugin/docs/images/', import.meta.url));
const LOCALE_PLUGIN = `${SHOP.wpDir}/wp-content/mu-plugins/rup-screenshots-locale.php`;
const SETTINGS = '/wp-admin/admin.php?page=wc-settings&tab=ru_payments';
const GATEWAY = (id: string) => `/wp-admin/admin.php?page=wc-settings&tab=checkout&section=${id}`;

/** Provider ids: their headings on the Providers screen are #ru-payments-provider-<id>. */
const PROVIDERS = ['invoicebox', 'dolyame', 'sber', 'intellectmoney', 'koshelek'] as const;
const GATEWAYS = { individuals: 'ru_payments_individuals', legal: 'ru_payments_legal', dolyame: 'ru_payments_dolyame', sber: 'ru_payments_sber_bnpl', paylate: 'ru_payments_paylate' } as const;

async function shot(page: Page, lang: string, name: string) {
  await page.screenshot({ path: `${IMAGES}${lang}/${name}.png` });
}

/** Puts the element near the top, below wp-admin's and WooCommerce's fixed header bars. */
async function scrollTo(target: Locator) {
  await target.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 110));
}

/** Scrolls so that the element is at the top of the viewport, then takes the viewport. */
async function shotAt(page: Page, lang: string, name: string, selector: string) {
  const target = page.locator(selector).first();
  await expect(target, `${name}: ${selector}`).toBeAttached();
  await scrollTo(target);
  await shot(page, lang, name);
}

for (const [lang, locale] of [['en', ''], ['ru', 'ru_RU']] as const) {
  test.describe(`screenshots ${lang}`, () => {
    test.describe.configure({ mode: 'serial' });
    test.beforeAll(() => {
      mkdirSync(`${IMAGES}${lang}`, { recursive: true });
      wpPhp(`update_option( 'WPLANG', ${JSON.stringify(locale)} ); echo 1;`);
      // The site language alone leaves the admin's own locale in force; this mu-plugin sets both.
      if (locale !== '') writeFileSync(LOCALE_PLUGIN, `<?php\nadd_filter( 'locale', fn () => '${locale}' );\nadd_filter( 'determine_locale', fn () => '${locale}' );\n`);
    });
    test.afterAll(() => {
      rmSync(LOCALE_PLUGIN, { force: true });
      wpPhp(`update_option( 'WPLANG', '' ); echo 1;`);
    });

    test(`admin screens (${lang})`, async ({ adminPage: page }) => {
      await page.goto('/wp-admin/plugin-install.php?tab=upload');
      await shot(page, lang, 'upload-plugin');
      await page.goto(SETTINGS);
      await expect(page.locator('.subsubsub')).toBeVisible();
      await shot(page, lang, 'settings-connection');
      await page.goto(`${SETTINGS}&section=providers`);
      for (const provider of PROVIDERS) await shotAt(page, lang, `provider-${provider}`, `#ru-payments-provider-${provider}`);
      await page.goto(`${SETTINGS}&section=status`);
      await shot(page, lang, 'status');
      await page.goto('/wp-admin/admin.php?page=wc-settings&tab=checkout');
      await shot(page, lang, 'payment-methods');
      for (const [name, id] of Object.entries(GATEWAYS)) {
        await page.goto(GATEWAY(id));
        await shot(page, lang, `gateway-${name}`);
      }
    });

    test(`checkouts (${lang})`, async ({ browser }) => {
      const context = await browser.newContext({ baseURL: SHOP.url, locale: lang === 'ru' ? 'ru-RU' : 'en-US', viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await fillCart(page, SHOP.info.products?.kettle ?? 0);
      await page.goto('/checkout/');
      const methods = page.locator('.wc-block-checkout__payment-method, .wp-block-woocommerce-checkout-payment-block').first();
      await expect(methods).toBeVisible({ timeout: 30_000 });
      await expect(page.locator('.wc-block-components-checkout-place-order-button')).toBeEnabled({ timeout: 30_000 });
      await expect(page.locator('.wc-block-components-totals-footer-item .wc-block-components-totals-item__value')).toBeVisible({ timeout: 30_000 });
      await scrollTo(methods);
      await shot(page, lang, 'checkout-block');
      await page.goto(new URL(SHOP.info.classic_checkout ?? '/classic-checkout/', SHOP.url).pathname);
      const payment = page.locator('#payment');
      await expect(payment.locator('.wc_payment_methods')).toBeVisible({ timeout: 20_000 });
      await expect(page.locator('.blockUI.blockOverlay')).toHaveCount(0, { timeout: 20_000 });
      await scrollTo(payment);
      await shot(page, lang, 'checkout-classic');
      await context.close();
    });
  });
}
