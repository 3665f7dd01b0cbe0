import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, initBody, items, paidPayment, startKoshelek, type Koshelek } from './helpers.js';

let k: Koshelek;
beforeAll(async () => {
  k = await startKoshelek();
});
afterAll(async () => {
  await k.close();
});

const invoice = (orderId: string, amount: number, overrides: Record<string, unknown> = {}) => ({
  orderId,
  receiptId: '6789',
  merchantName: 'ООО «Ромашка»',
  merchantAddress: '198000, Санкт-Петербург, ул. Ленина, 1',
  inn: '007707083893',
  dateTime: '2026-05-20T20:50:00+03:00',
  shift: '5',
  cashier: 'Иванов И. И.',
  taxation: 'osn',
  receiptType: 'debit',
  totalAmount: amount,
  taxAmount: Math.round(amount / 6),
  qr: 't=20260520T2050&s=150.00&fn=9280440300387752&i=10272&fp=2374313442&n=1',
  items: items(amount),
  ...overrides,
});

describe('cancel', () => {
  it('cancels a payment the customer has not confirmed yet', async () => {
    const card = await k.sim.card();
    const init = await k.client.post(`${API}/payments`, initBody(card));
    const cancelled = await k.client.post(`${API}/payments/${init.body.requestId}/cancel`, {});
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'canceled', paymentStatus: 'cancelled', final: true, refunds: [] });
    // Confirming afterwards is impossible; cancelling again is refused without asking Koshelek.
    expect((await k.sim.confirm(init.body.transactionId)).status).toBe(409);
    const again = await k.client.post(`${API}/payments/${init.body.requestId}/cancel`, {});
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'invalid_state', cashier: { ru: expect.any(String), en: expect.any(String) } });
  });

  it('a paid (ACCEPTED) payment is not cancelled: declined with the instruction to refund, nothing sent, nothing booked', async () => {
    const paid = await paidPayment(k);
    const cancelsBefore = (await k.sim.stats()).cancels;
    const cancelled = await k.client.post(`${API}/payments/${paid.id}/cancel`, {});
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.error).toMatchObject({ code: 'cancel_after_payment', retryable: false });
    expect(cancelled.body.error.cashier.ru).toMatch(/выполните операцию возврата/);
    expect((await k.sim.stats()).cancels).toBe(cancelsBefore);
    const after = await k.client.get(`${API}/payments/${paid.id}`);
    expect(after.body).toMatchObject({ status: 'accepted', paymentStatus: 'paid', refundedAmount: 0, refunds: [] });
  });

  it('the customer paid while the cancel was on its way: Koshelek declines, the till is told to refund', async () => {
    const card = await k.sim.card();
    const init = await k.client.post(`${API}/payments`, initBody(card));
    await k.sim.confirm(init.body.transactionId);
    // Our side still thinks the payment is open (no status call yet); Koshelek knows better.
    const cancelled = await k.client.post(`${API}/payments/${init.body.requestId}/cancel`, {});
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.error).toMatchObject({ code: 'cancel_after_payment', koshelek: { httpStatus: 422, code: 'WRONG_TRANSACTION_STATE_CHANGE' } });
    expect((await k.sim.transaction(init.body.transactionId)).status).toBe('accepted');
    const after = await k.client.get(`${API}/payments/${init.body.requestId}?refresh=1&wait=3000`);
    expect(after.body).toMatchObject({ status: 'accepted', refundedAmount: 0, refunds: [] });
  });
});

