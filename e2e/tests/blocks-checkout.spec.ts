import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import '../support/blocks-checkout/harness-api.js';
import type { HarnessConfig } from '../support/blocks-checkout/harness-api.js';
import {
  BUILD_DIR,
  HANDLES,
  readAssetDependencies,
  resolveHandles,
  startCheckoutServer,
  type CheckoutServer,
} from '../support/blocks-checkout/server.js';

/**
 * The BUILT blocks bundle (blocks/build/index.js) in Chromium, on a checkout page that provides
 * what WordPress + WooCommerce provide: the globals listed in build/index.asset.php, the real
 * wp.i18n with the generated Russian JSON, a wp.data holding the `wc/store/cart` store, and a
 * Checkout-block-like host that asks canMakePayment with the cart totals and runs onPaymentSetup
 * on "Place order".
 */
const RUB = (roubles: number) => roubles * 100;

const gateway = (data: Record<string, unknown>) => ({
  description: '',
  min_total: null,
  max_total: null,
  supports: ['products', 'refunds'],
  icons: [],
  split: null,
  legal_entity: false,
  test_mode: false,
  ...data,
});

const SETTINGS: HarnessConfig['settings'] = {
  ru_payments_data: {
    methods: ['ru_payments_individuals', 'ru_payments_legal', 'ru_payments_dolyame', 'ru_payments_sber_bnpl', 'ru_payments_paylate'],
  },
  ru_payments_individuals_data: gateway({ title: 'Банковская карта или СБП', min_total: 100 }),
  ru_payments_legal_data: gateway({
    title: 'Счёт для юрлиц и ИП',
    description: 'Выставим счёт на оплату по реквизитам',
    legal_entity: true,
    test_mode: true,
  }),
  ru_payments_dolyame_data: gateway({ title: 'Долями', min_total: RUB(100), max_total: RUB(30_000), split: { parts: 4 } }),
  ru_payments_sber_bnpl_data: gateway({ title: 'Плати частями', min_total: RUB(1_000), max_total: RUB(150_000), split: { parts: 4 } }),
  ru_payments_paylate_data: gateway({ title: 'PayLate', min_total: RUB(3_000), max_total: RUB(200_000), split: { parts: 6 } }),
};

/** Intl puts (narrow) no-break spaces into numbers. */
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

let server: CheckoutServer;
let pageErrors: string[] = [];

test.beforeAll(async () => {
  server = await startCheckoutServer();
});

test.afterAll(async () => {
  await server?.close();
});

test.afterEach(() => {
  expect(pageErrors, 'errors in the page').toEqual([]);
});

async function openCheckout(page: Page, totalKopecks: number, locale = 'ru_RU', billingCompany = '', cartStore = true) {
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  const config: HarnessConfig = { settings: SETTINGS, totalKopecks, billingCompany, cartStore };
  await page.addInitScript((c) => {
    window.__harnessConfig = c;
  }, config);
  await page.goto(server.checkoutUrl(locale));
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
}

const method = (page: Page, name: string) => page.locator(`li[data-method="${name}"]`);
/** The split under a method's title (inside its radio label). */
const labelSplit = (page: Page, name: string) => method(page, name).locator('label .ru-payments-split');
/** The split inside a method's content (shown only when the label can't show it). */
const contentSplit = (page: Page, name: string) => method(page, name).locator('.ru-payments-content .ru-payments-split');
const setCartTotal = (page: Page, kopecks: number) => page.evaluate((k) => window.__harness!.setCartTotal(k), kopecks);
const placeOrder = (page: Page) => page.evaluate(() => window.__harness!.placeOrder());

/** The message shown in the field box of the input labelled `label`. */
const fieldError = (page: Page, label: string) =>
  page
    .locator('.wc-block-components-text-input')
    .filter({ has: page.getByLabel(label, { exact: true }) })
    .locator('.wc-block-components-validation-error');

