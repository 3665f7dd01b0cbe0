import { createHmac } from 'node:crypto';
import { z } from 'zod';

/**
 * The Toy provider's wire format as the provider side defines it (written apart from the
 * connector on purpose): rubles as "123.45" strings, HMAC-SHA256 over the raw callback body.
 */
const Rubles = z.string().regex(/^\d+\.\d{2}$/, 'amount must be rubles with 2 decimals');

export type ToyStatus = 'new' | 'waiting' | 'succeeded' | 'failed' | 'canceled' | 'partially_refunded' | 'refunded';

export const CreateRequest = z.object({
  order_ref: z.string().min(1).max(64),
  amount: Rubles,
  currency: z.literal('RUB'),
  description: z.string().max(250),
  return_url: z.url(),
  fail_url: z.url(),
  callback_url: z.url(),
});

export const RefundRequest = z.object({
  amount: Rubles,
  refund_ref: z.string().min(1).max(64),
});

export interface PaymentView {
  id: string;
  order_ref: string;
  status: ToyStatus;
  amount: string;
  refunded_amount: string;
  currency: string;
  confirmation_url: string;
}

export interface Notification extends Omit<PaymentView, 'id' | 'confirmation_url'> {
  notification_id: string;
  payment_id: string;
  test?: boolean;
}

export const SIGNATURE_HEADER = 'x-toy-signature';

export function sign(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
