import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { emptyAdminCart, setSiteLanguage, setUpShop, useClassicProductTemplate, WP_DIR, wpPhp, type PayInPartsShop } from './pay-in-parts-shop.js';

/**
 * "Pay in parts" lines on the REAL shop (e2e/shop/run-stage.mjs), in English and in Russian (the
 * WPLANG option; our plugin ships ru_RU): a 1 000 ₽ product shows a line per BNPL method, the
 * 35 000 ₽ product none for Dolyame (30 000 ₽ cap), choosing a variation and changing the cart
 * quantity (Cart block and classic cart) update them. The five methods are in test mode, so lines
 * are shown to the admin only — a guest sees none. Screenshots: test-results/shop/screenshots/.
 */
const SHOP_URL = (process.env.WC_E2E_URL ?? '').replace(/\/+$/, '');
const ADMIN_USER = process.env.WC_E2E_ADMIN_USER ?? 'admin';
const ADMIN_PASSWORD = process.env.WC_E2E_ADMIN_PASSWORD ?? '';
const SCREENSHOTS = fileURLToPath(new URL('../../test-results/shop/screenshots/', import.meta.url));

const LANGUAGES = [
  {
    locale: '' as const,
    name: 'en',
    brands: { dolyame: 'Dolyame', sber: 'Plati chastyami', paylate: 'PayLate' },
    line: (amount: string, brand: string) => `4 payments of ${amount} with ${brand}`,
    howItWorks: 'How it works',
    noInterest: 'No interest or fees.',
    today: 'Today',
  },
  {
    locale: 'ru_RU' as const,
    name: 'ru',
    brands: { dolyame: 'Долями', sber: 'Плати частями', paylate: 'PayLate' },
    line: (amount: string, brand: string) => `4 платежа по ${amount} с ${brand}`,
    howItWorks: 'Как это работает',
    noInterest: 'Без процентов и переплат.',
    today: 'Сегодня',
  },
];

/** The shop's price format is "₽1,000.00" (symbol left, comma thousands); whole roubles drop ".00". */
const rub = (amount: string) => `₽${amount}`;

test.skip(!SHOP_URL || !WP_DIR, 'needs the real shop: run through e2e/shop/run-stage.mjs');
test.describe.configure({ mode: 'serial' });

let shop: PayInPartsShop;
test.beforeAll(() => {
  shop = setUpShop();
});
test.afterAll(() => {
  useClassicProductTemplate(false);
  setSiteLanguage('');
});

async function logInAsAdmin(page: Page): Promise<void> {
  emptyAdminCart(ADMIN_USER);
  // The login form posted from the page's own request context (its cookies are the browser's),
  // without loading the heavy dashboard it redirects to.
  await page.request.get(`${SHOP_URL}/wp-login.php`);
  const login = await page.request.post(`${SHOP_URL}/wp-login.php`, {
    form: { log: ADMIN_USER, pwd: ADMIN_PASSWORD, 'wp-submit': 'Log In', testcookie: '1' },
    maxRedirects: 0,
  });
  expect(login.status(), 'admin login (WC_E2E_ADMIN_USER / WC_E2E_ADMIN_PASSWORD)').toBe(302);
}

/**
 * Opens a page without waiting for every image and font: the lines are server-rendered and the
 * scripts run before DOMContentLoaded (php -S on a loaded machine can be slow with the rest).
 */
async function open(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
}

/** The visible "pay in parts" lines' text (hidden lines and the closed popover left out). */
function lines(page: Page): Locator {
  return page.locator('.ru-payments-split-message__line:visible .ru-payments-split-message__text');
}