describe('refund', () => {
  it('partial refunds with the returned items, then the rest; more than paid is refused', async () => {
    const paid = await paidPayment(k, { amount: 30_000, items: [...items(10_000), { name: 'Кофе', article: 'COF-1', price: 20_000, quantity: 1, totalAmount: 20_000, tax: 'vat20' }] });
    const first = await k.client.post(`${API}/payments/${paid.requestId}/refunds`, { amount: 10_000, items: items(10_000) });
    expect(first.status).toBe(201);
    expect(first.body.refund).toMatchObject({ amount: 10_000, status: 'succeeded', refTransactionId: expect.any(String) });
    expect(first.body.payment).toMatchObject({ status: 'partial_refunded', paymentStatus: 'partially_refunded', refundedAmount: 10_000 });

    const tooMuch = await k.client.post(`${API}/payments/${paid.requestId}/refunds`, { amount: 20_001, items: items(20_001) });
    expect(tooMuch.body.error).toMatchObject({ code: 'amount_too_large', field: 'amount' });
    const noItems = await k.client.post(`${API}/payments/${paid.requestId}/refunds`, { amount: 5_000 });
    expect(noItems.body.error).toMatchObject({ code: 'items_required', field: 'items' });

    const rest = await k.client.post(`${API}/payments/${paid.requestId}/refunds`, { amount: 20_000, items: [{ name: 'Кофе', article: 'COF-1', price: 20_000, quantity: 1, totalAmount: 20_000, tax: 'vat20' }] });
    expect(rest.body.payment).toMatchObject({ status: 'refunded', paymentStatus: 'refunded', refundedAmount: 30_000 });
    expect((await k.client.get(`/v1/payments/${paid.id}`)).body).toMatchObject({ status: 'refunded', refunded_amount: 30_000 });
    const after = await k.client.post(`${API}/payments/${paid.requestId}/refunds`, { amount: 100, items: items(100) });
    expect(after.status).toBe(409);
  });

  it('a refund of the whole payment may leave out the items (the paid basket is returned)', async () => {
    const paid = await paidPayment(k);
    const refund = await k.client.post(`${API}/payments/${paid.transactionId}/refunds`, { amount: paid.amount });
    expect(refund.body.payment.paymentStatus).toBe('refunded');
    const txn = await k.sim.transaction(paid.transactionId);
    expect(txn.refunded).toBe(paid.amount);
  });

  it('an asynchronous refund stays pending until the bank settles it, then the status call finishes it', async () => {
    const paid = await paidPayment(k);
    await k.sim.mode({ refunds: 'async' });
    try {
      const refund = await k.client.post(`${API}/payments/${paid.id}/refunds`, { amount: 5_000, items: items(5_000) });
      expect(refund.status).toBe(201);
      expect(refund.body.refund.status).toBe('pending');
      expect(refund.body.payment).toMatchObject({ status: 'refunding', paymentStatus: 'paid', final: false });
      // A second refund while one is running: Koshelek refuses it with its own code.
      const second = await k.client.post(`${API}/payments/${paid.id}/refunds`, { amount: 1_000, items: items(1_000) });
      expect(second.status).toBe(422);
      expect(second.body.error).toMatchObject({ code: 'PAYMENT_TRANSACTION_IS_BEING_REFUNDED_ALREADY', koshelek: { httpStatus: 200 } });
      await k.sim.call('POST', `/control/transactions/${paid.transactionId}/settle-refunds`, { refStatus: 'accepted' });
      const settled = await k.client.get(`${API}/payments/${paid.id}?wait=10000`);
      expect(settled.body).toMatchObject({ status: 'partial_refunded', paymentStatus: 'partially_refunded', refundedAmount: 5_000, final: true });
      expect(settled.body.refunds.find((r: { amount: number }) => r.amount === 5_000).status).toBe('succeeded');
    } finally {
      await k.sim.mode({ refunds: 'sync' });
    }
  });

  it('refunding before the customer paid is refused without asking Koshelek', async () => {
    const card = await k.sim.card();
    const init = await k.client.post(`${API}/payments`, initBody(card));
    const before = (await k.sim.stats()).requests.refund ?? 0;
    const early = await k.client.post(`${API}/payments/${init.body.requestId}/refunds`, { amount: 1_000, items: items(1_000) });
    expect(early.body.error.code).toBe('invalid_state');
    expect((await k.sim.stats()).requests.refund ?? 0).toBe(before);
    await k.client.post(`${API}/payments/${init.body.requestId}/cancel`, {});
  });
});

describe('receipt', () => {
  it('sends the fiscal receipt of a paid payment to the app', async () => {
    const paid = await paidPayment(k);
    const sent = await k.client.post(`${API}/payments/${paid.requestId}/receipt`, { invoice: invoice(paid.orderId, paid.amount) });
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ ok: true, requestId: expect.any(String) });
    const txn = await k.sim.transaction(paid.transactionId);
    expect(txn.receipts[0].invoice).toMatchObject({ orderId: paid.orderId, inn: '007707083893', receiptType: 'debit' });
  });

  it('checks receipt ENUMs against the settings, and Koshelek refuses a receipt for an unpaid payment', async () => {
    const card = await k.sim.card();
    const init = await k.client.post(`${API}/payments`, initBody(card));
    const badTaxation = await k.client.post(`${API}/payments/${init.body.requestId}/receipt`, { invoice: invoice(init.body.orderId, 15_000, { taxation: 'simplified' }) });
    expect(badTaxation.body.error).toMatchObject({ code: 'invalid_request', field: 'invoice.taxation' });
    const badInn = await k.client.post(`${API}/payments/${init.body.requestId}/receipt`, { invoice: invoice(init.body.orderId, 15_000, { inn: '7707083893' }) });
    expect(badInn.body.error.field).toBe('invoice.inn');
    const unpaid = await k.client.post(`${API}/payments/${init.body.requestId}/receipt`, { invoice: invoice(init.body.orderId, 15_000) });
    expect(unpaid.status).toBe(422);
    expect(unpaid.body.error).toMatchObject({ code: 'PAYMENT_TRANSACTION_IS_NOT_PAID', cashier: { en: expect.stringMatching(/never completed/) } });
    await k.client.post(`${API}/payments/${init.body.requestId}/cancel`, {});
  });
});

describe('payment providers list', () => {
  it('answers synchronously, and polls the asynchronous mode until computed', async () => {
    const card = await k.sim.card();
    const body = { barcode: card.payloads.qr, orderId: 'prov-1', amount: 15_000, items: items(15_000) };
    const sync = await k.client.post(`${API}/providers`, body);
    expect(sync.status).toBe(200);
    expect(sync.body).toMatchObject({ koshelekPayIsDefault: true, providers: [{ paymentType: 'SBP', available: true, allowed: true }, { paymentType: 'DOLYAME', available: true, allowed: true }] });

    await k.sim.mode({ providers: 'async' });
    await k.sim.call('POST', '/control/payment-types', { add: ['PODELI'] });
    try {
      const polled = await k.client.post(`${API}/providers`, body);
      expect(polled.status).toBe(200);
      // A provider Koshelek added but the settings do not allow yet is shown as such.
      expect(polled.body.providers).toContainEqual({ paymentType: 'PODELI', available: true, message: '', allowed: false });
      expect((await k.sim.stats()).requests['availability-poll']).toBe(2);
    } finally {
      await k.sim.mode({ providers: 'sync' });
      await k.sim.call('POST', '/control/payment-types', { remove: ['PODELI'] });
    }
  });
});
