import { describe, expect, it } from 'vitest';
import { BasketItem, normalizeBasket } from '../src/core/basket.js';
import { isValidInn, isValidKpp } from '../src/core/inn.js';

const item = (patch: Partial<BasketItem> & { amount: number }): BasketItem => BasketItem.parse({ name: 'Item', quantity: 1, ...patch });
const sum = (lines: { amount: number }[]) => lines.reduce((s, l) => s + l.amount, 0);

describe('normalizeBasket', () => {
  it('keeps a basket that already adds up', () => {
    const lines = normalizeBasket([item({ amount: 30_000, quantity: 3 }), item({ amount: 500, type: 'shipping' })], 30_500);
    expect(lines.map((l) => [l.quantity, l.price, l.amount])).toEqual([
      [3, 10_000, 30_000],
      [1, 500, 500],
    ]);
  });

  it('spreads an order discount over goods in proportion, never over shipping, to the kopeck', () => {
    const lines = normalizeBasket([item({ amount: 10_000 }), item({ amount: 20_000 }), item({ amount: 35_000, type: 'shipping' })], 64_999);
    expect(sum(lines)).toBe(64_999);
    expect(lines.find((l) => l.type === 'shipping')!.amount).toBe(35_000);
    // 1 kopeck off 30 000 of goods: it goes to the larger fraction.
    expect(lines.filter((l) => l.type !== 'shipping').map((l) => l.amount)).toEqual([10_000, 19_999]);
  });

  it('distributes a discount that does not divide evenly (largest remainder)', () => {
    const lines = normalizeBasket([item({ amount: 100 }), item({ amount: 100 }), item({ amount: 100 })], 200);
    expect(lines.map((l) => l.amount)).toEqual([67, 67, 66]);
  });

  it('splits a line whose total is not whole kopecks per unit', () => {
    const lines = normalizeBasket([item({ amount: 1_000, quantity: 3, sku: 'X' })], 1_000);
    expect(lines.map((l) => [l.sku, l.quantity, l.price, l.amount])).toEqual([
      ['X', 2, 333, 666],
      ['X', 1, 334, 334],
    ]);
    for (const l of lines) expect(l.price * l.quantity).toBe(l.amount);
  });

  it('adds up for many random baskets', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 500; n++) {
      const items = Array.from({ length: 1 + Math.floor(random() * 6) }, () => item({ amount: 1 + Math.floor(random() * 100_000), quantity: 1 + Math.floor(random() * 7) }));
      const total = Math.max(1, sum(items) - Math.floor(random() * sum(items) * 0.3));
      const lines = normalizeBasket(items, total);
      expect(sum(lines)).toBe(total);
      for (const l of lines) expect(l.price * l.quantity).toBe(l.amount);
    }
  });

  it('refuses a total above what the lines can absorb as a discount', () => {
    expect(() => normalizeBasket([item({ amount: 100 }), item({ amount: 50, type: 'shipping' })], 10)).toThrow(/cannot be made to add up/);
  });

  it('takes fractional quantities (weight goods) with at most 3 decimals', () => {
    expect(normalizeBasket([item({ amount: 1_234, quantity: 1.5 })], 1_234)[0]).toMatchObject({ quantity: 1.5, amount: 1_234, price: 823 });
    expect(BasketItem.safeParse({ name: 'x', quantity: 1.2345, amount: 1 }).success).toBe(false);
  });
});

describe('INN and KPP', () => {
  it('checks the check digits', () => {
    expect(isValidInn('7707083893', 'organization')).toBe(true);
    expect(isValidInn('7707083894', 'organization')).toBe(false);
    expect(isValidInn('500100732259', 'person')).toBe(true);
    expect(isValidInn('500100732258', 'person')).toBe(false);
    expect(isValidInn('7707083893', 'person')).toBe(false);
    expect(isValidInn('77070838931', 'organization')).toBe(false);
    expect(isValidKpp('773601001')).toBe(true);
    expect(isValidKpp('7736AB001')).toBe(true);
    expect(isValidKpp('77360100')).toBe(false);
  });
});
