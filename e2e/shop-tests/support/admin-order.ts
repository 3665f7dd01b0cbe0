import { expect, type Page } from '@playwright/test';
import { SCREENSHOTS } from './env.js';
import type { Money } from './money.js';

/**
 * The HPOS order edit screen in wp-admin (admin.php?page=wc-orders&action=edit&id=N), driven the
 * way a shop manager uses it.
 */
export class AdminOrderScreen {
  constructor(
    private readonly page: Page,
    readonly orderId: number,
  ) {}

  async open() {
    // The order screen's own scripts run before DOMContentLoaded (footer scripts); the rest of
    // wp-admin (analytics, marketing panels) need not finish loading.
    await this.page.goto(`/wp-admin/admin.php?page=wc-orders&action=edit&id=${this.orderId}`, { waitUntil: 'domcontentloaded' });
    await expect(this.page.locator('#order_data'), `order ${this.orderId} edit screen`).toBeVisible();
  }

  /**
   * Refund button → amount (as the shop's price input takes it) → "Refund ₽X via <method>" →
   * confirm. The screen reloads when WooCommerce accepted the refund; an alert means it did not.
   */
  async refund(amountMinor: number, money: Money, reason: string) {
    const page = this.page;
    await page.locator('button.refund-items').click();
    await page.locator('#refund_amount').fill(money.input(amountMinor));
    await page.locator('#refund_amount').dispatchEvent('change');
    await page.locator('#refund_reason').fill(reason);
    const button = page.locator('button.do-api-refund');
    await expect(button, 'the provider refund button shows the amount as the shop formats it').toContainText(`Refund ${money.format(amountMinor)} via`);

    const alerts: string[] = [];
    const onDialog = async (dialog: import('@playwright/test').Dialog) => {
      if (dialog.type() === 'confirm') return dialog.accept();
      alerts.push(dialog.message());
      return dialog.dismiss();
    };
    page.on('dialog', onDialog);
    try {
      const reloaded = page.waitForEvent('domcontentloaded', { timeout: 45_000 });
      await button.click();
      await Promise.race([
        reloaded,
        expect.poll(() => alerts.length, { timeout: 45_000 }).toBeGreaterThan(0),
      ]);
      expect(alerts, 'WooCommerce reported no refund error').toEqual([]);
    } finally {
      page.off('dialog', onDialog);
    }
    await expect(page.locator('#order_data')).toBeVisible();
  }

  /** Picks a status in the order status select and saves the order. */
  async setStatus(status: string) {
    await this.page.locator('#order_status').selectOption(`wc-${status}`, { force: true });
    await this.save();
  }

  /** Runs one of the "Order actions" (e.g. ru_payments_capture) and saves. */
  async runAction(action: string) {
    await this.page.locator('select[name="wc_order_action"]').selectOption(action, { force: true });
    await this.save();
  }

  private async save() {
    await Promise.all([this.page.waitForEvent('domcontentloaded'), this.page.locator('button.save_order').click()]);
    await expect(this.page.locator('#order_data')).toBeVisible();
  }

  /** Notices wp-admin shows at the top of the screen (errors, warnings, successes). */
  notices() {
    return this.page.locator('#wpbody-content .notice, #wpbody-content .updated, #wpbody-content .error').allInnerTexts();
  }

  async screenshot(name: string) {
    await this.page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
  }
}
