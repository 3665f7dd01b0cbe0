import { request } from '@playwright/test';
import { AdminOrderScreen } from './support/admin-order.js';
import { METHODS, requireShop, SHOP } from './support/env.js';
import { expect, test } from './support/fixtures.js';
import { paidOrderViaStoreApi } from './support/flow.js';
import { storeProducts, type Products } from './support/money.js';
import { notesMatching, PAID_NOTE } from './support/order-checks.js';
import { sidecarPayment, simulatorView } from './support/sidecar.js';
import { orderPaymentId, setProviderSettings } from './support/wordpress.js';

/**
 * Sber «Плати частями» in two stages (provider setting "Two-stage payments"): the shopper's payment
 * is only authorised (order on hold); the shop manager captures it by moving the order to
 * Processing (paid once, the whole amount), or cancels the order, which releases the hold.
 */
requireShop();
test.describe.configure({ mode: 'serial' }); // the provider setting is shared by both tests

/** Sber's order states (the simulator's getOrderStatusExtended orderStatus). */
const SBER = { approved: 1, deposited: 2, reversed: 3 } as const;

let products: Products;
test.beforeAll(async () => {
  const api = await request.newContext({ baseURL: SHOP.url });
  products = await storeProducts(api);
  await api.dispose();
  setProviderSettings('sber', { twoStage: 'yes' });
});
test.afterAll(() => {
  setProviderSettings('sber', { twoStage: 'no' });
});

async function authorisedOrder(shopper: import('@playwright/test').Page, admin: import('./support/admin-api.js').AdminApi) {
  const kettle = products('kettle');
  const stockBefore = await admin.stock(kettle.id);
  const { orderId } = await paidOrderViaStoreApi(shopper, { method: METHODS.sber, productId: kettle.id });
  const order = await admin.waitForStatus(orderId, ['on-hold'], 'on-hold (authorised)');
  const paymentId = orderPaymentId(orderId);
  const payment = await sidecarPayment(paymentId);
  expect(payment).toMatchObject({ provider: 'sber', status: 'authorized', captured_amount: 0 });
  expect(order.date_paid, 'not paid yet').toBeNull();
  const held = await simulatorView<{ status: number }>('sber', `/control/orders/${payment.provider_payment_id}`);
  expect(held.status, 'Sber holds the money').toBe(SBER.approved);
  return { orderId, paymentId, amount: payment.amount, mdOrder: String(payment.provider_payment_id), stockBefore, productId: kettle.id };
}

test('authorised, then captured by moving the order to Processing: paid once', async ({ shopper, adminPage, admin }) => {
  const a = await authorisedOrder(shopper, admin);
  const screen = new AdminOrderScreen(adminPage, a.orderId);
  await screen.open();
  await screen.setStatus('processing');

  await expect.poll(async () => (await sidecarPayment(a.paymentId)).status, { message: 'the sidecar payment is captured', timeout: 30_000 }).toBe('paid');
  const payment = await sidecarPayment(a.paymentId);
  expect(payment.captured_amount, 'the whole authorised amount is captured').toBe(a.amount);
  expect((await simulatorView<{ status: number }>('sber', `/control/orders/${a.mdOrder}`)).status, 'Sber deposited it').toBe(SBER.deposited);

  const order = await admin.waitForStatus(a.orderId, ['processing']);
  expect(order.date_paid, 'date_paid is set').toBeTruthy();
  // The "paid" event for the capture arrives after the manager's status change: still one "paid" note.
  await expect.poll(async () => notesMatching(await admin.notes(a.orderId), PAID_NOTE).length, { message: 'one "paid" note', timeout: 15_000 }).toBe(1);
  expect((await admin.order(a.orderId)).status, 'the paid event changes nothing more').toBe('processing');
  expect(await admin.stock(a.productId), 'stock reduced once').toBe(a.stockBefore - 1);
});

test('authorised, then the order is cancelled: the hold is released', async ({ shopper, adminPage, admin }) => {
  const a = await authorisedOrder(shopper, admin);
  const screen = new AdminOrderScreen(adminPage, a.orderId);
  await screen.open();
  await screen.setStatus('cancelled');

  await expect.poll(async () => (await sidecarPayment(a.paymentId)).status, { message: 'the sidecar payment is cancelled', timeout: 30_000 }).toBe('cancelled');
  expect((await simulatorView<{ status: number }>('sber', `/control/orders/${a.mdOrder}`)).status, 'Sber reversed the hold').toBe(SBER.reversed);
  const order = await admin.order(a.orderId);
  expect(order.status).toBe('cancelled');
  expect(order.date_paid, 'never paid').toBeNull();
  expect(await admin.stock(a.productId), 'stock back where it was').toBe(a.stockBefore);
});
