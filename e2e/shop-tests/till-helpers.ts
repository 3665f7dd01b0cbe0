import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

/** Helpers of the till specs: PHP inside the shop's WordPress, simulator control, logins. */
export const SHOP_URL = (process.env.WC_E2E_URL ?? '').replace(/\/+$/, '');
export const WP_DIR = process.env.RUP_WP_DIR ?? '';
export const SIDECAR_URL = (process.env.RUP_SIDECAR_URL ?? '').replace(/\/+$/, '');
export const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'till-screenshots');
export const PRODUCTS = (JSON.parse(process.env.RUP_SHOP_INFO ?? '{}').products ?? {}) as Record<'kettle' | 'sofa' | 'lamp', number>;
export const PASSWORD = 'cashier-password-for-tests';

/** Runs PHP with WordPress loaded and returns what it echoes as JSON. */
export function wpPhp<T = unknown>(code: string): T {
  const host = new URL(SHOP_URL).host;
  const out = execFileSync('php', ['-r', `$_SERVER['HTTP_HOST']='${host}'; require '${WP_DIR}/wp-load.php'; ${code}`], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop() ?? 'null') as T;
}

export async function sim<T = any>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${SIDECAR_URL}/sim/koshelek${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `simulator ${path}: HTTP ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

export interface Card {
  cardNumber: string;
  payloads: Record<'code128' | 'code39' | 'pdf417' | 'dataMatrix' | 'qr', string>;
  plain: string;
}
export const newCard = () => sim<Card>('/control/cards', {});

export async function login(page: Page, user: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${SHOP_URL}/wp-login.php`);
  await page.locator('#user_login').fill(user);
  await page.locator('#user_pass').fill(PASSWORD);
  await page.locator('#wp-submit').click();
  await page.waitForURL(/wp-admin/);
}

export async function openTill(page: Page): Promise<void> {
  await page.goto(`${SHOP_URL}/wp-admin/admin.php?page=ru-payments-till`);
  await expect(page.getByTestId('product-search')).toBeVisible();
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Types into the focused field like a keyboard-wedge scanner: keystrokes, then Enter. */
export async function wedge(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 5 });
  await page.keyboard.press('Enter');
}

/**
 * A scanner's burst outside any field: the key events a USB scanner produces, back to back, then
 * Enter, dispatched in the page (Playwright's own keystrokes, and even page timers, are too slow on
 * a loaded machine to look like a scanner).
 */
export async function wedgeBurst(page: Page, text: string): Promise<void> {
  await page.evaluate((code) => {
    for (const key of [...code, 'Enter']) document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  }, text);
}

/** Final state of the sale on the screen (data-status = normalized payment status). */
export async function saleStatus(page: Page, status: string): Promise<void> {
  await expect(page.getByTestId('sale')).toHaveAttribute('data-status', status, { timeout: 30_000 });
}

export function saleId(page: Page): Promise<string> {
  return page.getByTestId('sale').getAttribute('data-order').then((v) => v ?? '');
}

/** Cashiers (English and Russian) and product barcodes, created once per shop. */
export function setUpShop(): { lampBarcode: string; sofaGtin: string } {
  return wpPhp(`
    ( new RuPayments\\Till\\CashierRole() )->ensure();
    foreach ( array( 'cashier' => '', 'kassir' => 'ru_RU' ) as $login => $locale ) {
      $id = username_exists( $login ) ?: wp_create_user( $login, '${PASSWORD}', $login . '@example.test' );
      $user = new WP_User( $id ); $user->set_role( 'ru_payments_cashier' );
      update_user_meta( $id, 'locale', $locale );
    }
    update_option( 'ru_payments_till_settings', array( 'terminals' => 'TILL-1,TILL-2', 'test_mode' => 'yes', 'koshelek_profile' => 'default', 'payment_types' => 'SBP,DOLYAME' ) );
    $lamp = wc_get_product( ${PRODUCTS.lamp} );
    $sofa = wc_get_product( ${PRODUCTS.sofa} );
    $lamp->update_meta_data( '_ru_payments_barcode', '4600000000013' ); $lamp->save();
    if ( method_exists( $sofa, 'set_global_unique_id' ) ) { $sofa->set_global_unique_id( '4600000000020' ); $sofa->save(); }
    echo json_encode( array( 'lampBarcode' => '4600000000013', 'sofaGtin' => '4600000000020' ) );
  `);
}
