import { requireShop, SHOP } from './support/env.js';
import { expect, test } from './support/fixtures.js';

/**
 * WooCommerce → Settings → RU Payments → Providers → Dolyame: "Summary for the Dolyame manager"
 * asks the sidecar (signed, through admin-ajax) for the fiscalisation data and shows the message
 * in a copyable text area, the fields still empty highlighted in the form.
 */
requireShop();

test('the Dolyame fiscalisation summary is one copyable message naming what is missing', async ({ adminPage: page }) => {
  await page.goto(`${SHOP.url}/wp-admin/admin.php?page=wc-settings&tab=ru_payments&section=providers`);
  await page.getByRole('button', { name: 'Summary for the Dolyame manager' }).click();

  const text = page.locator('#ru-payments-dolyame-fiscal-summary-text');
  await expect(text).toBeVisible();
  await expect(text).toHaveValue(/Просим настроить фискализацию чеков Долями/);
  await expect(text).toHaveValue(/ИНН: — \(не заполнено\)/);
  // The test shop has no fiscal data: the INN field is named and highlighted.
  await expect(page.locator('.ru-payments-fiscal-missing')).toContainText('Fiscalization: seller INN');
  await expect(page.locator('#ru_payments_provider_dolyame_fiscalization-inn')).toHaveAttribute('aria-invalid', 'true');
  await expect(text).toHaveJSProperty('readOnly', true);
});
