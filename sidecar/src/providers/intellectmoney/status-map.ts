import type { PaymentStatus } from '../../core/status.js';
import { REFUND_PAYMENT_STATUS, type PaymentStepName } from './schemas.js';

/** getBankCardPaymentState `PaymentStep` → our status. */
export const STEP_STATUS: Record<PaymentStepName, PaymentStatus> = {
  Ok: 'paid',
  Created: 'pending',
  InProcess: 'pending',
  SendTo3DS: 'pending',
  ActivationPayment: 'pending',
  Error: 'failed',
};

/** While the step is one of these, the PayLate link is not known yet (docs: poll until it is not). */
export const STEPS_BEFORE_LINK: ReadonlySet<PaymentStepName> = new Set(['Created', 'InProcess']);

/** Webhook `paymentStatus` → our status: 3 created, 4 cancelled, 5 paid, 6 held, 7 partially paid, refund. */
const NOTIFICATION_STATUS = new Map<number, PaymentStatus>([
  [3, 'pending'],
  [4, 'cancelled'],
  [5, 'paid'],
  [6, 'authorized'],
  [7, 'pending'],
  [REFUND_PAYMENT_STATUS, 'refunded'],
]);

export function notificationStatus(paymentStatus: number): PaymentStatus | undefined {
  return NOTIFICATION_STATUS.get(paymentStatus);
}
