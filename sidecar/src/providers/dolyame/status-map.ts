import type { PaymentStatus } from '../../core/status.js';
import type { ProviderStatus } from '../types.js';
import { fromWire } from './amounts.js';
import { AMOUNT_IS_NET_OF_REFUNDS, PAID_STATUSES } from './protocol.js';
import type { DolyameStatus, OrderInfo } from './schemas.js';

/** Approved and holding the first 25 %: Dolyame waits for our commit. */
export const isAwaitingCommit = (status: string) => status === 'wait_for_commit' || status === 'waiting_for_commit';

export function normalizedStatus(status: DolyameStatus): PaymentStatus {
  switch (status) {
    case 'new':
    case 'approved':
      return 'pending';
    case 'wait_for_commit':
    case 'waiting_for_commit':
      return 'authorized';
    case 'committed':
    case 'completed':
      return PAID_STATUSES.includes(status) ? 'paid' : 'authorized';
    case 'rejected':
      return 'failed';
    case 'canceled':
      return 'cancelled';
  }
}

/** The order as our status, original amount and refunds, all in kopecks. */
export function toProviderStatus(info: OrderInfo): ProviderStatus {
  const refunded = info.refund_info ? fromWire(info.refund_info.total_refunded_amount) : 0;
  const reported = fromWire(info.amount);
  const amount = AMOUNT_IS_NET_OF_REFUNDS ? reported + refunded : reported;
  let status = normalizedStatus(info.status);
  if (status === 'paid' && refunded > 0) status = refunded >= amount ? 'refunded' : 'partially_refunded';
  return { status, amount, refundedAmount: refunded, currency: 'RUB' };
}
