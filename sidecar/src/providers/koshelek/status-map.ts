import type { PaymentStatus } from '../../core/status.js';
import { DEFAULT_STATUS_MAP, type StatusMapping } from './constants.js';
import type { Settings } from './settings.js';

/**
 * A Koshelek transaction status in our terms, given what the payment is now. Unknown statuses
 * change nothing (the caller logs them); `canceled` after the money was taken means the full
 * amount went back, which our status model calls `refunded`.
 */
export function normalizeStatus(koshelekStatus: string, current: PaymentStatus, settings: Pick<Settings, 'statusMap'>): { status: PaymentStatus | null; known: boolean } {
  const mapping: StatusMapping | undefined = settings.statusMap[koshelekStatus] ?? DEFAULT_STATUS_MAP[koshelekStatus];
  if (mapping === undefined) return { status: null, known: false };
  if (mapping === 'unchanged') return { status: null, known: true };
  if (mapping === 'cancelled' && (current === 'paid' || current === 'partially_refunded')) return { status: 'refunded', known: true };
  return { status: mapping, known: true };
}

/** Refund/cancel transaction status → the core refund record's status. */
export function refundState(refStatus: string | undefined): 'succeeded' | 'pending' | 'failed' {
  if (refStatus === 'accepted') return 'succeeded';
  if (refStatus === 'rejected') return 'failed';
  return 'pending';
}