test('build/index.js runs on exactly the globals build/index.asset.php lists', async ({ page }) => {
  const dependencies = readAssetDependencies();
  expect(dependencies).toEqual(expect.arrayContaining(['react', 'react-jsx-runtime', 'wc-blocks-registry', 'wc-settings', 'wp-data', 'wp-i18n']));
  const expectedGlobals = dependencies.map((handle) => HANDLES[handle]!.global).sort();

  // Every window.* the bundle reads belongs to a listed handle, and every listed handle is read.
  const bundle = readFileSync(join(BUILD_DIR, 'index.js'), 'utf8');
  const used = [...new Set([...bundle.matchAll(/window\.((?:[A-Za-z_$][\w$]*)(?:\.[A-Za-z_$][\w$]*)?)/g)].map((m) => m[1]!))];
  const normalised = used.map((g) => (g.startsWith('wp.') || g.startsWith('wc.') ? g : g.split('.')[0]!)).sort();
  expect(normalised).toEqual(expectedGlobals);

  await openCheckout(page, RUB(1_000));
  // The page loaded the handles (dependencies first) and each defined its global.
  const loaded = await page.locator('script[data-handle]').evaluateAll((scripts) => scripts.map((s) => s.getAttribute('data-handle')));
  expect(loaded).toEqual(resolveHandles(dependencies).filter((h) => HANDLES[h]!.code));
  const defined = await page.evaluate(
    (paths) => paths.map((path) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], window) !== undefined),
    expectedGlobals,
  );
  expect(defined).toEqual(expectedGlobals.map(() => true));

  expect(await page.evaluate(() => window.__harness!.registered())).toEqual([
    'ru_payments_individuals',
    'ru_payments_legal',
    'ru_payments_dolyame',
    'ru_payments_sber_bnpl',
    'ru_payments_paylate',
  ]);
});

test('Dolyame (max 30 000 ₽): shown at 29 999 ₽ and 30 000 ₽, hidden at 30 001 ₽, live', async ({ page }) => {
  await openCheckout(page, RUB(29_999));
  const dolyame = method(page, 'ru_payments_dolyame');
  await expect(dolyame).toBeVisible();
  await expect(dolyame.locator('.wc-block-components-payment-method-label')).toHaveText('Долями');

  // Under the title before the method is selected (the card method is), from the cart store.
  await expect(page.getByRole('radio', { name: 'Банковская карта или СБП' })).toBeChecked();
  await expect(labelSplit(page, 'ru_payments_dolyame')).toBeVisible();
  expect(plain(await labelSplit(page, 'ru_payments_dolyame').textContent())).toBe('4 платежа по 7 499,75 ₽');

  // Selected: still under the title, and only there (not repeated in the content).
  await page.getByRole('radio', { name: 'Долями' }).check();
  await expect(dolyame.locator('.ru-payments-split')).toHaveCount(1);
  await expect(contentSplit(page, 'ru_payments_dolyame')).toHaveCount(0);
  expect(plain(await labelSplit(page, 'ru_payments_dolyame').textContent())).toBe('4 платежа по 7 499,75 ₽');

  // The cart grows past the limit: WooCommerce asks canMakePayment again and the method goes.
  await setCartTotal(page, RUB(30_001));
  await expect(dolyame).toHaveCount(0);
  await expect(method(page, 'ru_payments_sber_bnpl')).toBeVisible();
  await expect(method(page, 'ru_payments_legal')).toBeVisible();
  expect(await page.evaluate(() => window.__harness!.available())).not.toContain('ru_payments_dolyame');

  // Exactly at the limit it is back (inclusive).
  await setCartTotal(page, RUB(30_000));
  await expect(dolyame).toBeVisible();
  expect(plain(await labelSplit(page, 'ru_payments_dolyame').textContent())).toBe('4 платежа по 7 500 ₽');
  await page.getByRole('radio', { name: 'Долями' }).check();
  await expect(dolyame.locator('.ru-payments-split')).toHaveCount(1);
  expect(plain(await labelSplit(page, 'ru_payments_dolyame').textContent())).toBe('4 платежа по 7 500 ₽');

  // An uneven total: the first payment carries the extra kopeck.
  await setCartTotal(page, 10_001);
  await expect(labelSplit(page, 'ru_payments_dolyame')).toHaveText(/25,01/);
  expect(plain(await labelSplit(page, 'ru_payments_dolyame').textContent())).toBe('4 платежа: 25,01 ₽ + 3 × 25,00 ₽');

  const calls = await page.evaluate(() => window.__harness!.canMakePaymentCalls());
  expect(calls.ru_payments_dolyame).toBe(4);
});

