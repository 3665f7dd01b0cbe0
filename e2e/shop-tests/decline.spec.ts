import { request } from '@playwright/test';
import { METHODS, requireShop, SCREENSHOTS, SHOP } from './support/env.js';
import { expect, test } from './support/fixtures.js';
import { placeOrder } from './support/flow.js';
import { storeProducts, type Products } from './support/money.js';
import { declineOnProviderPage } from './support/provider-page.js';
import { orderPaymentId } from './support/wordpress.js';
import { sidecarPayment } from './support/sidecar.js';

/**
 * The shopper declines on the provider's page (the simulator's decline button): the order ends
 * failed or cancelled, never paid, and the page the shopper is sent back to says the payment did
 * not go through.
 */
requireShop();

let products: Products;
test.beforeAll(async () => {
  const api = await request.newContext({ baseURL: SHOP.url });
  products = await storeProducts(api);
  await api.dispose();
});

const CASES = [
  { kind: 'block', method: METHODS.dolyame },
  { kind: 'classic', method: METHODS.sber },
] as const;

for (const { kind, method } of CASES) {
  test(`${kind} checkout, ${method}: declined on the simulator → failed/cancelled, the shopper is told`, async ({ shopper: page, admin }) => {
    const kettle = products('kettle');
    const stockBefore = await admin.stock(kettle.id);
    await placeOrder(page, { kind, method, productId: kettle.id });
    await declineOnProviderPage(page);

    const orderId = Number(/order-pay\/(\d+)/.exec(new URL(page.url()).pathname)?.[1] ?? NaN);
    expect(orderId, `back on the order's pay page: ${page.url()}`).toBeGreaterThan(0);
    const order = await admin.waitForStatus(orderId, ['failed', 'cancelled']);
    expect(order.date_paid, 'never paid').toBeNull();
    expect((await sidecarPayment(orderPaymentId(orderId))).status, 'the provider declined it').toMatch(/^(failed|cancelled)$/);

    // What the shopper reads on the page they were sent back to.
    await expect(page.getByText(/payment did not go through|cannot be paid for/i).first(), 'a message about the declined payment').toBeVisible({
      timeout: 15_000,
    });
    await page.screenshot({ path: `${SCREENSHOTS}/declined-${kind}.png`, fullPage: true });
    expect(await admin.stock(kettle.id), 'stock not reduced').toBe(stockBefore);
  });
}
