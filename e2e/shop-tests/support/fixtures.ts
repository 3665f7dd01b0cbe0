import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { AdminApi } from './admin-api.js';
import { ADMIN_STATE, SHOP } from './env.js';

/**
 * Worker-scoped fixtures, so a file's independent orders share one browser: `shopper` (a guest's
 * page; fillCart empties the cart first), `adminPage` (wp-admin, logged in from storageState) and
 * `admin` (REST).
 */
interface WorkerFixtures {
  shopperContext: BrowserContext;
  adminContext: BrowserContext;
  admin: AdminApi;
}

export const test = base.extend<{ shopper: Page; adminPage: Page }, WorkerFixtures>({
  shopperContext: [
    async ({ browser }, use) => {
      const context = await browser.newContext({ baseURL: SHOP.url, locale: 'en-US' });
      await use(context);
      await context.close();
    },
    { scope: 'worker' },
  ],
  adminContext: [
    async ({ browser }, use) => {
      const context = await browser.newContext({ baseURL: SHOP.url, storageState: ADMIN_STATE, locale: 'en-US' });
      await use(context);
      await context.close();
    },
    { scope: 'worker' },
  ],
  admin: [
    async ({}, use) => {
      const admin = await AdminApi.open();
      await use(admin);
      await admin.dispose();
    },
    { scope: 'worker' },
  ],
  shopper: async ({ shopperContext }, use) => {
    const page = await shopperContext.newPage();
    await use(page);
    await page.close();
  },
  adminPage: async ({ adminContext }, use) => {
    const page = await adminContext.newPage();
    await use(page);
    await page.close();
  },
});

export { expect } from '@playwright/test';
