import { z } from 'zod';

/**
 * "Toy" is our own minimal provider that proves the whole loop end to end. Its wire format is
 * shaped like a real provider's: rubles as decimal strings, its own status names, HMAC-signed
 * JSON callbacks.
 */
export const ToyConfig = z.object({
  baseUrl: z.url(),
  apiKey: z.string().min(8),
  webhookSecret: z.string().min(16),
  /** Also poll the status every this many ms (a stand-in for providers that need polling). */
  pollIntervalMs: z.number().int().min(10).optional(),
});
export type ToyConfig = z.infer<typeof ToyConfig>;

const Rubles = z.string().regex(/^\d+\.\d{2}$/, 'amount must be rubles with 2 decimals');

export const ToyStatus = z.enum(['new', 'waiting', 'succeeded', 'failed', 'canceled', 'partially_refunded', 'refunded']);
export type ToyStatus = z.infer<typeof ToyStatus>;

export const ToyCreateRequest = z.object({
  order_ref: z.string().min(1).max(64),
  amount: Rubles,
  currency: z.literal('RUB'),
  description: z.string().max(250),
  return_url: z.url(),
  fail_url: z.url(),
  callback_url: z.url(),
});
export type ToyCreateRequest = z.infer<typeof ToyCreateRequest>;

export const ToyPayment = z.object({
  id: z.string(),
  order_ref: z.string(),
  status: ToyStatus,
  amount: Rubles,
  refunded_amount: Rubles,
  currency: z.string(),
  confirmation_url: z.url(),
});
export type ToyPayment = z.infer<typeof ToyPayment>;

export const ToyRefundRequest = z.object({
  amount: Rubles,
  refund_ref: z.string().min(1).max(64),
});
export type ToyRefundRequest = z.infer<typeof ToyRefundRequest>;

export const ToyRefund = z.object({
  id: z.string(),
  payment_id: z.string(),
  amount: Rubles,
  status: z.enum(['succeeded', 'failed']),
});

export const ToyError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export const ToyNotification = z.object({
  notification_id: z.string().min(1),
  payment_id: z.string().min(1),
  order_ref: z.string(),
  status: ToyStatus,
  amount: Rubles,
  refunded_amount: Rubles,
  currency: z.string(),
  test: z.boolean().optional(),
});
export type ToyNotification = z.infer<typeof ToyNotification>;

export const SIGNATURE_HEADER = 'x-toy-signature';
