import { expect, type Page } from '@playwright/test';
import { SHOP } from './env.js';

/**
 * The provider's page (a sidecar simulator) the shopper is sent to after placing an order. Each
 * simulator marks its buttons: pay/approve, and fail/reject for a decline.
 */
const PAY = '[data-testid="pay"], [data-testid="approve"]';
const DECLINE = '[data-testid="fail"], [data-testid="reject"]';

export const isOrderReceived = (url: URL) => url.origin === SHOP.url && /\/order-received\/\d+/.test(url.pathname);

/** Waits until the checkout has sent the shopper to a simulator page (never straight to thank-you). */
export async function expectOnProviderPage(page: Page) {
  await page.waitForURL((url) => url.origin === SHOP.sidecarUrl && url.pathname.startsWith('/sim/'), { timeout: 30_000 });
  await expect(page.locator(PAY).first(), `pay button on ${page.url()}`).toBeVisible();
}

/** Pays on the simulator and returns the order id from the thank-you page it sends the shopper to. */
export async function payOnProviderPage(page: Page): Promise<number> {
  await expectOnProviderPage(page);
  await page.locator(PAY).first().click();
  await page.waitForURL(isOrderReceived, { timeout: 30_000 });
  return Number(/\/order-received\/(\d+)/.exec(new URL(page.url()).pathname)![1]);
}

/** Declines on the simulator; the shopper lands back in the shop (the order's pay page). */
export async function declineOnProviderPage(page: Page) {
  await expectOnProviderPage(page);
  await page.locator(DECLINE).first().click();
  await page.waitForURL((url) => url.origin === SHOP.url, { timeout: 30_000 });
}
