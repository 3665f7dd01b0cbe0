import { expect } from '@playwright/test';
import type { AdminApi, WcNote } from './admin-api.js';
import { orderMails } from './mailbox.js';

/** The plugin's note for an applied "paid" event (StatusApplier: "RU Payments: payment paid (provider …)"). */
export const PAID_NOTE = /^RU Payments: payment paid\b/i;
/** WooCommerce's note when payment_complete() reduces stock. */
const STOCK_REDUCED = /^Stock levels reduced:/i;

export const notesMatching = (notes: WcNote[], pattern: RegExp) => notes.filter((n) => pattern.test(n.note.replace(/<[^>]+>/g, '')));

export interface PaidOrderExpectation {
  method: string;
  shopperEmail: string;
  productId: number;
  quantity: number;
  totalMinor: number;
  stockBefore: number;
  minorOf: (decimal: string) => number;
}

/**
 * A paid order, exactly once: processing with this method and total, date_paid set, one "paid"
 * note and one stock-reduction note, one e-mail to the shopper and one to the admin, stock reduced
 * by the quantity once.
 */
export async function expectPaidOnce(admin: AdminApi, orderId: number, want: PaidOrderExpectation) {
  const order = await admin.waitForStatus(orderId, ['processing'], 'processing (paid)');
  expect(order.payment_method, 'payment method').toBe(want.method);
  expect(want.minorOf(order.total), 'order total').toBe(want.totalMinor);
  expect(order.date_paid, 'date_paid is set').toBeTruthy();

  // Mails are sent in the same request that saved the status, just after it: wait for both.
  await expect
    .poll(() => orderMails(orderId, want.shopperEmail), { message: `mails for order ${orderId}`, timeout: 15_000 })
    .toEqual({ customer: [expect.any(String)], admin: [expect.any(String)] });

  const notes = await admin.notes(orderId);
  const text = notes.map((n) => n.note);
  expect(notesMatching(notes, PAID_NOTE), `one "paid" note; notes: ${JSON.stringify(text)}`).toHaveLength(1);
  expect(notesMatching(notes, STOCK_REDUCED), `one stock reduction; notes: ${JSON.stringify(text)}`).toHaveLength(1);
  expect(await admin.stock(want.productId), 'stock reduced by the quantity, once').toBe(want.stockBefore - want.quantity);

  // Still once after everything above had time to be re-delivered.
  expect(orderMails(orderId, want.shopperEmail), `still one mail each for order ${orderId}`).toEqual({
    customer: [expect.any(String)],
    admin: [expect.any(String)],
  });
  return order;
}
