import { request } from '@playwright/test';
import { fillCart } from './support/cart.js';
import { CHECKOUTS } from './support/checkout.js';
import { METHODS, requireShop, SHOP, shopper } from './support/env.js';
import { expect, test } from './support/fixtures.js';
import { Money, priceText, storeProducts, type Products } from './support/money.js';
import { simulatorView } from './support/sidecar.js';
import { storeCheckout } from './support/store-api.js';

/**
 * Dolyame takes orders up to 30 000 ₽: with the 35 000 ₽ sofa in the cart neither checkout offers
 * it (the other methods still show), and the Store API refuses an order that names it anyway,
 * without asking Dolyame for anything.
 */
requireShop();

let products: Products;
test.beforeAll(async () => {
  const api = await request.newContext({ baseURL: SHOP.url });
  products = await storeProducts(api);
  await api.dispose();
});

test('amounts are read as this shop formats them (Store API currency, price HTML)', () => {
  for (const slug of ['kettle', 'sofa', 'lamp']) {
    const product = products(slug);
    expect(new Money(product.prices).format(Number(product.prices.price)), `${slug} price`).toBe(priceText(product.price_html));
  }
});

for (const kind of ['block', 'classic'] as const) {
  test(`${kind} checkout: a 35 000 ₽ cart hides Dolyame`, async ({ shopper: page }) => {
    const sofa = products('sofa');
    const money = new Money(sofa.prices);
    await fillCart(page, sofa.id, 1);
    const checkout = CHECKOUTS[kind](page);
    await checkout.open();
    await checkout.fillAddress(shopper(`limit-${kind}`));
    // The total the shopper sees is the sofa's price as the shop formats it, over the limit.
    const total = kind === 'block' ? page.locator('.wc-block-components-totals-footer-item .wc-block-components-totals-item__value') : page.locator('.order-total .amount');
    await expect(total.first()).toHaveText(money.format(Number(sofa.prices.price)));

    const offered = await checkout.offeredMethods();
    expect(offered, 'the other methods are still offered').toContain(METHODS.individuals);
    expect(offered, 'Dolyame is not offered over 30 000 ₽').not.toContain(METHODS.dolyame);
    await checkout.screenshot(`dolyame-limit-${kind}`);
  });
}

test('Store API: an order naming Dolyame over 30 000 ₽ is refused, Dolyame is never asked', async ({ shopper: page }) => {
  const before = (await simulatorView<{ requests: unknown[] }>('dolyame', '/control/requests')).requests.length;
  const result = await storeCheckout(page.request, { productId: products('sofa').id, method: METHODS.dolyame });
  expect(result.status, `Store API answer: ${JSON.stringify(result.body)}`).toBeGreaterThanOrEqual(400);
  expect(result.body.code, 'refused because the method is not available for this order').toBe('woocommerce_rest_checkout_payment_method_disabled');
  expect(result.body.payment_result?.redirect_url ?? '', 'no payment page').toBe('');
  const after = (await simulatorView<{ requests: unknown[] }>('dolyame', '/control/requests')).requests.length;
  expect(after, 'no request reached the Dolyame simulator').toBe(before);
});
