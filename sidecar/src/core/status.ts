import { z } from 'zod';

/** The one normalized status set every provider maps onto. */
export const PaymentStatus = z.enum([
  'created',
  'pending',
  'authorized',
  'paid',
  'partially_refunded',
  'refunded',
  'cancelled',
  'failed',
  'expired',
]);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

/**
 * Allowed transitions. Late money wins: a provider may report `paid` after a decline or expiry
 * (the shopper retried on the provider's page), and losing that would leave a paid order unpaid.
 */
const TRANSITIONS: Record<PaymentStatus, readonly PaymentStatus[]> = {
  created: ['pending', 'authorized', 'paid', 'cancelled', 'failed', 'expired'],
  pending: ['authorized', 'paid', 'cancelled', 'failed', 'expired'],
  authorized: ['paid', 'cancelled', 'failed', 'expired'],
  paid: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  refunded: [],
  cancelled: [],
  failed: ['pending', 'authorized', 'paid'],
  expired: ['paid'],
};

export interface StatusSnapshot {
  status: PaymentStatus;
  refundedAmount: number;
}

export type TransitionDecision = 'apply' | 'duplicate' | 'illegal';

/** Decides what to do with a reported status; pure, so the table is testable on its own. */
export function decideTransition(current: StatusSnapshot, next: StatusSnapshot): TransitionDecision {
  if (current.status === next.status) {
    // A further partial refund is a real change even though the status name repeats.
    if (next.status === 'partially_refunded' && next.refundedAmount > current.refundedAmount) return 'apply';
    return 'duplicate';
  }
  return TRANSITIONS[current.status].includes(next.status) ? 'apply' : 'illegal';
}

export function isFinal(status: PaymentStatus): boolean {
  return TRANSITIONS[status].length === 0;
}