test('every BNPL method shows its split under the title, selected or not, following the cart total', async ({ page }) => {
  await openCheckout(page, RUB(29_999));
  const bnpl = ['ru_payments_dolyame', 'ru_payments_sber_bnpl', 'ru_payments_paylate'];
  const splits = async () =>
    Object.fromEntries(await Promise.all(bnpl.map(async (name) => [name, plain(await labelSplit(page, name).textContent())] as const)));

  await expect(page.getByRole('radio', { name: 'Банковская карта или СБП' })).toBeChecked();
  expect(await splits()).toEqual({
    ru_payments_dolyame: '4 платежа по 7 499,75 ₽',
    ru_payments_sber_bnpl: '4 платежа по 7 499,75 ₽',
    ru_payments_paylate: '6 платежей: 2 × 4 999,84 ₽ + 4 × 4 999,83 ₽',
  });
  // Small and muted, on its own line below the title.
  const style = await labelSplit(page, 'ru_payments_paylate').evaluate((el) => {
    const s = getComputedStyle(el);
    const title = el.parentElement!.querySelector('.wc-block-components-payment-method-label')!;
    return {
      display: s.display,
      smaller: parseFloat(s.fontSize) < parseFloat(getComputedStyle(title).fontSize),
      muted: parseFloat(s.opacity) < 1,
      below: el.getBoundingClientRect().top >= title.getBoundingClientRect().bottom - 1,
    };
  });
  expect(style).toEqual({ display: 'block', smaller: true, muted: true, below: true });
  // Methods without split show none.
  await expect(method(page, 'ru_payments_individuals').locator('.ru-payments-split')).toHaveCount(0);
  await expect(method(page, 'ru_payments_legal').locator('.ru-payments-split')).toHaveCount(0);

  // The cart changes: every label follows.
  await setCartTotal(page, RUB(12_000));
  await expect(labelSplit(page, 'ru_payments_paylate')).toHaveText(/2\s000/);
  expect(await splits()).toEqual({
    ru_payments_dolyame: '4 платежа по 3 000 ₽',
    ru_payments_sber_bnpl: '4 платежа по 3 000 ₽',
    ru_payments_paylate: '6 платежей по 2 000 ₽',
  });

  // Selecting PayLate keeps its split under the title, once.
  await page.getByRole('radio', { name: 'PayLate' }).check();
  await expect(method(page, 'ru_payments_paylate').locator('.ru-payments-split')).toHaveCount(1);
  await expect(contentSplit(page, 'ru_payments_paylate')).toHaveCount(0);
  expect(plain(await labelSplit(page, 'ru_payments_paylate').textContent())).toBe('6 платежей по 2 000 ₽');
});

test('without the wc/store/cart store: no split in the labels, the selected method shows it in its content', async ({ page }) => {
  await openCheckout(page, RUB(29_999), 'ru_RU', '', false);
  await expect(method(page, 'ru_payments_dolyame')).toBeVisible();
  await expect(page.locator('label .ru-payments-split')).toHaveCount(0);

  await page.getByRole('radio', { name: 'Долями' }).check();
  await expect(contentSplit(page, 'ru_payments_dolyame')).toBeVisible();
  await expect(method(page, 'ru_payments_dolyame').locator('.ru-payments-split')).toHaveCount(1);
  expect(plain(await contentSplit(page, 'ru_payments_dolyame').textContent())).toBe('4 платежа по 7 499,75 ₽');
  await setCartTotal(page, RUB(30_000));
  expect(plain(await contentSplit(page, 'ru_payments_dolyame').textContent())).toBe('4 платежа по 7 500 ₽');
  await expect(page.locator('label .ru-payments-split')).toHaveCount(0);
});

