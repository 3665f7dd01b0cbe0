import { z } from 'zod';
import { BasketItem } from '../core/basket.js';
import { Payer } from '../core/payer.js';
import { PaymentStatus } from '../core/status.js';
import type { PaymentRecord, RefundRecord } from '../store/types.js';

/** Wire formats of the plugin → sidecar API (docs/contract.md). */
const Kopecks = z.number().int('must be an integer number of kopecks').positive('must be positive').max(1_000_000_000_00);

export const CreatePaymentBody = z.object({
  provider: z.string().regex(/^[a-z0-9_-]{1,32}$/, 'must be a provider id'),
  order_id: z.string().min(1).max(64),
  order_key: z.string().max(64).optional(),
  amount: Kopecks,
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code').default('RUB'),
  description: z.string().min(1).max(500),
  return_url: z.url(),
  fail_url: z.url().optional(),
  /** Where the provider must send this payment's callbacks: the plugin's relay URL when the shop relays them (default: the sidecar's own). */
  callback_url: z.url().refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL').optional(),
  profile: z.string().regex(/^[a-z0-9_-]{1,32}$/).default('default'),
  test: z.boolean().default(false),
  customer: z
    .object({ email: z.email().optional(), phone: z.string().max(32).optional(), name: z.string().max(200).optional() })
    .strict()
    .optional(),
  payer: Payer.optional(),
  items: z.array(BasketItem).min(1).max(500).optional(),
  two_stage: z.boolean().default(false),
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
}).strict();
export type CreatePaymentBody = z.infer<typeof CreatePaymentBody>;

/** `items`: the refunded lines (same shape as create's); they must add up to `amount`. */
export const RefundBody = z.object({ amount: Kopecks, reason: z.string().max(500).optional(), items: z.array(BasketItem).min(1).max(500).optional() }).strict();
export type RefundBody = z.infer<typeof RefundBody>;

/** `items`: the basket as it is now (an order edited since checkout); they must add up to `amount` (default: the payment's). */
export const CaptureBody = z.object({ amount: Kopecks.optional(), items: z.array(BasketItem).min(1).max(500).optional() }).strict();
export type CaptureBody = z.infer<typeof CaptureBody>;

export const EmptyBody = z.object({}).strict();

export const PaymentQuery = z.object({ refresh: z.enum(['0', '1']).optional() }).strict();

export const PaymentIdParam = z.object({ id: z.string().regex(/^pay_[A-Za-z0-9_-]{8,40}$/, 'must be a payment id') });

/** A provider callback relayed by the plugin for shops that cannot expose the sidecar. */
export const RelayBody = z.object({
  method: z.enum(['GET', 'POST']).default('POST'),
  body_base64: z.base64(),
  headers: z.record(z.string(), z.string()),
  query: z.record(z.string(), z.string()).default({}),
  ip: z.union([z.ipv4(), z.ipv6()]),
  profile: z.string().regex(/^[a-z0-9_-]{1,32}$/).default('default'),
}).strict();
export type RelayBody = z.infer<typeof RelayBody>;

export const PaymentView = z.object({
  id: z.string(),
  order_id: z.string(),
  provider: z.string(),
  profile: z.string(),
  provider_payment_id: z.string().nullable(),
  status: PaymentStatus,
  amount: z.number().int(),
  refunded_amount: z.number().int(),
  captured_amount: z.number().int(),
  currency: z.string(),
  redirect_url: z.string().nullable(),
  test: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type PaymentView = z.infer<typeof PaymentView>;

export function paymentView(p: PaymentRecord): PaymentView {
  return {
    id: p.id,
    order_id: p.orderId,
    provider: p.provider,
    profile: p.profile,
    provider_payment_id: p.providerPaymentId,
    status: p.status,
    amount: p.amount,
    refunded_amount: p.refundedAmount,
    captured_amount: p.capturedAmount,
    currency: p.currency,
    redirect_url: p.redirectUrl,
    test: p.test,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

export function refundView(r: RefundRecord) {
  return { id: r.id, payment_id: r.paymentId, provider_refund_id: r.providerRefundId, amount: r.amount, status: r.status };
}
