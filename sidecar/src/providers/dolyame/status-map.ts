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

/** A refund is done when Dolyame says `processed`; `pending` means in progress (absent status: older answers, taken as done). */
export const refundState = (status: string | undefined): 'pending' | 'succeeded' => (status === 'pending' ? 'pending' : 'succeeded');

/**
 * The order as our status, original amount and refunds, all in kopecks. Only processed refunds
 * count as refunded money; each refund's own state goes to the core's refund records.
 */
export function toProviderStatus(info: OrderInfo): ProviderStatus {
  const refundInfo = info.refund_info;
  const total = refundInfo ? fromWire(refundInfo.total_refunded_amount) : 0;
  const items = refundInfo?.items ?? [];
  const processed = items.length > 0 ? items.filter((r) => refundState(r.status) === 'succeeded').reduce((s, r) => s + fromWire(r.refunded_amount), 0) : total;
  const reported = fromWire(info.amount);
  const amount = AMOUNT_IS_NET_OF_REFUNDS ? reported + total : reported;
  let status = normalizedStatus(info.status);
  if (status === 'paid' && processed > 0) status = processed >= amount ? 'refunded' : 'partially_refunded';
  return {
    status,
    amount,
    refundedAmount: processed,
    currency: 'RUB',
    ...(items.length > 0 ? { refunds: items.map((r) => ({ providerRefundId: r.refund_id, status: refundState(r.status) })) } : {}),
  };
}
