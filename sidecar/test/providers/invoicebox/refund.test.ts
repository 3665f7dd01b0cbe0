import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/core/errors.js';
import { allocate, buildV3Refund, vatPercentOf } from '../../../src/providers/invoicebox/refund.js';
import type { V3RefundableItem } from '../../../src/providers/invoicebox/schemas.js';

const available: V3RefundableItem[] = [
  { sku: 'A-1', name: 'Чайник', measure: 'шт', measureCode: '796', type: 'commodity', vatCode: 'RUS_VAT22', paymentType: 'full_prepayment', amount: 1500, availableAmount: 3000, availableVatAmount: 540.98 },
  { sku: 'delivery', name: 'Доставка', measure: 'шт', measureCode: '796', type: 'service', vatCode: 'VATNONE', paymentType: 'full_prepayment', amount: 350, availableAmount: 350, availableVatAmount: 0 },
];

describe('invoicebox refunds', () => {
  it('reads the VAT percent from a v3 code', () => {
    expect([vatPercentOf('RUS_VAT22'), vatPercentOf('RUS_VAT10_ADDED'), vatPercentOf('RUS_VAT0'), vatPercentOf('VATNONE'), vatPercentOf(undefined)]).toEqual([22, 10, 0, 0, 0]);
  });

  it('allocates in proportion, exact to the kopeck, never above a line', () => {
    expect(allocate(100, [300_000, 35_000])).toEqual([90, 10]);
    expect(allocate(1, [1, 1, 1])).toEqual([1, 0, 0]);
    expect(allocate(335_000, [300_000, 35_000])).toEqual([300_000, 35_000]);
    const big = allocate(99_999_999_99, [70_000_000_00, 29_999_999_99, 1]);
    expect(big.reduce((s, x) => s + x, 0)).toBe(99_999_999_99);
    expect(big[2]).toBeLessThanOrEqual(1);
  });

  it('a full refund returns every line with its own VAT', () => {
    const refund = buildV3Refund({ parentId: 'order-1', refundId: 'ref_1', amount: 335_000, description: 'Возврат', available });
    expect(refund).toMatchObject({ parentId: 'order-1', merchantOrderId: 'ref_1', amount: 3350, vatAmount: 540.98 });
    expect(refund.basketItems.map((i) => [i.sku, i.quantity, i.amount, i.totalAmount, i.totalVatAmount, i.vatCode, i.type])).toEqual([
      ['A-1', 2, 1500, 3000, 540.98, 'RUS_VAT22', 'commodity'],
      ['delivery', 1, 350, 350, 0, 'VATNONE', 'service'],
    ]);
  });

  it('a partial refund spreads the amount over the lines and adds up exactly', () => {
    const refund = buildV3Refund({ parentId: 'order-1', refundId: 'ref_2', amount: 100_000, description: 'Возврат', available });
    const totals = refund.basketItems.map((i) => Math.round(i.totalAmount * 100));
    expect(totals).toEqual([89_552, 10_448]);
    expect(totals.reduce((s, x) => s + x, 0)).toBe(100_000);
    // Not a whole number of units: one unit of the refunded sum, VAT of that sum at the line's rate.
    expect(refund.basketItems[0]).toMatchObject({ quantity: 1, amount: 895.52, totalVatAmount: 161.49 });
    expect(refund.vatAmount).toBe(161.49);
  });

  it('a refund of exactly one unit keeps the unit price', () => {
    const refund = buildV3Refund({ parentId: 'o', refundId: 'r', amount: 150_000, description: 'x', available: [available[0]!] });
    expect(refund.basketItems[0]).toMatchObject({ quantity: 1, amount: 1500, totalAmount: 1500, totalVatAmount: 270.49 });
  });

  it('refuses more than Invoicebox says is refundable', () => {
    expect(() => buildV3Refund({ parentId: 'o', refundId: 'r', amount: 335_001, description: 'x', available })).toThrow(ApiError);
  });
});
