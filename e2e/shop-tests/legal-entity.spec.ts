import { request } from '@playwright/test';
import { fillCart } from './support/cart.js';
import { CHECKOUTS } from './support/checkout.js';
import { BAD_INN, METHODS, requireShop, SHOP, shopper, SOLE_TRADER } from './support/env.js';
import { expect, test } from './support/fixtures.js';
import { placeOrder } from './support/flow.js';
import { storeProducts, type Products } from './support/money.js';
import { payOnProviderPage } from './support/provider-page.js';
import { sidecarPayment, simulatorView } from './support/sidecar.js';
import { storeCheckout } from './support/store-api.js';
import { orderPaymentId } from './support/wordpress.js';

/**
 * Pay by invoice (ru_payments_legal): an INN with a wrong check digit is refused by both checkouts
 * and by the Store API behind the block; a sole trader's valid 12-digit INN is accepted and the
 * payer's details reach the provider (Invoicebox simulator, through the payment the sidecar holds).
 */
requireShop();

const INN_ERROR = /INN/;
let products: Products;
test.beforeAll(async () => {
  const api = await request.newContext({ baseURL: SHOP.url });
  products = await storeProducts(api);
  await api.dispose();
});

for (const kind of ['block', 'classic'] as const) {
  test(`${kind} checkout: an INN with a wrong check digit is refused`, async ({ shopper: page }) => {
    await fillCart(page, products('kettle').id, 1);
    const checkout = CHECKOUTS[kind](page);
    await checkout.open();
    await checkout.fillAddress(shopper(`bad-inn-${kind}`));
    await checkout.choose(METHODS.legal);
    await checkout.fillPayer(METHODS.legal, { ...SOLE_TRADER, inn: BAD_INN });
    const checkoutUrl = page.url();
    const placed = await checkout.place();
    expect(placed, 'the order is refused with an INN error').toEqual(expect.arrayContaining([expect.stringMatching(INN_ERROR)]));
    expect(page.url(), 'the shopper stays on the checkout').toBe(checkoutUrl);
    await checkout.screenshot(`bad-inn-${kind}`);
  });
}

test('Store API: the same bad INN is refused on the server too', async ({ shopper: page }) => {
  const result = await storeCheckout(page.request, {
    productId: products('kettle').id,
    method: METHODS.legal,
    paymentData: {
      ru_payments_payer_type: SOLE_TRADER.type,
      ru_payments_company: SOLE_TRADER.company,
      ru_payments_inn: BAD_INN,
      ru_payments_kpp: '',
      ru_payments_legal_address: SOLE_TRADER.address,
    },
  });
  expect(result.status, JSON.stringify(result.body)).toBe(400);
  expect(result.body.message ?? '', 'the error names the INN').toMatch(INN_ERROR);
  expect(result.body.payment_result?.redirect_url ?? '', 'no payment page').toBe('');
});

test('block checkout: a sole trader (12-digit INN) is accepted and the payer reaches the provider', async ({ shopper: page, admin }) => {
  await placeOrder(page, { kind: 'block', method: METHODS.legal, productId: products('kettle').id, payer: SOLE_TRADER });

  // The provider's own page shows whom the invoice is for.
  await expect(page.getByTestId('payer')).toContainText(SOLE_TRADER.company);
  await expect(page.getByTestId('payer')).toContainText(SOLE_TRADER.inn);
  const orderId = await payOnProviderPage(page);
  await admin.waitForStatus(orderId, ['processing']);

  // The provider's record of the order, found through the sidecar's signed API.
  const payment = await sidecarPayment(orderPaymentId(orderId));
  expect(payment.provider).toBe('invoicebox');
  expect(payment.status).toBe('paid');
  const invoice = await simulatorView<{ customer: Record<string, unknown> }>('invoicebox', `/control/orders/${payment.provider_payment_id}`);
  expect(invoice.customer).toMatchObject({ type: 'legal', name: SOLE_TRADER.company, vatNumber: SOLE_TRADER.inn, registrationAddress: SOLE_TRADER.address });
  expect(invoice.customer, 'a sole trader has no KPP').not.toHaveProperty('taxRegistrationReasonCode');
});
