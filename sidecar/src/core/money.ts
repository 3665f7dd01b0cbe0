/**
 * Money is an integer number of kopecks inside the sidecar. Providers that speak rubles get a
 * decimal string at their edge; these two functions are the only place that converts.
 */
export function kopecksToRubles(kopecks: number): string {
  if (!Number.isSafeInteger(kopecks)) throw new RangeError(`Not an integer amount of kopecks: ${kopecks}`);
  const sign = kopecks < 0 ? '-' : '';
  const abs = Math.abs(kopecks);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Parses "1500", "1500.5", "1500.50" or 1500.5 into kopecks without floating-point drift. */
export function rublesToKopecks(rubles: string | number): number {
  const text = typeof rubles === 'number' ? rubles.toFixed(2) : rubles.trim();
  const match = /^(-?)(\d+)(?:[.,](\d{1,2}))?$/.exec(text);
  if (!match) throw new RangeError(`Not a ruble amount: ${String(rubles)}`);
  const [, sign, whole, fraction = ''] = match;
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(value)) throw new RangeError(`Amount out of range: ${String(rubles)}`);
  return sign === '-' ? -value : value;
}