test('legal-entity form: a bad INN is rejected next to the field and by onPaymentSetup; a valid one is sent', async ({ page }) => {
  await openCheckout(page, RUB(50_000), 'ru_RU', 'ООО «Ромашка»');
  const legal = method(page, 'ru_payments_legal');
  await expect(legal.locator('.ru-payments-badge--test')).toHaveText('Тестовый режим');
  await page.getByRole('radio', { name: 'Счёт для юрлиц и ИП' }).check();

  await expect(page.getByLabel('Название организации', { exact: true })).toHaveValue('ООО «Ромашка»');
  await page.getByLabel('ИНН', { exact: true }).fill('7707083894');
  await page.getByLabel('ИНН', { exact: true }).blur();
  await expect(fieldError(page, 'ИНН')).toHaveText('Неверный ИНН: не сходится контрольная цифра. Проверьте номер.');
  await expect(page.getByLabel('ИНН', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  // "Place order": the observer answers ERROR, nothing is sent.
  await page.getByTestId('place-order').click();
  await expect(page.getByTestId('notices').getByRole('alert')).toHaveText(
    'Проверьте реквизиты плательщика: Неверный ИНН: не сходится контрольная цифра. Проверьте номер.',
  );
  await expect(page.getByTestId('payment-data')).toHaveCount(0);
  await expect(fieldError(page, 'КПП')).toHaveText('Укажите КПП.');
  await expect(fieldError(page, 'Юридический адрес')).toHaveText('Укажите юридический адрес.');
  const rejected = await placeOrder(page);
  expect(rejected).toMatchObject({ type: 'error', messageContext: 'wc/payment-area' });
  expect(rejected.paymentMethodData).toBeUndefined();

  // Corrected: SUCCESS with the details as paymentMethodData.
  await page.getByLabel('ИНН', { exact: true }).fill('7707083893');
  await page.getByLabel('КПП', { exact: true }).fill('773601001');
  await page.getByLabel('Юридический адрес', { exact: true }).fill('117997, г. Москва, ул. Вавилова, д. 19');
  await expect(page.locator('.wc-block-components-validation-error')).toHaveCount(0);
  await page.getByTestId('place-order').click();
  const expected = {
    ru_payments_payer_type: 'organization',
    ru_payments_company: 'ООО «Ромашка»',
    ru_payments_inn: '7707083893',
    ru_payments_kpp: '773601001',
    ru_payments_legal_address: '117997, г. Москва, ул. Вавилова, д. 19',
  };
  await expect(page.getByTestId('payment-data')).toHaveText(JSON.stringify(expected));
  await expect(page.getByTestId('notices').getByRole('alert')).toHaveCount(0);
  expect(await placeOrder(page)).toMatchObject({ type: 'success', paymentMethodData: expected });

  // A sole trader: no KPP field, a 12-digit INN.
  await page.getByLabel('Индивидуальный предприниматель (ИП)').check();
  await expect(page.getByLabel('КПП', { exact: true })).toHaveCount(0);
  await page.getByLabel('ФИО индивидуального предпринимателя', { exact: true }).fill('ИП Иванов Иван Иванович');
  await page.getByLabel('ИНН', { exact: true }).blur();
  await expect(fieldError(page, 'ИНН')).toHaveText('ИНН индивидуального предпринимателя состоит из 12 цифр.');
  await page.getByLabel('ИНН', { exact: true }).fill('500100732259');
  await expect(fieldError(page, 'ИНН')).toHaveCount(0);
  expect(await placeOrder(page)).toMatchObject({
    type: 'success',
    paymentMethodData: { ...expected, ru_payments_payer_type: 'entrepreneur', ru_payments_company: 'ИП Иванов Иван Иванович', ru_payments_inn: '500100732259', ru_payments_kpp: '' },
  });
});

test('English (no translation loaded): split preview, test-mode badge and INN message', async ({ page }) => {
  await openCheckout(page, RUB(30_000), 'en_US');
  await page.getByRole('radio', { name: 'Долями' }).check();
  expect(plain(await method(page, 'ru_payments_dolyame').locator('.ru-payments-split').textContent())).toBe('4 payments of 7,500 ₽');
  await expect(method(page, 'ru_payments_legal').locator('.ru-payments-badge--test')).toHaveText('Test mode');

  await page.getByRole('radio', { name: 'Счёт для юрлиц и ИП' }).check();
  await page.getByLabel('INN', { exact: true }).fill('770708389');
  await page.getByLabel('INN', { exact: true }).blur();
  await expect(fieldError(page, 'INN')).toHaveText("An organisation's INN has 10 digits.");
  expect(await placeOrder(page)).toMatchObject({ type: 'error' });
});
