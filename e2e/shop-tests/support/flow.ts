import { expect, type Page } from '@playwright/test';
import { fillCart } from './cart.js';
import { CHECKOUTS, type Checkout } from './checkout.js';
import { METHODS, ORGANIZATION, shopper as newShopper, type Payer, type Shopper } from './env.js';
import { expectOnProviderPage, payOnProviderPage } from './provider-page.js';
import { storeCheckout } from './store-api.js';

export interface PlaceOrder {
  kind: 'block' | 'classic';
  method: string;
  productId: number;
  quantity?: number;
  /** The legal-entity payer (default: an organisation for ru_payments_legal). */
  payer?: Payer;
  shopper?: Shopper;
  /** Saves a screenshot of the filled checkout under this name. */
  screenshot?: string;
}

/** Cart → checkout (block or classic) → method (and payer) → placed: the shopper is on the provider's page. */
export async function placeOrder(page: Page, o: PlaceOrder): Promise<{ checkout: Checkout; shopper: Shopper }> {
  const shopper = o.shopper ?? newShopper(`${o.kind}-${o.method}`);
  await fillCart(page, o.productId, o.quantity ?? 1);
  const checkout = CHECKOUTS[o.kind](page);
  await checkout.open();
  await checkout.fillAddress(shopper);
  expect(await checkout.offeredMethods(), `${o.method} offered at the ${o.kind} checkout`).toContain(o.method);
  await checkout.choose(o.method);
  const payer = o.payer ?? (o.method === METHODS.legal ? ORGANIZATION : undefined);
  if (payer) await checkout.fillPayer(o.method, payer);
  if (o.screenshot) await checkout.screenshot(o.screenshot);
  const placed = await checkout.place();
  expect(placed, `placing the order at the ${o.kind} checkout`).toBe('left');
  await expectOnProviderPage(page);
  return { checkout, shopper };
}

/** placeOrder, then pay on the simulator: the order id from the thank-you page. */
export async function orderAndPay(page: Page, o: PlaceOrder): Promise<{ orderId: number; shopper: Shopper }> {
  const { shopper } = await placeOrder(page, o);
  const orderId = await payOnProviderPage(page);
  return { orderId, shopper };
}

/**
 * A paid order without the checkout page (for specs about what happens after payment): Store API
 * checkout with the shopper's cookies, then the shopper pays on the simulator page.
 */
export async function paidOrderViaStoreApi(page: Page, o: { method: string; productId: number; quantity?: number }) {
  const placed = await storeCheckout(page.request, o);
  const redirect = placed.body.payment_result?.redirect_url ?? '';
  expect(placed.status, `Store API checkout: ${JSON.stringify(placed.body).slice(0, 400)}`).toBe(200);
  await page.goto(redirect);
  const orderId = await payOnProviderPage(page);
  expect(orderId).toBe(placed.body.order_id);
  return { orderId, shopper: placed.shopper };
}
