import { describe, expect, it } from 'vitest';
import { normalizeBasket, type BasketItem } from '../../../src/core/basket.js';
import { fromWire, orderPath, toWire } from '../../../src/providers/dolyame/amounts.js';
import { clientInfo, lineValue, normalizePhone, orderLines, type OrderLine } from '../../../src/providers/dolyame/order-lines.js';
import { refundLines } from '../../../src/providers/dolyame/refund-items.js';
import { FiscalizationSettings, type OrderInfo } from '../../../src/providers/dolyame/schemas.js';
import { toProviderStatus } from '../../../src/providers/dolyame/status-map.js';
import { DolyameWebhook } from '../../../src/providers/dolyame/webhook.js';
import type { RawCallback } from '../../../src/providers/types.js';
import type { PaymentRecord } from '../../../src/store/types.js';

const item = (over: Partial<BasketItem>): BasketItem => ({ name: 'x', quantity: 1, amount: 100, type: 'goods', vat: 'none', measure: 'шт', measure_code: '796', ...over });

function payment(items: BasketItem[] | undefined, amount: number): PaymentRecord {
  return {
    id: 'pay_test0000000', orderId: '1', orderKey: null, provider: 'dolyame', profile: 'default', providerPaymentId: 'pay_test0000000', status: 'paid',
    amount, refundedAmount: 0, capturedAmount: 0, currency: 'RUB', description: 'Заказ №1', redirectUrl: null, idempotencyKey: null, metadata: {},
    details: { items: items ? normalizeBasket(items, amount) : undefined }, test: false, version: 1, createdAt: '', updatedAt: '',
  };
}

const noFiscal = FiscalizationSettings.parse({});

describe('amounts and ids at the edge', () => {
  it('converts kopecks to rubles with 2 decimals and back without drift', () => {
    expect(toWire(123_450)).toBe(1234.5);
    expect(toWire(1)).toBe(0.01);
    expect(fromWire(1234.5)).toBe(123_450);
    expect(fromWire('0.07')).toBe(7);
    expect(fromWire(0.1 + 0.2)).toBe(30);
  });

  it('prepares an order id for the path like Client::prepareOrderId', () => {
    expect(orderPath('a/b#c?d|e f')).toBe('a-b-c-d-e-f');
    expect(orderPath('заказ-1')).toBe('%D0%B7%D0%B0%D0%BA%D0%B0%D0%B7-1');
  });
});

describe('order lines', () => {
  it('keeps lines exact: split lines from the core, fractional quantities, no basket', () => {
    const lines = orderLines(payment([item({ name: 'Гвозди', quantity: 3, amount: 1000 }), item({ name: 'Сыр', quantity: 0.333, amount: 12_345, measure: 'кг' })], 13_345), noFiscal);
    expect(lines.map((l) => [l.name, l.quantity, l.price])).toEqual([
      ['Гвозди', 2, 333],
      ['Гвозди', 1, 334],
      ['Сыр (0.333 кг)', 1, 12_345],
    ]);
    expect(lines.reduce((s, l) => s + lineValue(l), 0)).toBe(13_345);
    expect(orderLines(payment(undefined, 5_000), noFiscal)).toEqual([{ name: 'Заказ №1', quantity: 1, price: 5_000 }]);
  });

  it('maps VAT to receipt tax; FFD 1.2 adds payment object and unit', () => {
    const fiscal = FiscalizationSettings.parse({ enabled: true, documentFormat: '1.2' });
    const lines = orderLines(payment([item({ vat: 'vat22_122', type: 'service' }), item({ vat: 'vat10' })], 200), fiscal);
    expect(lines.map((l) => l.receipt)).toEqual([
      { tax: 'vat122', payment_method: 'full_prepayment', payment_object: 'service', measurement_unit: 'шт' },
      { tax: 'vat10', payment_method: 'full_prepayment', payment_object: 'commodity', measurement_unit: 'шт' },
    ]);
  });

  it('normalizes the buyer: name split, phone as +7 and 10 digits or left out', () => {
    expect(normalizePhone('8 (912) 345-67-89')).toBe('+79123456789');
    expect(normalizePhone('+7 912 345 67 89')).toBe('+79123456789');
    expect(normalizePhone('9123456789')).toBe('+79123456789');
    expect(normalizePhone('+1 212 555 0100')).toBeUndefined();
    expect(clientInfo({ name: 'Анна Мария Иванова', phone: '123' })).toEqual({ first_name: 'Анна', last_name: 'Мария Иванова' });
    expect(clientInfo({})).toBeUndefined();
  });
});

