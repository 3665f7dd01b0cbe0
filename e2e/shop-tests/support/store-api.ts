import { expect, type APIRequestContext } from '@playwright/test';
import { shopper as newShopper, type Shopper } from './env.js';

/**
 * The Store API checkout (what the Checkout block posts), called directly: a cart with the
 * context's cookies, then POST /wp-json/wc/store/v1/checkout. Used where the browser adds nothing
 * (orders a spec only needs paid) and where a shopper's browser would never let the request through
 * (a method the checkout hides).
 */
export interface StoreCheckoutResult {
  status: number;
  body: {
    order_id?: number;
    status?: string;
    code?: string;
    message?: string;
    payment_result?: { payment_status: string; redirect_url: string; payment_details: { key: string; value: string }[] };
  };
}

async function nonce(api: APIRequestContext): Promise<string> {
  const res = await api.get('/wp-json/wc/store/v1/cart');
  expect(res.ok(), `Store API cart: ${res.status()}`).toBe(true);
  return res.headers()['nonce'] ?? '';
}

export async function storeCheckout(
  api: APIRequestContext,
  o: { productId: number; quantity?: number; method: string; paymentData?: Record<string, string>; shopper?: Shopper },
): Promise<StoreCheckoutResult & { shopper: Shopper }> {
  const shopper = o.shopper ?? newShopper(`store-api-${o.method}`);
  const token = await nonce(api);
  await api.delete('/wp-json/wc/store/v1/cart/items', { headers: { Nonce: token } });
  const added = await api.post('/wp-json/wc/store/v1/cart/add-item', { headers: { Nonce: token }, data: { id: o.productId, quantity: o.quantity ?? 1 } });
  expect(added.ok(), `Store API add-item: ${added.status()} ${(await added.text()).slice(0, 300)}`).toBe(true);
  const { email, ...address } = shopper;
  const res = await api.post('/wp-json/wc/store/v1/checkout', {
    headers: { Nonce: token },
    data: {
      billing_address: { ...address, email, country: 'RU' },
      shipping_address: { ...address, country: 'RU' },
      payment_method: o.method,
      payment_data: Object.entries(o.paymentData ?? {}).map(([key, value]) => ({ key, value })),
    },
  });
  return { status: res.status(), body: (await res.json()) as StoreCheckoutResult['body'], shopper };
}
