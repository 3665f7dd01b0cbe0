import { expect, type Page } from '@playwright/test';

/**
 * The shopper's cart, through the shop's own endpoints with the browser context's cookies
 * (page.request shares them): WooCommerce's add-to-cart handler and the Store API.
 */
async function cart(page: Page) {
  const res = await page.request.get('/wp-json/wc/store/v1/cart');
  expect(res.ok(), `Store API cart: ${res.status()}`).toBe(true);
  return { nonce: res.headers()['nonce'] ?? '', body: (await res.json()) as { items_count: number } };
}

export async function emptyCart(page: Page) {
  const { nonce, body } = await cart(page);
  if (body.items_count === 0) return;
  const res = await page.request.delete('/wp-json/wc/store/v1/cart/items', { headers: { Nonce: nonce } });
  expect(res.ok(), `empty the cart: ${res.status()} ${await res.text()}`).toBe(true);
}

/** An empty cart, then `quantity` of the product (the classic ?add-to-cart= handler every theme has). */
export async function fillCart(page: Page, productId: number, quantity = 1) {
  await emptyCart(page);
  const res = await page.request.get(`/?add-to-cart=${productId}&quantity=${quantity}`);
  expect(res.ok(), `add product ${productId} to the cart: ${res.status()}`).toBe(true);
}
