import { kopecksToRubles } from '../../core/money.js';

/** "1 234,50 ₽" for a simulator's page. */
export function rublesText(kopecks: number): string {
  const [whole = '0', fraction = '00'] = kopecksToRubles(kopecks).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${fraction} ₽`;
}
