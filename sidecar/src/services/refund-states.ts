import type { ProviderStatus } from '../providers/types.js';
import type { Store } from '../store/types.js';

/**
 * Applies the provider's word on each refund to our refund records: a pending refund becomes
 * succeeded (or failed) only when the provider says so, never at send time.
 */
export async function settleRefunds(store: Pick<Store, 'listRefunds' | 'updateRefund'>, paymentId: string, reported: ProviderStatus['refunds']): Promise<void> {
  if (!reported?.length) return;
  for (const refund of await store.listRefunds(paymentId)) {
    if (refund.status !== 'pending' || !refund.providerRefundId) continue;
    const state = reported.find((r) => r.providerRefundId === refund.providerRefundId)?.status;
    if (state && state !== 'pending') await store.updateRefund(refund.id, { status: state, providerRefundId: refund.providerRefundId });
  }
}

/** Pending refunds keep a payment worth re-reading even when its status is final. */
export async function hasPendingRefund(store: Pick<Store, 'listRefunds'>, paymentId: string): Promise<boolean> {
  return (await store.listRefunds(paymentId)).some((r) => r.status === 'pending');
}
