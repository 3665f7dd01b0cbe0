import { LIMITS } from './protocol.js';

/** The payment description from the shop's template: {order_id} and {description} are replaced. */
export function renderDescription(template: string, payment: { orderId: string; description: string }): string {
  const text = template.replaceAll('{order_id}', payment.orderId).replaceAll('{description}', payment.description).trim();
  return (text || payment.description).slice(0, LIMITS.description);
}
