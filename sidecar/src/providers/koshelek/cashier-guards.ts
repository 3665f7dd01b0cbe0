import type { Timing } from '../../services/payments.js';
import type { PaymentRecord } from '../../store/types.js';
import type { ProviderApiContext } from '../types.js';
import type { CashierPaymentView } from './cashier-base.js';
import { cashierError } from './cashier-messages.js';
import { CashierReversals } from './cashier-reversals.js';
import { PROVIDER_ID } from './constants.js';
import type { PaymentFacts } from './ledger.js';
import type { CheckoutRequest } from './schemas.js';
import type { Settings } from './settings.js';
import { TillWatchdog } from './till-watchdog.js';

const SWEEP_WINDOW_MS = 24 * 3_600_000;

/**
 * The automatic cancels the Pay API asks of a till: after the till's wait (30 s) — also when the
 * till stopped asking, by a timer per payment and a sweep after a restart — and after X failed
 * checkout/status attempts in a row (`polling.cancelAfterFailedAttempts`).
 */
export class CashierGuards extends CashierReversals {
  protected readonly watchdog: TillWatchdog;

  constructor(ctx: ProviderApiContext) {
    super(ctx);
    this.watchdog = new TillWatchdog((id) => this.expire(id), ctx.logger);
    setImmediate(() => void this.sweep().catch((error: Error) => ctx.logger.warn({ provider: PROVIDER_ID, err: error.message }, 'koshelek restart sweep failed')));
  }

  protected timedOut(payment: PaymentRecord, facts: PaymentFacts, settings: Settings): boolean {
    return settings.polling.autoCancel && this.open(payment, facts) && this.now() - facts.initAt >= settings.polling.tillWaitMs;
  }

  private open(payment: PaymentRecord, facts: PaymentFacts): boolean {
    return ['', 'new', 'pending'].includes(facts.status) && ['created', 'pending'].includes(payment.status);
  }

  /** Arms the till-wait timer of a payment that is not final yet. */
  protected guard(payment: PaymentRecord, facts: PaymentFacts, settings: Settings): void {
    if (settings.polling.autoCancel && this.open(payment, facts)) this.watchdog.arm(payment.id, facts.initAt + settings.polling.tillWaitMs - this.now());
  }

  /** The till's wait is over: cancel. If Koshelek refuses (the customer confirmed meanwhile), the status stands. */
  protected async cancelTimedOut(payment: PaymentRecord, timing: Timing): Promise<CashierPaymentView> {
    try {
      return await this.cancel(payment.id, {}, 'auto', timing, true);
    } catch (error) {
      this.ctx.logger.warn({ provider: PROVIDER_ID, paymentId: payment.id, err: (error as Error).message }, 'automatic cancel after the till timeout failed');
      const current = await this.find(payment.id);
      return this.view(current.payment, current.facts);
    }
  }

  /** Timer or sweep: the till never came back for this payment. */
  private async expire(paymentId: string): Promise<void> {
    const { payment, facts } = await this.find(paymentId);
    const settings = this.providerOf(payment).settings();
    if (this.timedOut(payment, facts, settings)) await this.cancelTimedOut(payment, { providerMs: 0 });
    else this.guard(payment, facts, settings);
  }

  private async sweep(): Promise<void> {
    const now = this.now();
    for (const facts of await this.ledger.listFacts(now - SWEEP_WINDOW_MS, now)) {
      const payment = await this.ctx.store.getPayment(facts.paymentId);
      if (payment) this.guard(payment, facts, this.providerOf(payment).settings());
    }
  }

  /** A Koshelek call for this payment got no usable answer. */
  protected async noteFailure(paymentId: string, settings: Settings): Promise<boolean> {
    const facts = await this.ledger.getFacts(paymentId);
    if (!facts) return false;
    const failedAttempts = (facts.failedAttempts ?? 0) + 1;
    await this.ledger.putFacts({ ...facts, failedAttempts });
    const limit = settings.polling.cancelAfterFailedAttempts;
    return limit > 0 && failedAttempts >= limit;
  }

  protected async noteAnswer(facts: PaymentFacts): Promise<PaymentFacts> {
    if (!facts.failedAttempts) return facts;
    const reset = { ...facts, failedAttempts: 0 };
    await this.ledger.putFacts(reset);
    return reset;
  }

  /**
   * X failed attempts: cancel. Without Koshelek's transactionId the stored checkout is resent first
   * (same requestId, so it can never become a second payment) to learn which transaction to cancel.
   * Returns the error the till sees for its failed attempt.
   */
  protected async cancelAfterFailures(paymentId: string, settings: Settings, timing: Timing) {
    try {
      let { payment, facts } = await this.find(paymentId);
      if (!facts.transactionId) {
        const request = await this.ledger.getRequest(facts.initRequestId);
        const answer = await this.timed(timing, () => this.providerOf(payment).client.checkout(request!.body as CheckoutRequest));
        payment = await this.ctx.store.setProviderReference(payment.id, answer.transactionId, null, this.now());
        facts = { ...facts, transactionId: answer.transactionId, status: answer.status };
        await this.ledger.putFacts(facts);
      }
      if (this.open(payment, facts)) await this.cancel(payment.id, {}, 'failed-attempts', timing, true);
    } catch (error) {
      this.ctx.logger.warn({ provider: PROVIDER_ID, paymentId, err: (error as Error).message }, 'automatic cancel after failed attempts did not go through; the till-wait cancel follows');
    }
    return cashierError(502, 'payment_cancelled_after_failures', `Koshelek failed ${settings.polling.cancelAfterFailedAttempts} times in a row; the payment is cancelled`, settings);
  }
}