describe('refund items', () => {
  const lines: OrderLine[] = [
    { name: 'Чайник', sku: 'A-1', quantity: 2, price: 300_000 },
    { name: 'Чашка', quantity: 4, price: 50_000 },
    { name: 'Доставка', quantity: 1, price: 35_000 },
  ];
  const shape = (r: ReturnType<typeof refundLines>) => r.map((x) => [x.line.name, x.quantity, x.price]);

  it('returns whole units of one line when they make the amount', () => {
    expect(shape(refundLines(lines, [], 100_000))).toEqual([['Чашка', 2, 50_000]]);
    expect(shape(refundLines(lines, [], 600_000))).toEqual([['Чайник', 2, 300_000]]);
  });

  it('otherwise whole units largest first, the remainder as a cheaper unit', () => {
    expect(shape(refundLines(lines, [], 385_000))).toEqual([['Чайник', 1, 300_000], ['Чашка', 1, 50_000], ['Доставка', 1, 35_000]]);
    expect(shape(refundLines(lines, [], 10_000))).toEqual([['Чайник', 1, 10_000]]);
  });

  it('skips what was already returned and refuses more than is left', () => {
    const returned = [{ name: 'Чайник', sku: 'A-1', quantity: 2, price: 300_000 }, { name: 'Чашка', sku: null, quantity: 1, price: 20_000 }];
    expect(shape(refundLines(lines, returned, 215_000))).toEqual([['Чашка', 3, 50_000], ['Доставка', 1, 35_000], ['Чашка', 1, 30_000]]);
    expect(() => refundLines(lines, returned, 215_001)).toThrow(/215000 kopecks of this order left/);
  });

  it('always adds up exactly and never exceeds a line', () => {
    for (let amount = 1; amount <= 835_000; amount += 7_919) {
      const result = refundLines(lines, [], amount);
      expect(result.reduce((s, r) => s + Math.round(r.quantity * r.price), 0)).toBe(amount);
      for (const r of result) expect(r.price).toBeLessThanOrEqual(r.line.price);
    }
  });
});

describe('statuses', () => {
  const info = (over: Partial<OrderInfo>): OrderInfo => ({ status: 'new', amount: 1000, ...over });

  it('maps Dolyame statuses onto ours', () => {
    expect(toProviderStatus(info({ status: 'new' })).status).toBe('pending');
    expect(toProviderStatus(info({ status: 'approved' })).status).toBe('pending');
    expect(toProviderStatus(info({ status: 'wait_for_commit' })).status).toBe('authorized');
    expect(toProviderStatus(info({ status: 'waiting_for_commit' })).status).toBe('authorized');
    expect(toProviderStatus(info({ status: 'committed' })).status).toBe('paid');
    expect(toProviderStatus(info({ status: 'completed' })).status).toBe('paid');
    expect(toProviderStatus(info({ status: 'rejected' })).status).toBe('failed');
    expect(toProviderStatus(info({ status: 'canceled' })).status).toBe('cancelled');
  });

  it('reads refunds from refund_info and the original amount back from the net one', () => {
    const refund = { total_refunded_amount: 250, items: [] };
    expect(toProviderStatus(info({ status: 'committed', amount: 750, refund_info: refund }))).toEqual({ status: 'partially_refunded', amount: 100_000, refundedAmount: 25_000, currency: 'RUB' });
    expect(toProviderStatus(info({ status: 'committed', amount: 0, refund_info: { total_refunded_amount: '1000.00', items: [] } })).status).toBe('refunded');
  });
});

describe('notification parsing', () => {
  const webhook = new DolyameWebhook({ checkSenderNetwork: true, senderNetworks: ['91.194.226.0/23'], sandbox: false });
  const raw = (body: unknown, query: Record<string, string>, ip = '91.194.226.1'): RawCallback => ({ method: 'POST', headers: {}, query, body: Buffer.from(JSON.stringify(body)), ip, profile: 'default' });

  it('only Dolyame\u2019s network may send (IPv4 or IPv4-mapped), and nothing is ever "verified"', () => {
    expect(webhook.verify(raw({}, {}, '91.194.227.254'))).toBe('unverifiable');
    expect(webhook.verify(raw({}, {}, '::ffff:91.194.226.9'))).toBe('unverifiable');
    expect(webhook.verify(raw({}, {}, '91.194.228.1'))).toBe('invalid');
    expect(webhook.verify(raw({}, {}, '127.0.0.1'))).toBe('invalid');
    expect(webhook.verify(raw({}, { sandbox: '1' }))).toBe('invalid');
  });

  it('marks its body as a hint: the core re-reads the order and keys the stored event on what it read', () => {
    expect(webhook.bodyIsHint).toBe(true);
  });

  it('after the commit refunds may lower the amount; before it the amount must be the order\u2019s', () => {
    expect(() => webhook.parse(raw({ id: 'pay_1', status: 'committed', amount: 5 }, { order_id: 'pay_1', amount: '1000' }))).not.toThrow();
    expect(() => webhook.parse(raw({ id: 'pay_1', status: 'committed', amount: 10.01 }, { order_id: 'pay_1', amount: '1000' }))).toThrow(/claims 1001/);
    expect(() => webhook.parse(raw({ id: 'pay_1', status: 'wait_for_commit', amount: 5 }, { order_id: 'pay_1', amount: '1000' }))).toThrow(/claims 500/);
  });

  it('keeps no buyer data in the stored copy', () => {
    const raw = JSON.stringify({ id: 'pay_1', status: 'new', client_info: { phone: '+79991234567', email: 'a@b.ru' } });
    const kept = webhook.redactRaw(raw);
    expect(JSON.parse(kept)).toEqual({ id: 'pay_1', status: 'new', client_info: '[redacted]' });
    expect(webhook.redactRaw('not json')).toBe('not json');
  });

  it('answers what Dolyame expects', () => {
    expect(webhook.ack({ kind: 'accepted' })).toMatchObject({ status: 200, body: 'OK' });
    expect(webhook.ack({ kind: 'rejected', reason: 'signature', detail: '' }).status).toBe(403);
  });
});
