import QRCode from 'qrcode';
import { kopecksToRubles } from '../../core/money.js';

export type LinkLanguage = 'ru' | 'en';

/** What the shop keeps about a link it sent (provider record `offline-link`, keyed by payment id). */
export interface OfflineLinkRecord {
  paymentId: string;
  lang: LinkLanguage;
  expiresAt: string;
}

/** "1 500,00 ₽" / "RUB 1,500.00", from kopecks without floating point. */
export function formatAmount(kopecks: number, lang: LinkLanguage): string {
  const [whole = '0', fraction = '00'] = kopecksToRubles(kopecks).split('.');
  const grouped = (separator: string) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  return lang === 'ru' ? `${grouped(' ')},${fraction} ₽` : `RUB ${grouped(',')}.${fraction}`;
}

/** The ready SMS: order, amount and the link, nothing else (every character costs). */
export function smsText(input: { orderId: string; amount: number; url: string; lang: LinkLanguage }): string {
  const amount = formatAmount(input.amount, input.lang);
  return input.lang === 'ru'
    ? `Заказ №${input.orderId}: ${amount}. Оплата частями через «Плати частями» от Сбера: ${input.url}`
    : `Order #${input.orderId}: ${amount}. Pay in parts with Sber «Плати частями»: ${input.url}`;
}

/** The link as a QR code, drawn here (no external service): SVG for screens, PNG for receipts. */
export async function qrCodes(url: string): Promise<{ svg: string; pngBase64: string }> {
  const options = { errorCorrectionLevel: 'M' as const, margin: 2 };
  const [svg, png] = await Promise.all([QRCode.toString(url, { ...options, type: 'svg' }), QRCode.toBuffer(url, { ...options, type: 'png', scale: 6 })]);
  return { svg, pngBase64: png.toString('base64') };
}
