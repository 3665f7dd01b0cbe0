import { request } from '@playwright/test';
import { ALL_METHODS, requireShop, SHOP } from './support/env.js';
import { expect, test } from './support/fixtures.js';
import { orderAndPay } from './support/flow.js';
import { Money, storeProducts, type Products } from './support/money.js';
import { expectPaidOnce } from './support/order-checks.js';

/**
 * Every RU Payments method, through the Checkout block AND the classic shortcode checkout, paid on
 * the provider's simulator page: the order is paid exactly once (status, note, e-mails, stock).
 * The block orders buy the 1 000 ₽ kettle, the classic ones the 2 490.50 ₽ lamp (kopecks).
 */
requireShop();

let products: Products;
test.beforeAll(async () => {
  const api = await request.newContext({ baseURL: SHOP.url });
  products = await storeProducts(api);
  await api.dispose();
});

const CASES = [
  { kind: 'block', product: 'kettle', quantity: 1 },
  { kind: 'classic', product: 'lamp', quantity: 2 },
] as const;

for (const { kind, product: slug, quantity } of CASES) {
  test.describe(`${kind} checkout`, () => {
    for (const method of ALL_METHODS) {
      test(`${method}: paid on the simulator → processing, once`, async ({ shopper: page, admin }) => {
        const product = products(slug);
        const money = new Money(product.prices);
        const stockBefore = await admin.stock(product.id);

        const { orderId, shopper } = await orderAndPay(page, {
          kind,
          method,
          productId: product.id,
          quantity,
          screenshot: method === ALL_METHODS[0] ? `checkout-${kind}` : undefined,
        });

        // The thank-you page's own status box ends on "paid" without a reload.
        await expect(page.locator('.ru-payments-order-status').first()).toHaveAttribute('data-state', 'paid', { timeout: 30_000 });
        await expectPaidOnce(admin, orderId, {
          method,
          shopperEmail: shopper.email,
          productId: product.id,
          quantity,
          totalMinor: Number(product.prices.price) * quantity,
          stockBefore,
          minorOf: (d) => money.minorOf(d),
        });
      });
    }
  });
}

