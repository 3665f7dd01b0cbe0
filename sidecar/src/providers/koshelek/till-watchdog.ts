import type { Logger } from '../../core/logger.js';

/**
 * One timer per open cashier payment, firing when the till's wait is over: the payment must be
 * cancelled even if the till stopped asking. Timers never keep the process alive; after a restart
 * the cashier re-arms them from the store.
 */
export class TillWatchdog {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly fire: (paymentId: string) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  arm(paymentId: string, inMs: number): void {
    clearTimeout(this.timers.get(paymentId));
    const timer = setTimeout(() => {
      this.timers.delete(paymentId);
      this.fire(paymentId).catch((error: Error) => this.logger.warn({ paymentId, err: error.message }, 'koshelek till-wait check failed'));
    }, Math.max(0, inMs) + 5);
    timer.unref();
    this.timers.set(paymentId, timer);
  }

  disarm(paymentId: string): void {
    clearTimeout(this.timers.get(paymentId));
    this.timers.delete(paymentId);
  }
}
