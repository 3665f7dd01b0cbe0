import type { PaymentStatus } from '../../core/status.js';
import type { PaymentRecord } from '../../store/types.js';
import type { ProviderStatus } from '../types.js';
import { ORDER_STATUS } from './protocol.js';
import { CallbackOperation, CURRENCY_BY_CODE, type OrderStatusResponse } from './schemas.js';

/**
 * orderStatus → our status. UNCERTAIN for the BNPL terminal: public RBS clients list these 0–6;
 * BNPL-specific codes would be added here.
 */
const STATUS_OF: Record<number, PaymentStatus> = {
  [ORDER_STATUS.registered]: 'pending',
  [ORDER_STATUS.held]: 'authorized',
  [ORDER_STATUS.deposited]: 'paid',
  [ORDER_STATUS.reversed]: 'cancelled',
  [ORDER_STATUS.refunded]: 'refunded',
  [ORDER_STATUS.acsStarted]: 'pending',
  [ORDER_STATUS.declined]: 'failed',
};

/** actionCode of a payment page that timed out unpaid (RBS "session expired"): expired, not failed. */
export const SESSION_EXPIRED_ACTION_CODE = -2007;

/** What getOrderStatusExtended says, in our terms; `payment` tells a reversal of a paid order apart. */
export function toProviderStatus(order: OrderStatusResponse, payment: PaymentRecord): ProviderStatus {
  const info = order.paymentAmountInfo;
  const refunded = info?.refundedAmount ?? 0;
  let status = STATUS_OF[order.orderStatus] ?? 'pending';
  if (order.orderStatus === ORDER_STATUS.declined && order.actionCode === SESSION_EXPIRED_ACTION_CODE) status = 'expired';
  // A partial refund leaves money with the shop whatever the status code says.
  if ((order.orderStatus === ORDER_STATUS.deposited || order.orderStatus === ORDER_STATUS.refunded) && refunded > 0) status = refunded >= order.amount ? 'refunded' : 'partially_refunded';
  let refundedAmount = refunded > 0 ? refunded : undefined;
  // A same-day reversal of a paid order gives all the money back: for the shop that is a full refund.
  if (order.orderStatus === ORDER_STATUS.reversed && ['paid', 'partially_refunded', 'refunded'].includes(payment.status)) {
    status = 'refunded';
    refundedAmount = order.amount;
  }
  return {
    status,
    amount: order.amount,
    refundedAmount,
    capturedAmount: info?.depositedAmount || undefined,
    currency: order.currency !== undefined ? (CURRENCY_BY_CODE[order.currency] ?? order.currency) : undefined,
  };
}

/** A callback's own claim (operation + success flag); only a hint, the status is always re-read. */
export function callbackHint(reported: string, success: boolean): PaymentStatus {
  const known = CallbackOperation.safeParse(reported);
  if (!known.success) return 'pending';
  const operation = known.data;
  if (!success) return operation === 'approved' || operation === 'deposited' ? 'failed' : 'pending';
  switch (operation) {
    case 'approved':
      return 'authorized';
    case 'deposited':
      return 'paid';
    case 'reversed':
      return 'cancelled';
    case 'refunded':
      return 'refunded';
    case 'declinedByTimeout':
      return 'expired';
  }
}