async function expectLines(page: Page, expected: string[]): Promise<void> {
  await expect(lines(page)).toHaveText(expected.map((text) => text.replace(/ /g, '\u00a0').replace(/\u00a0/g, ' ')), {
    useInnerText: true,
  });
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

test('themes get a "Pay in parts" block (registered with its editor script)', () => {
  // Read from the shop's block registry in PHP: the editor page and admin-ajax would start
  // WooCommerce's Action Scheduler queue runner, which holds a php -S worker for minutes.
  const type = wpPhp<{ title: string; editor: string[]; context: string[] }>(`
    $type = WP_Block_Type_Registry::get_instance()->get_registered( 'ru-payments/split-message' );
    echo wp_json_encode( array( 'title' => $type->title, 'editor' => $type->editor_script_handles, 'context' => $type->uses_context ) );
  `);
  expect(type.title).toBe('Pay in parts');
  expect(type.editor).toContain('ru-payments-split-message-block');
  expect(type.context).toContain('postId');
});

for (const lang of LANGUAGES) {
  const { brands } = lang;
  const all = (amount: string) => [lang.line(amount, brands.dolyame), lang.line(amount, brands.sber), lang.line(amount, brands.paylate)];
  const withoutDolyame = (amount: string) => [lang.line(amount, brands.sber), lang.line(amount, brands.paylate)];

  test.describe(`pay in parts (${lang.name})`, () => {
    test.beforeAll(() => {
      expect(setSiteLanguage(lang.locale)).toBe(lang.locale || 'en_US');
    });

    test('a guest sees no line while the methods are in test mode', async ({ page }) => {
      await open(page, shop.kettle);
      await expect(page.locator('.product_title, .wp-block-post-title').first()).toBeVisible();
      await expect(page.locator('.ru-payments-split-message')).toHaveCount(0);
    });

    test('1 000 ₽: a line per BNPL method with a keyboard-operable "how it works"', async ({ page }) => {
      await logInAsAdmin(page);
      await open(page, shop.kettle);
      await expect(page.locator('html')).toHaveAttribute('lang', lang.locale === '' ? 'en-US' : 'ru-RU');
      await expectLines(page, all(rub('250')));

      const summary = page.locator('.ru-payments-split-message__line:visible summary').first();
      await summary.focus();
      await page.keyboard.press('Enter');
      const popover = page.locator('.ru-payments-split-message__line:visible details[open]').first();
      await expect(popover).toContainText(lang.noInterest);
      await expect(popover.locator('li')).toHaveCount(4);
      await expect(popover.locator('li').first()).toContainText(`${lang.today} ${rub('250')}`);
      await screenshot(page, `${lang.name}-product-1000`);
      await page.keyboard.press('Enter');
      await expect(page.locator('.ru-payments-split-message details[open]')).toHaveCount(0);
    });

    test('35 000 ₽: no line for Dolyame', async ({ page }) => {
      await logInAsAdmin(page);
      await open(page, shop.sofa);
      await expectLines(page, withoutDolyame(rub('8,750')));
      await expect(page.locator('[data-method="ru_payments_dolyame"]')).toHaveCount(0);
      await screenshot(page, `${lang.name}-product-35000`);
    });

    test('a variation change updates the lines', async ({ page }) => {
      await logInAsAdmin(page);
      await open(page, shop.chair);
      const size = page.locator('form.variations_form select[name="attribute_size"]');
      await size.selectOption('Large');
      await expectLines(page, withoutDolyame(rub('10,000')));
      await screenshot(page, `${lang.name}-variation-large`);
      await size.selectOption('Small');
      await expectLines(page, all(rub('250')));
      await screenshot(page, `${lang.name}-variation-small`);
    });

    test('classic product template: lines after the price, a variation change updates them', async ({ page }) => {
      useClassicProductTemplate(true);
      try {
        await logInAsAdmin(page);
        await open(page, shop.kettle);
        await expect(page.locator('.summary.entry-summary > .price + .ru-payments-split-message')).toBeVisible();
        await expectLines(page, all(rub('250')));
        await open(page, shop.chair);
        await page.locator('form.variations_form select[name="attribute_size"]').selectOption('Large');
        await expectLines(page, withoutDolyame(rub('10,000')));
        await screenshot(page, `${lang.name}-classic-template-variation-large`);
      } finally {
        useClassicProductTemplate(false);
      }
    });

    test('a Cart block quantity change updates the line live', async ({ page }) => {
      await logInAsAdmin(page);
      await open(page, `${SHOP_URL}/?add-to-cart=${shop.kettleId}`);
      await open(page, shop.cart);
      await expectLines(page, all(rub('250')));

      const quantity = page.locator('.wc-block-components-quantity-selector__input').first();
      await quantity.fill('35');
      await quantity.blur();
      await expect(page.locator('.wc-block-components-totals-footer-item')).toContainText('35,000');
      await expectLines(page, withoutDolyame(rub('8,750')));
      await screenshot(page, `${lang.name}-cart-block-35000`);

      await quantity.fill('2');
      await quantity.blur();
      await expectLines(page, all(rub('500')));
      await screenshot(page, `${lang.name}-cart-block-2000`);
    });

    test('the classic cart updates the line with the cart', async ({ page }) => {
      await logInAsAdmin(page);
      await open(page, `${SHOP_URL}/?add-to-cart=${shop.kettleId}`);
      await open(page, shop.classicCart);
      await expectLines(page, all(rub('250')));

      await page.locator('.woocommerce-cart-form input.qty').first().fill('35');
      await page.locator('.woocommerce-cart-form button[name="update_cart"]').click();
      await expectLines(page, withoutDolyame(rub('8,750')));
      await screenshot(page, `${lang.name}-classic-cart-35000`);
    });
  });
}
