import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/core/errors.js';
import { SberAdminError, SberApiError } from '../../../src/providers/sber/errors.js';
import type { SberProvider } from '../../../src/providers/sber/provider.js';
import { SIMULATOR } from '../../../src/simulators/sber/account.js';
import { verifySberChecksum } from '../../../src/providers/sber/signature.js';
import type { PaymentRecord } from '../../../src/store/types.js';
import { CallbackRecorder, connector, DAY, fakeClock, HOUR, NOON_MSK, paymentRecord, startSimulator, submitPage } from './helpers.js';

const clock = fakeClock();
const receiver = new CallbackRecorder();
let sim: Awaited<ReturnType<typeof startSimulator>>;
let sber: SberProvider;

beforeAll(async () => {
  await receiver.listen();
  sim = await startSimulator(clock.now);
  sber = connector(sim.apiBase, clock.now);
});
afterAll(async () => {
  await sim.close();
  await receiver.close();
});

/** A payment created at Sber through the connector, as the core would. */
async function created(overrides: Partial<PaymentRecord> = {}, twoStage = false) {
  const payment = paymentRecord(overrides);
  const result = await sber.createPayment({ payment, returnUrl: 'https://shop.example/ok', failUrl: 'https://shop.example/fail', callbackUrl: receiver.url, twoStage });
  return { payment: { ...payment, providerPaymentId: result.providerPaymentId, redirectUrl: result.redirectUrl, status: result.status } as PaymentRecord, result };
}

async function paid(twoStage = false, amount = 1_200_000) {
  const { payment, result } = await created({ amount }, twoStage);
  expect((await submitPage(result.redirectUrl!, 'pay')).status).toBe(303);
  return { ...payment, status: twoStage ? 'authorized' : 'paid' } as PaymentRecord;
}

async function adminError(promise: Promise<unknown>): Promise<SberAdminError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SberAdminError);
  return error as SberAdminError;
}

describe('simulated gateway: register', () => {
  const base = { orderNumber: 'ord-1', amount: '10000', currency: '643', returnUrl: 'https://shop.example/ok' };

  it('refuses like the gateway: missing auth 4, wrong password 5, missing field 4, currency 3, duplicate number 1', async () => {
    expect(await sim.call('register', base, {})).toMatchObject({ errorCode: '4' });
    expect(await sim.call('register', base, { userName: SIMULATOR.userName, password: 'wrong' })).toMatchObject({ errorCode: '5', errorMessage: 'Доступ запрещён' });
    expect(await sim.call('register', { ...base, returnUrl: '' })).toMatchObject({ errorCode: '4' });
    expect(await sim.call('register', { ...base, currency: '840' })).toMatchObject({ errorCode: '3' });
    expect(await sim.call('register', { ...base, description: '100% off' })).toMatchObject({ errorCode: '5' });
    const first = await sim.call('register', { ...base, orderNumber: 'dup-1' });
    expect(first.orderId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.formUrl).toBe(`${sim.base}/payment/merchants/sber-simulator/payment_ru.html?mdOrder=${first.orderId}`);
    expect(await sim.call('register', { ...base, orderNumber: 'dup-1' })).toMatchObject({ errorCode: '1' });
  });

  it('checks that the cart adds up to the amount', async () => {
    const item = { positionId: '1', name: 'Чайник', quantity: { value: 1, measure: 'шт' }, itemAmount: 9000, itemPrice: 9000, itemCode: 'A-1' };
    expect(await sim.call('register', { ...base, orderNumber: 'cart-1', orderBundle: JSON.stringify({ cartItems: { items: [item] } }) })).toMatchObject({ errorCode: '5' });
    expect((await sim.call('register', { ...base, orderNumber: 'cart-2', orderBundle: JSON.stringify({ cartItems: { items: [{ ...item, itemAmount: 10000, itemPrice: 10000 }] } }) })).orderId).toBeTruthy();
  });

  it('answers GET with a query string too, and status by orderNumber', async () => {
    const res = await request(`${sim.apiBase}getOrderStatusExtended.do?${new URLSearchParams({ userName: SIMULATOR.userName, password: SIMULATOR.password, orderNumber: 'cart-2' })}`);
    expect(await res.body.json()).toMatchObject({ errorCode: '0', orderNumber: 'cart-2', orderStatus: 0, amount: 10000, currency: '643' });
    expect(await sim.call('getOrderStatusExtended', {})).toMatchObject({ errorCode: '1' });
    expect(await sim.call('getOrderStatusExtended', { orderId: 'nope' })).toMatchObject({ errorCode: '6' });
  });
});

