import { kopecksToRubles, rublesToKopecks } from '../../core/money.js';
import { AMOUNT_ENCODING } from './protocol.js';

/** Kopecks → Dolyame's rubles (2 decimals), in the encoding chosen in protocol.ts. */
export function toWire(kopecks: number): number | string {
  const rubles = kopecksToRubles(kopecks);
  return AMOUNT_ENCODING === 'string' ? rubles : Number(rubles);
}

/** Dolyame's rubles (number or decimal string) → kopecks, without floating-point drift. */
export function fromWire(amount: number | string): number {
  return rublesToKopecks(amount);
}

/** Path segment for an order id: `/ # ? | space` become `-`, then URL-encoded (as Client::prepareOrderId). */
export function orderPath(orderId: string): string {
  return encodeURIComponent(orderId.replace(/[/#?| ]/g, '-'));
}
