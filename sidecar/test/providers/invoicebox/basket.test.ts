import { describe, expect, it } from 'vitest';
import { linesTotal, linesVat, prepareLines, toV2FormItem, toV3BasketItem, vatInside } from '../../../src/providers/invoicebox/basket.js';
import { normalized, SAMPLE_ITEMS } from './fixtures.js';

describe('invoicebox basket', () => {
  it('computes the VAT inside a gross amount per line, half-up to the kopeck', () => {
    expect(vatInside(37_188, 20)).toBe(6_198); // Invoicebox's example: 371.88 → 61.98
    expect(vatInside(295_000, 22)).toBe(53_197); // 53196.72
    expect(vatInside(100, 10)).toBe(9); // 9.09
    expect(vatInside(210, 5)).toBe(10); // exactly 10
    expect(vatInside(31, 10)).toBe(3); // 2.818… → 3
    expect(vatInside(1_000, 0)).toBe(0);
    expect(vatInside(3, 20)).toBe(1); // exactly half a kopeck rounds up
    expect(vatInside(9, 20)).toBe(2); // 1.5 → 2
    expect(vatInside(8, 20)).toBe(1); // 1.33 → 1
  });

  it('builds v3 lines from the normalized basket: discount spread, shipping as a service, VAT codes', () => {
    // An order-level discount of 50 ₽: the core spreads it over the goods, never over shipping.
    const lines = prepareLines(normalized(SAMPLE_ITEMS, 330_000));
    expect(linesTotal(lines)).toBe(330_000);
    const [kettle, shipping] = lines.map(toV3BasketItem);
    expect(kettle).toEqual({
      sku: 'A-1',
      name: 'Чайник',
      measure: 'шт',
      measureCode: '796',
      quantity: 2,
      amount: 1475,
      amountWoVat: 1209.02,
      totalAmount: 2950,
      totalVatAmount: 531.97,
      vatCode: 'RUS_VAT22',
      type: 'commodity',
      paymentType: 'full_prepayment',
    });
    expect(shipping).toMatchObject({ sku: 'delivery', name: 'Доставка', type: 'service', quantity: 1, amount: 350, totalAmount: 350, totalVatAmount: 0, vatCode: 'VATNONE' });
    expect(linesVat(lines)).toBe(53_197);
  });

  it('maps goods to commodity and services to service, every VAT rate to a v3 code', () => {
    const items = [
      { sku: 'S', name: 'Установка', quantity: 1, amount: 11_000, type: 'service', vat: 'vat10' },
      { sku: 'G5', name: 'Книга', quantity: 1, amount: 10_500, type: 'goods', vat: 'vat5_105' },
      { sku: 'G7', name: 'Хлеб', quantity: 1, amount: 10_700, type: 'goods', vat: 'vat7' },
      { sku: 'G20', name: 'Лампа', quantity: 1, amount: 12_000, type: 'goods', vat: 'vat20_120' },
      { sku: 'G0', name: 'Экспорт', quantity: 1, amount: 5_000, type: 'goods', vat: 'vat0' },
    ];
    const lines = prepareLines(normalized(items, 49_200)).map(toV3BasketItem);
    expect(lines.map((l) => [l.type, l.vatCode, l.totalVatAmount])).toEqual([
      ['service', 'RUS_VAT10', 10],
      ['commodity', 'RUS_VAT5', 5],
      ['commodity', 'RUS_VAT7', 7],
      ['commodity', 'RUS_VAT20', 20],
      ['commodity', 'RUS_VAT0', 0],
    ]);
  });

  it('keeps the core split of a line whose total is not whole kopecks per unit', () => {
    const lines = prepareLines(normalized([{ sku: 'P', name: 'Ручка', quantity: 3, amount: 1_000, vat: 'vat20' }], 1_000));
    expect(lines.map((l) => [l.quantity, l.price, l.total, l.vat])).toEqual([
      [2, 333, 666, 111],
      [1, 334, 334, 56],
    ]);
    expect(linesTotal(lines)).toBe(1_000);
  });

  it('handles a fractional quantity with a unit price rounded to the kopeck', () => {
    const [line] = prepareLines(normalized([{ sku: 'C', name: 'Сыр', quantity: 1.5, amount: 1_000, vat: 'vat10', measure: 'кг', measure_code: '166' }], 1_000));
    expect(line).toMatchObject({ quantity: 1.5, price: 667, total: 1_000, vat: 91, measure: 'кг', measureCode: '166' });
    expect(toV3BasketItem(line!)).toMatchObject({ quantity: 1.5, amount: 6.67, totalAmount: 10, totalVatAmount: 0.91 });
  });

  it('gives lines without a SKU a stable one and cuts long values to Invoicebox limits', () => {
    const lines = prepareLines(normalized([{ name: 'x'.repeat(255), quantity: 1, amount: 100, sku: 'S'.repeat(64) }, { name: 'Подарок', quantity: 1, amount: 100 }], 200));
    expect(lines[0]!.sku).toHaveLength(36);
    expect(lines[0]!.name).toHaveLength(255);
    expect(lines[1]!.sku).toBe('line-2');
  });

  it('v2 items: type, ident, name, quantity, measure, measure code, unit price, line VAT and VAT percent (the Bitrix module\'s fields, in its order)', () => {
    const [kettle, shipping] = prepareLines(normalized(SAMPLE_ITEMS, 335_000)).map(toV2FormItem);
    expect(kettle).toEqual({ type: 'commodity', ident: 'A-1', name: 'Чайник', quantity: '2', measure: 'шт', measure_code: '796', price: '1500.00', vat: '540.98', vatrate: '22' });
    expect(Object.keys(kettle!)).toEqual(['type', 'ident', 'name', 'quantity', 'measure', 'measure_code', 'price', 'vat', 'vatrate']);
    expect(shipping).toEqual({ type: 'service', ident: 'delivery', name: 'Доставка', quantity: '1', measure: 'шт', measure_code: '796', price: '350.00', vat: '0.00', vatrate: '0' });
  });
});
