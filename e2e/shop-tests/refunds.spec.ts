import { request } from '@playwright/test';
import { AdminOrderScreen } from './support/admin-order.js';
import { METHODS, requireShop, SHOP } from './support/env.js';
import { expect, test } from './support/fixtures.js';
import { paidOrderViaStoreApi } from './support/flow.js';
import { Money, storeProducts, type Products } from './support/money.js';
import { sidecarPayment, simulatorView } from './support/sidecar.js';
import { orderPaymentId } from './support/wordpress.js';

/**
 * Refunds from the order screen in wp-admin (Refund → amount → "Refund ₽X via …" → confirm): a
 * WooCommerce refund object for the amount, the provider's refund reported back through the
 * sidecar, and the order status WooCommerce gives it (refunded only when all of it went back).
 */
requireShop();

let products: Products;
test.beforeAll(async () => {
  const api = await request.newContext({ baseURL: SHOP.url });
  products = await storeProducts(api);
  await api.dispose();
});

interface InvoiceboxOrder {
  refunds: { amount: number | string }[];
}

const CASES = [
  { name: 'partial', share: (total: number) => Math.round(total / 4), status: 'processing', payment: 'partially_refunded' },
  { name: 'full', share: (total: number) => total, status: 'refunded', payment: 'refunded' },
] as const;

for (const c of CASES) {
  test(`a ${c.name} refund from the order screen reaches the provider`, async ({ shopper, adminPage, admin }) => {
    const lamp = products('lamp');
    const money = new Money(lamp.prices);
    const { orderId } = await paidOrderViaStoreApi(shopper, { method: METHODS.individuals, productId: lamp.id, quantity: 2 });
    await admin.waitForStatus(orderId, ['processing']);
    const total = Number(lamp.prices.price) * 2;
    const amount = c.share(total);

    const screen = new AdminOrderScreen(adminPage, orderId);
    await screen.open();
    await screen.refund(amount, money, `e2e ${c.name} refund`);
    await screen.screenshot(`order-screen-after-${c.name}-refund`);

    // WooCommerce: one refund object for the amount, paid back through the gateway.
    const refunds = await admin.refunds(orderId);
    expect(refunds.map((r) => ({ amount: money.minorOf(r.amount), api: r.refunded_payment }))).toEqual([{ amount, api: true }]);
    await expect(adminPage.locator('#order_line_items ~ tbody, .wc-order-totals').getByText(money.format(amount)).first()).toBeVisible();
    expect((await admin.waitForStatus(orderId, [c.status])).status).toBe(c.status);

    // The provider's side: the sidecar's payment and the Invoicebox simulator's own record.
    const payment = await sidecarPayment(orderPaymentId(orderId));
    expect(payment).toMatchObject({ status: c.payment, refunded_amount: amount, amount: total });
    const invoice = await simulatorView<InvoiceboxOrder>('invoicebox', `/control/orders/${payment.provider_payment_id}`);
    expect(invoice.refunds.map((r) => Math.round(Number(r.amount) * 100))).toEqual([amount]);
  });
}
