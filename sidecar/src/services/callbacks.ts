import { ApiError, ProviderError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { settleRefunds } from './refund-states.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { CallbackAck, CallbackOutcome, ParsedCallback, PaymentProvider, ProviderStatus, RawCallback } from '../providers/types.js';
import type { PaymentRecord, Store } from '../store/types.js';

export interface CallbackServiceOptions {
  store: Store;
  registry: ProviderRegistry;
  logger: Logger;
  onChange: () => void;
  clock?: () => number;
}

/** An unverifiable callback re-reads its payment at most this often. */
export const REREAD_INTERVAL_MS = 5_000;

/**
 * Provider callbacks: verify → identify → (re-fetch when unverifiable) → check it is about the
 * same money → store event + status + outbox row in one transaction → ack. A callback that fails
 * any check changes nothing.
 */
export class CallbackService {
  private readonly clock: () => number;
  /** When each payment was last re-read for an unverifiable callback (bounded). */
  private readonly lastReread = new Map<string, number>();
  private readonly deferred = new Map<string, NodeJS.Timeout>();

  constructor(private readonly options: CallbackServiceOptions) {
    this.clock = options.clock ?? Date.now;
  }

  async handle(providerId: string, callback: RawCallback): Promise<CallbackAck> {
    const { registry, logger } = this.options;
    if (!registry.has(providerId)) throw new ApiError(404, 'unknown_provider', 'Unknown provider');
    const log = logger.child({ provider: providerId, ip: callback.ip });

    // The profile's own keys first, then the simulator's (test mode); a callback signed by the
    // simulator may only change a test payment, and one signed by the real keys only a live one.
    const candidates = registry.callbackCandidates(providerId, callback.profile);
    let verdict: 'verified' | 'invalid' | 'unverifiable' = 'invalid';
    let instance = candidates[0]!;
    for (const candidate of candidates) {
      const result = candidate.provider.webhook.verify(callback);
      if (result !== 'invalid') {
        verdict = result;
        instance = candidate;
        break;
      }
    }
    const provider = instance.provider;
    if (verdict === 'invalid') {
      log.warn('callback rejected: bad signature');
      return provider.webhook.ack({ kind: 'rejected', reason: 'signature', detail: 'signature mismatch' });
    }

    let parsed: ParsedCallback;
    try {
      parsed = provider.webhook.parse(callback);
    } catch (error) {
      log.warn({ err: (error as Error).message }, 'callback rejected: malformed');
      return provider.webhook.ack({ kind: 'rejected', reason: 'malformed', detail: 'cannot parse the notification' });
    }

    const payment = await this.findPayment(providerId, parsed);
    if (parsed.test) {
      log.info('test callback answered; nothing changed');
      return provider.webhook.ack({ kind: 'accepted' });
    }
    // A signature proves which keys sent it, so it must match the payment's mode; an unverifiable
    // callback proves nothing and is settled below by re-reading through the payment's own instance.
    if (!payment || (verdict === 'verified' && payment.test !== instance.simulated)) {
      log.warn({ reference: parsed.reference, modeMismatch: payment !== null }, 'callback for an unknown payment');
      return provider.webhook.ack({ kind: 'rejected', reason: 'unknown_payment', detail: 'no such payment' });
    }

    if (verdict === 'unverifiable' && provider.webhook.bodyIsHint) return this.settleUnverified(providerId, payment, parsed, callback, log);
    const reported: (ParsedCallback & Pick<ProviderStatus, 'refunds'>) | null = verdict === 'verified' ? parsed : await this.refetch(registry.get(payment.provider, payment.profile, payment.test), payment, parsed);
    if (!reported) return provider.webhook.ack({ kind: 'rejected', reason: 'malformed', detail: 'status could not be confirmed' });
    await settleRefunds(this.options.store, payment.id, reported.refunds);
    return this.apply(providerId, payment, parsed, reported, verdict, callback, log);
  }

  /**
   * An unverifiable callback is only a hint: re-read the payment from the provider — at most once
   * per payment and claimed status per REREAD_INTERVAL_MS (a flood of forged bodies costs one read; a hint inside the
   * interval is served by one deferred read) — and store an event only when the re-read changes
   * something. Its dedup key is the re-read truth, so a forged body never shadows a genuine one.
   */
  private async settleUnverified(providerId: string, payment: PaymentRecord, parsed: ParsedCallback, callback: RawCallback, log: Logger): Promise<CallbackAck> {
    const provider = this.options.registry.get(payment.provider, payment.profile, payment.test);
    const ack = provider.webhook.ack({ kind: 'accepted' });
    // Per payment and claimed status: a genuine next step (approved → waiting for commit) is not held
    // back by the read of the previous one, and a forger still gets one read per status per interval.
    const slot = `${payment.id}:${parsed.status}`;
    const last = this.lastReread.get(slot);
    const now = this.clock();
    if (last !== undefined && now - last < REREAD_INTERVAL_MS) {
      if (!this.deferred.has(slot)) {
        const timer = setTimeout(() => {
          this.deferred.delete(slot);
          void this.reread(providerId, payment.id, slot, parsed, callback, log).catch((error: Error) => log.warn({ paymentId: payment.id, err: error.message }, 'deferred re-read failed'));
        }, last + REREAD_INTERVAL_MS - now);
        timer.unref();
        this.deferred.set(slot, timer);
      }
      return ack;
    }
    return (await this.reread(providerId, payment.id, slot, parsed, callback, log)) ?? ack;
  }

  private async reread(providerId: string, paymentId: string, slot: string, parsed: ParsedCallback, callback: RawCallback, log: Logger): Promise<CallbackAck | null> {
    this.lastReread.set(slot, this.clock());
    if (this.lastReread.size > 10_000) this.lastReread.delete(this.lastReread.keys().next().value!);
    const payment = await this.options.store.getPayment(paymentId);
    if (!payment) return null;
    const provider = this.options.registry.get(payment.provider, payment.profile, payment.test);
    const reported = await this.refetch(provider, payment, parsed);
    if (!reported) return provider.webhook.ack({ kind: 'rejected', reason: 'malformed', detail: 'status could not be confirmed' });
    await settleRefunds(this.options.store, payment.id, reported.refunds);
    const changes = reported.status !== payment.status || (reported.refundedAmount !== undefined && reported.refundedAmount !== payment.refundedAmount);
    if (!changes && !this.mismatch(payment, reported)) {
      log.debug({ paymentId: payment.id }, 'unverifiable callback: re-read shows no change; nothing stored');
      return provider.webhook.ack({ kind: 'accepted' });
    }
    const truth = { ...reported, dedupKey: `reread:${payment.id}:${reported.status}:${reported.refundedAmount ?? ''}` };
    return this.apply(providerId, payment, parsed, truth, 'unverifiable', callback, log);
  }

  private async apply(providerId: string, payment: PaymentRecord, parsed: ParsedCallback, reported: ParsedCallback & { refunds?: unknown }, verdict: 'verified' | 'unverifiable', callback: RawCallback, log: Logger): Promise<CallbackAck> {
    const provider = this.options.registry.get(payment.provider, payment.profile, payment.test);

    const mismatch = this.mismatch(payment, reported);
    const { refunds: _refunds, ...normalized } = reported;
    const event = { provider: providerId, dedupKey: reported.dedupKey, raw: provider.webhook.redactRaw ? provider.webhook.redactRaw(callback.body.toString('utf8')) : callback.body.toString('utf8'), normalized: { ...normalized, verdict } };
    if (mismatch) {
      log.error({ paymentId: payment.id, ...mismatch }, 'callback contradicts the payment; nothing changed');
      await this.options.store.recordRejectedEvent(payment.id, event, mismatch.reason, this.clock());
      return provider.webhook.ack({ kind: 'rejected', reason: mismatch.reason, detail: mismatch.detail });
    }

    // A paid payment notified as paid again under another provider id was paid twice (e.g. a
    // second Invoicebox v2 invoice for the same order): change nothing and say so.
    const paidAlready = ['paid', 'partially_refunded', 'refunded'].includes(payment.status);
    if (paidAlready && reported.status === 'paid' && parsed.providerReference && payment.providerPaymentId && parsed.providerReference !== payment.providerPaymentId) {
      log.error({ paymentId: payment.id, paidBy: payment.providerPaymentId, notified: parsed.providerReference }, 'paid payment notified again by another payment; nothing changed');
      await this.options.store.recordRejectedEvent(payment.id, event, 'already_paid', this.clock());
      return provider.webhook.ack({ kind: 'rejected', reason: 'already_paid', detail: `paid by ${payment.providerPaymentId}` });
    }

    const result = await this.options.store.applyTransition({
      paymentId: payment.id,
      status: reported.status,
      ...(reported.refundedAmount !== undefined ? { refundedAmount: reported.refundedAmount } : {}),
      ...('capturedAmount' in reported && typeof reported.capturedAmount === 'number' ? { capturedAmount: reported.capturedAmount } : {}),
      source: 'callback',
      event,
      now: this.clock(),
    });
    if (result.outcome === 'applied') this.options.onChange();
    if (result.outcome === 'applied' && parsed.providerReference && parsed.providerReference !== payment.providerPaymentId) {
      await this.options.store.setProviderReference(payment.id, parsed.providerReference, payment.redirectUrl, this.clock());
    }
    if (result.outcome === 'illegal') log.warn({ paymentId: payment.id, from: result.previousStatus, to: reported.status }, 'illegal status transition rejected');
    else log.info({ paymentId: payment.id, outcome: result.outcome, status: reported.status }, 'callback processed');
    // Duplicates and illegal transitions are acknowledged: they are stored, and a retry would not change the answer.
    return provider.webhook.ack({ kind: 'accepted' });
  }

  private async findPayment(providerId: string, parsed: ParsedCallback): Promise<PaymentRecord | null> {
    const { store } = this.options;
    if ('paymentId' in parsed.reference) {
      const payment = await store.getPayment(parsed.reference.paymentId);
      return payment?.provider === providerId ? payment : null;
    }
    return store.findPaymentByProviderId(providerId, parsed.reference.providerPaymentId);
  }

  /** Never trust an unverifiable body: ask the provider what really happened. */
  private async refetch(provider: PaymentProvider, payment: PaymentRecord, parsed: ParsedCallback): Promise<(ParsedCallback & Pick<ProviderStatus, 'refunds'>) | null> {
    try {
      const status = await provider.getStatus(payment);
      return { ...parsed, ...status };
    } catch (error) {
      this.options.logger.warn({ paymentId: payment.id, detail: error instanceof ProviderError ? error.detail : String(error) }, 'status re-fetch failed');
      return null;
    }
  }

  private mismatch(payment: PaymentRecord, reported: ParsedCallback): (Extract<CallbackOutcome, { kind: 'rejected' }> & { reason: 'amount_mismatch' | 'currency_mismatch' }) | null {
    if (reported.amount !== undefined && reported.amount !== payment.amount) {
      return { kind: 'rejected', reason: 'amount_mismatch', detail: `expected ${payment.amount}, got ${reported.amount}` };
    }
    if (reported.currency !== undefined && reported.currency !== payment.currency) {
      return { kind: 'rejected', reason: 'currency_mismatch', detail: `expected ${payment.currency}, got ${reported.currency}` };
    }
    return null;
  }
}
