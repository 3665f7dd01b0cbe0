import { z } from 'zod';
import { PaymentStatus } from './status.js';
import type { PaymentRecord } from '../store/types.js';

/** The event the sidecar delivers to WordPress (docs/contract.md). */
export const PaymentEvent = z.object({
  event_id: z.string().min(1),
  type: z.literal('payment.status_changed'),
  payment_id: z.string(),
  order_id: z.string(),
  provider: z.string(),
  provider_payment_id: z.string().nullable(),
  status: PaymentStatus,
  previous_status: PaymentStatus,
  amount: z.number().int(),
  refunded_amount: z.number().int(),
  currency: z.string().length(3),
  sequence: z.number().int().positive(),
  occurred_at: z.iso.datetime(),
  test: z.boolean(),
});
export type PaymentEvent = z.infer<typeof PaymentEvent>;

export function paymentEvent(eventId: string, payment: PaymentRecord, previous: PaymentRecord['status']): PaymentEvent {
  return {
    event_id: eventId,
    type: 'payment.status_changed',
    payment_id: payment.id,
    order_id: payment.orderId,
    provider: payment.provider,
    provider_payment_id: payment.providerPaymentId,
    status: payment.status,
    previous_status: previous,
    amount: payment.amount,
    refunded_amount: payment.refundedAmount,
    currency: payment.currency,
    sequence: payment.version,
    occurred_at: payment.updatedAt,
    test: payment.test,
  };
}

/**
 * Payments made at a shop's till (cashier API) have no WooCommerce order: their status changes are
 * kept as events but not delivered to WordPress, which would answer 404 for ever.
 */
export function notifiesShop(payment: PaymentRecord): boolean {
  return payment.metadata.channel !== 'cashier';
}