describe('connector against the simulator (fake clock)', () => {
  it('one-stage: register selects the «Плати частями» page; the code 1111 pays; a checksummed callback arrives', async () => {
    const before = receiver.received.length;
    const { payment, result } = await created({ amount: 1_200_000, description: 'Order #7: 50% + gift\nthanks' });
    expect(result.status).toBe('pending');
    const page = await request(result.redirectUrl!).then((r) => r.body.text());
    expect(page).toContain('data-kind="bnpl"');
    expect(page).toContain('3 000,00 ₽');
    // A wrong SMS code changes nothing.
    const wrong = await submitPage(result.redirectUrl!, 'pay', '0000');
    expect(wrong.text).toContain('Неверный код');
    expect((await sber.getStatus(payment)).status).toBe('pending');

    const done = await submitPage(result.redirectUrl!, 'pay');
    expect(done.location).toBe(`https://shop.example/ok?orderId=${payment.providerPaymentId}`);
    await receiver.waitFor(before + 1);
    const note = receiver.received.at(-1)!;
    expect(note).toMatchObject({ mdOrder: payment.providerPaymentId, orderNumber: payment.id, operation: 'deposited', status: '1', amount: '1200000' });
    expect(verifySberChecksum(SIMULATOR.callbackKey, note, note.checksum)).toBe(true);
    expect(await sber.getStatus(payment)).toEqual({ status: 'paid', amount: 1_200_000, refundedAmount: undefined, capturedAmount: 1_200_000, currency: 'RUB' });
  });

  it('without the selector the gateway shows its card page', async () => {
    const plain = connector(sim.apiBase, clock.now, { bnplPageParam: 'jsonParams.paymentWay=BNPL' });
    const payment = paymentRecord();
    const result = await plain.createPayment({ payment, returnUrl: 'https://shop.example/ok', failUrl: 'https://shop.example/fail', callbackUrl: receiver.url, twoStage: false });
    // The simulator is configured with the default selector, so this request did not select BNPL.
    expect(await request(result.redirectUrl!).then((r) => r.body.text())).toContain('data-kind="card"');
  });

  it('a declined payment fails and the buyer goes to the fail URL', async () => {
    const { payment, result } = await created();
    expect((await submitPage(result.redirectUrl!, 'fail')).location).toContain('https://shop.example/fail');
    expect((await sber.getStatus(payment)).status).toBe('failed');
  });

  it('an unpaid page expires after its session (20 minutes by default) with a declinedByTimeout callback', async () => {
    const { payment } = await created();
    clock.advance(21 * 60_000);
    expect((await sber.getStatus(payment)).status).toBe('expired');
    await receiver.waitFor(1);
    await expect.poll(() => receiver.received.some((n) => n.mdOrder === payment.providerPaymentId && n.operation === 'declinedByTimeout')).toBe(true);
  });

  it('two-stage: the hold is captured within 7 days', async () => {
    clock.set(NOON_MSK);
    const payment = await paid(true);
    expect((await sber.getStatus(payment)).status).toBe('authorized');
    clock.advance(6 * DAY + 23 * HOUR);
    expect(await sber.capture(payment, payment.amount)).toMatchObject({ status: 'paid', capturedAmount: payment.amount });
    expect(await sber.getStatus(payment)).toMatchObject({ status: 'paid', capturedAmount: payment.amount });
    // Completing again only reports it.
    expect((await sber.capture(payment, payment.amount)).status).toBe('paid');
  });

  it('after 7 days the hold is gone: the connector says so, and the gateway refuses deposit.do too', async () => {
    clock.set(NOON_MSK);
    const payment = await paid(true);
    clock.advance(7 * DAY);
    const error = await adminError(sber.capture(payment, payment.amount));
    expect(error.code).toBe('sber_hold_expired');
    expect(error.toJSON().error).toMatchObject({ message_ru: expect.stringContaining('7 дней'), message_en: expect.stringContaining('7-day') });
    expect(await sim.call('deposit', { orderId: payment.providerPaymentId!, amount: '0' })).toMatchObject({ errorCode: '7' });
    expect((await sber.getStatus(payment)).status).toBe('cancelled');
  });

  it('partial capture: deposit.do refuses more than the hold and less than a ruble', async () => {
    clock.set(NOON_MSK);
    const payment = await paid(true, 500_000);
    expect(await sim.call('deposit', { orderId: payment.providerPaymentId!, amount: '600000' })).toMatchObject({ errorCode: '7' });
    expect(await sim.call('deposit', { orderId: payment.providerPaymentId!, amount: '50' })).toMatchObject({ errorCode: '7' });
    expect(await sber.capture(payment, 300_000)).toMatchObject({ status: 'paid', capturedAmount: 300_000 });
    expect((await sber.getStatus(payment)).capturedAmount).toBe(300_000);
  });

  it('a hold can be cancelled until it is completed; an unpaid order has nothing to cancel', async () => {
    clock.set(NOON_MSK);
    const held = await paid(true);
    clock.advance(3 * DAY);
    expect((await sber.cancel(held)).status).toBe('cancelled');
    expect((await sber.getStatus(held)).status).toBe('cancelled');
    const error = await adminError(sber.capture(held, held.amount));
    expect(error.code).toBe('sber_already_cancelled');

    const { payment: unpaid } = await created();
    expect((await adminError(sber.cancel(unpaid))).code).toBe('sber_not_paid_yet');
  });

  it('cancel of a payment whose callback we missed reverses it the same day', async () => {
    clock.set(NOON_MSK);
    const payment = await paid();
    expect(await sber.cancel({ ...payment, status: 'pending' })).toEqual({ status: 'cancelled', amount: payment.amount });
    clock.set(NOON_MSK);
    const late = await paid();
    clock.advance(DAY);
    expect((await adminError(sber.cancel({ ...late, status: 'pending' }))).code).toBe('sber_reverse_window_closed');
  });

  it('reverse before midnight MSK of the payment day: all the money back', async () => {
    clock.set(NOON_MSK);
    const payment = await paid();
    clock.set(Date.UTC(2026, 2, 10, 20, 59)); // 23:59 MSK
    expect(await sber.reversePaid(payment)).toEqual({ status: 'refunded', amount: payment.amount, refundedAmount: payment.amount });
    expect(await sber.getStatus({ ...payment, status: 'paid' })).toMatchObject({ status: 'refunded', refundedAmount: payment.amount });
  });

  it('reverse after midnight MSK: refused by the connector with a clear message, and by the gateway', async () => {
    clock.set(NOON_MSK);
    const payment = await paid();
    clock.set(Date.UTC(2026, 2, 10, 21, 0)); // 00:00 MSK of the next day
    const error = await adminError(sber.reversePaid(payment));
    expect(error.toJSON().error).toMatchObject({ code: 'sber_reverse_window_closed', message_ru: expect.stringContaining('00:00 по Москве') });
    expect(await sim.call('reverse', { orderId: payment.providerPaymentId! })).toMatchObject({ errorCode: '7' });
    // Without the connector's own check, the gateway's refusal is explained the same way.
    const unchecked = connector(sim.apiBase, () => NOON_MSK);
    expect((await adminError(unchecked.reversePaid(payment))).code).toBe('sber_reverse_refused');
    expect((await sber.getStatus(payment)).status).toBe('paid');
  });

  it('partial refunds up to the paid amount; more is refused with a clear message', async () => {
    clock.set(NOON_MSK);
    const payment = await paid(false, 1_000_000);
    expect(await sber.refund(payment, 300_000, 'ref_1')).toEqual({ providerRefundId: 'ref_1', status: 'succeeded' });
    expect(await sber.getStatus(payment)).toMatchObject({ status: 'partially_refunded', refundedAmount: 300_000 });
    const booked = { ...payment, status: 'partially_refunded', refundedAmount: 300_000 } as PaymentRecord;
    expect((await adminError(sber.refund(booked, 800_000, 'ref_2'))).code).toBe('sber_refund_refused');
    expect((await sber.refund(booked, 700_000, 'ref_3')).status).toBe('succeeded');
    expect(await sber.getStatus(booked)).toMatchObject({ status: 'refunded', refundedAmount: 1_000_000 });
  });

  it('a refund retried after a lost answer is not sent twice', async () => {
    clock.set(NOON_MSK);
    const payment = await paid(false, 1_000_000);
    await sber.refund(payment, 200_000, 'ref_a');
    // Our books never heard of it (the answer was lost): the retry sees it at Sber.
    expect(await sber.refund(payment, 200_000, 'ref_a')).toEqual({ providerRefundId: 'ref_a', status: 'succeeded' });
    expect((await sber.getStatus(payment)).refundedAmount).toBe(200_000);
  });

  it('a register retried after a lost answer gets a new order under a suffixed number', async () => {
    const { payment, result } = await created();
    const again = await sber.createPayment({ payment, returnUrl: 'https://shop.example/ok', failUrl: 'https://shop.example/fail', callbackUrl: receiver.url, twoStage: false });
    expect(again.providerPaymentId).not.toBe(result.providerPaymentId);
    const order = await sber.order({ ...payment, providerPaymentId: again.providerPaymentId });
    expect(order.orderNumber).toMatch(new RegExp(`^${payment.id}-[0-9a-f]{6}$`));
  });

  it('a status that belongs to another payment is refused', async () => {
    const { payment } = await created();
    const other = paymentRecord({ providerPaymentId: payment.providerPaymentId });
    await expect(sber.getStatus(other)).rejects.toBeInstanceOf(ProviderError);
  });

  it('register refusals stay provider errors (generic for shoppers) with a code the admin routes can explain', async () => {
    const wrong = connector(sim.apiBase, clock.now, { password: 'wrong-password' });
    const error = await wrong.createPayment({ payment: paymentRecord(), returnUrl: 'https://shop.example/ok', failUrl: 'https://shop.example/fail', callbackUrl: receiver.url, twoStage: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SberApiError);
    expect((error as SberApiError).explain().code).toBe('sber_access_denied');
    expect((error as SberApiError).detail).not.toContain('wrong-password');
  });
});
