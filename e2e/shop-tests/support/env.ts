import { fileURLToPath } from 'node:url';
import { test } from '@playwright/test';

/**
 * What e2e/shop/run-stage.mjs tells the real-shop specs about the shop it started (see shop.md):
 * the shop URL and admin login, the WordPress folder, the shared secret and URL of the sidecar,
 * and the test mailbox (one JSON line per wp_mail).
 */
const env = (name: string) => process.env[name] ?? '';

export const SHOP = {
  url: env('WC_E2E_URL').replace(/\/+$/, ''),
  adminUser: env('WC_E2E_ADMIN_USER') || 'admin',
  adminPassword: env('WC_E2E_ADMIN_PASSWORD'),
  wpDir: env('RUP_WP_DIR'),
  secret: env('RUP_SHOP_SECRET'),
  sidecarUrl: env('RUP_SIDECAR_URL').replace(/\/+$/, ''),
  mailbox: env('RUP_MAILBOX'),
  info: JSON.parse(env('RUP_SHOP_INFO') || '{}') as { products?: Record<string, number>; classic_checkout?: string; checkout?: string },
};

export const ADMIN_EMAIL = 'admin@example.test';
/** Under the shop config's outputDir (test-results/shop at the repository root), wherever Playwright is started. */
const OUTPUT = fileURLToPath(new URL('../../../test-results/shop/', import.meta.url));
export const ADMIN_STATE = `${OUTPUT}.admin-state.json`;
export const SCREENSHOTS = `${OUTPUT}screenshots`;

/** Skips the file unless it runs inside the real-shop stage (every RUP_* variable it needs is set). */
export function requireShop() {
  const missing = ['WC_E2E_URL', 'WC_E2E_ADMIN_PASSWORD', 'RUP_WP_DIR', 'RUP_SHOP_SECRET', 'RUP_SIDECAR_URL', 'RUP_MAILBOX', 'RUP_SHOP_INFO'].filter(
    (name) => env(name) === '',
  );
  test.skip(missing.length > 0, `real-shop stage only (node e2e/shop/run-stage.mjs); missing ${missing.join(', ')}`);
  test.use({ baseURL: SHOP.url || undefined });
}

export const METHODS = {
  individuals: 'ru_payments_individuals',
  legal: 'ru_payments_legal',
  dolyame: 'ru_payments_dolyame',
  sber: 'ru_payments_sber_bnpl',
  paylate: 'ru_payments_paylate',
} as const;
export const ALL_METHODS = Object.values(METHODS);
export type MethodId = (typeof ALL_METHODS)[number];

/** A shopper with an address in Russia; every order gets its own e-mail so mails can be counted per order. */
export function shopper(tag: string) {
  return {
    email: `shopper+${tag.replace(/[^a-z0-9]/gi, '-').toLowerCase()}-${Date.now().toString(36)}@example.test`,
    first_name: 'Иван',
    last_name: 'Петров',
    address_1: 'ул. Тверская, д. 1',
    city: 'Москва',
    state: 'Москва',
    postcode: '125009',
    phone: '+79991234567',
  };
}
export type Shopper = ReturnType<typeof shopper>;

export interface Payer {
  type: 'organization' | 'entrepreneur';
  company: string;
  inn: string;
  kpp: string;
  address: string;
}

/** Sberbank's public INN/KPP (check digits valid). */
export const ORGANIZATION: Payer = {
  type: 'organization',
  company: 'ПАО Сбербанк',
  inn: '7707083893',
  kpp: '773601001',
  address: '117312, г. Москва, ул. Вавилова, д. 19',
};

/** A sole trader: a 12-digit INN whose two check digits are right (500100732259, a common valid example). */
export const SOLE_TRADER: Payer = {
  type: 'entrepreneur',
  company: 'ИП Петров Иван Иванович',
  inn: '500100732259',
  kpp: '',
  address: '141000, Московская обл., г. Мытищи, ул. Мира, д. 1',
};

/** The same sole trader with the last check digit wrong. */
export const BAD_INN = '500100732258';
