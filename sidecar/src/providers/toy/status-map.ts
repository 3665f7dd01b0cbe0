import type { PaymentStatus } from '../../core/status.js';
import type { ToyStatus } from './schemas.js';

export const TOY_STATUS: Record<ToyStatus, PaymentStatus> = {
  new: 'pending',
  waiting: 'pending',
  succeeded: 'paid',
  failed: 'failed',
  canceled: 'cancelled',
  partially_refunded: 'partially_refunded',
  refunded: 'refunded',
};
