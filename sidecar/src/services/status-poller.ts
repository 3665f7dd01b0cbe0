import { hasPendingRefund } from './refund-states.js';
import type { Logger } from '../core/logger.js';
import { isFinal } from '../core/status.js';
import type { Store } from '../store/types.js';
import type { PaymentService } from './payments.js';
import { nextPollInterval } from './poll-backoff.js';

export interface StatusPollerOptions {
  store: Store;
  payments: PaymentService;
  logger: Logger;
  tickMs: number;
  clock?: () => number;
}

/**
 * Reads the status of payments whose provider asked for polling until it is final or the
 * deadline passes. Polls live in the store, so a restart resumes them; a callback that arrives
 * first simply makes the next poll a no-op (the transition is a duplicate) and ends polling.
 */
export class StatusPoller {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private busy: Promise<void> | undefined;
  private readonly clock: () => number;

  constructor(private readonly options: StatusPollerOptions) {
    this.clock = options.clock ?? Date.now;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.busy;
  }

  private schedule(delay: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.busy = this.tick().finally(() => {
        this.busy = undefined;
        this.schedule(this.options.tickMs);
      });
    }, delay);
    this.timer.unref();
  }

  /** The provider's polling policy (its backoff), or none when the provider cannot be resolved. */
  private policyOf(payment: Parameters<PaymentService['providerFor']>[0]) {
    try {
      return this.options.payments.providerFor(payment).statusPolling;
    } catch {
      return undefined;
    }
  }

  private async policyById(paymentId: string) {
    const payment = await this.options.store.getPayment(paymentId).catch(() => null);
    return payment ? this.policyOf(payment) : undefined;
  }

  /** One pass over due polls; public so tests can drive it without timers. */
  async tick(): Promise<void> {
    const { store, payments, logger } = this.options;
    const due = await store.claimDuePolls(this.clock(), 16, 60_000);
    await Promise.all(
      due.map(async (poll) => {
        try {
          const payment = await payments.refresh(poll.paymentId, { providerMs: 0 });
          const now = this.clock();
          const settled = isFinal(payment.status) || ['paid', 'failed', 'expired'].includes(payment.status);
          if ((settled && !(await hasPendingRefund(store, poll.paymentId))) || now >= poll.deadlineAt) {
            await store.removePoll(poll.paymentId);
            if (now >= poll.deadlineAt && !isFinal(payment.status)) logger.info({ paymentId: poll.paymentId, status: payment.status }, 'status polling ended at its deadline');
          } else {
            const interval = nextPollInterval(poll.intervalMs, this.policyOf(payment));
            await store.reschedulePoll(poll.paymentId, now + interval, interval);
          }
        } catch (error) {
          const interval = nextPollInterval(poll.intervalMs, await this.policyById(poll.paymentId));
          logger.warn({ paymentId: poll.paymentId, err: (error as Error).message, retryInMs: interval }, 'status poll failed; will retry');
          await store.reschedulePoll(poll.paymentId, this.clock() + interval, interval);
        }
      }),
    );
  }
}
