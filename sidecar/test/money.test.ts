import { describe, expect, it } from 'vitest';
import { kopecksToRubles, rublesToKopecks } from '../src/core/money.js';

describe('money at the provider edge', () => {
  it('formats kopecks as rubles', () => {
    expect(kopecksToRubles(0)).toBe('0.00');
    expect(kopecksToRubles(5)).toBe('0.05');
    expect(kopecksToRubles(150_000)).toBe('1500.00');
    expect(kopecksToRubles(12_345)).toBe('123.45');
    expect(kopecksToRubles(-101)).toBe('-1.01');
    expect(() => kopecksToRubles(1.5)).toThrow(RangeError);
  });

  it('parses rubles without float drift', () => {
    expect(rublesToKopecks('0.29')).toBe(29);
    expect(rublesToKopecks('1500')).toBe(150_000);
    expect(rublesToKopecks('1500.5')).toBe(150_050);
    expect(rublesToKopecks('19,99')).toBe(1999);
    expect(rublesToKopecks(0.29)).toBe(29);
    expect(rublesToKopecks(1.005 * 1000)).toBe(100_500);
    expect(() => rublesToKopecks('1.234')).toThrow(RangeError);
    expect(() => rublesToKopecks('abc')).toThrow(RangeError);
  });

  it('round-trips every kopeck value in a range', () => {
    for (let k = 0; k < 20_000; k += 7) expect(rublesToKopecks(kopecksToRubles(k))).toBe(k);
  });
});
