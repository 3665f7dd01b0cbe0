import type { PaymentProvider } from '../providers/types.js';

/**
 * The gap after a poll: the stored one grown by the provider's `backoff` factor, at most
 * `maxIntervalMs` (never below the stored one); without a backoff the gap stays as it is.
 */
export function nextPollInterval(current: number, policy: PaymentProvider['statusPolling']): number {
  if (!policy?.backoff || policy.backoff <= 1) return current;
  const ceiling = Math.max(policy.maxIntervalMs ?? current, current);
  return Math.min(Math.round(current * policy.backoff), ceiling);
}
