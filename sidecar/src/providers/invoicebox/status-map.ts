import type { PaymentStatus } from '../../core/status.js';
import type { RefundResult } from '../types.js';
import type { V3OrderStatus } from './schemas.js';

/** v3 order statuses: paid = completed. A declined card leaves the order `created` (the buyer may retry). */
export const V3_STATUS: Record<V3OrderStatus, PaymentStatus> = {
  created: 'pending',
  completed: 'paid',
  canceled: 'cancelled',
  expired: 'expired',
};

/**
 * A v3 refund order. Invoicebox accepts it at once and the money reaches the buyer in about two
 * business days, so an accepted (created) refund order counts as done for the shop.
 */
export const V3_REFUND_STATUS: Record<V3OrderStatus, RefundResult['status']> = {
  created: 'succeeded',
  completed: 'succeeded',
  canceled: 'failed',
  expired: 'failed',
};
