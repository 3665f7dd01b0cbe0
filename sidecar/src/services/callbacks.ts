import { ApiError, ProviderError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { CallbackAck, CallbackOutcome, ParsedCallback, PaymentProvider, RawCallback } from '../providers/types.js';
import type { PaymentRecord, Store } from '../store/types.js';

export interface CallbackServiceOptions {
  store: Store;
  registry: ProviderRegistry;
  logger: Logger;
  onChange: () => void;
  clock?: () => number;
}

/**
 * Provider callbacks: verify → identify → (re-fetch when unverifiable) → check it is about the
 * same money → store event + status + outbox row in one transaction → ack. A callback that fails
 * any check changes nothing.
 */
export class CallbackService {
  private readonly clock: () => number;

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

    const reported = verdict === 'verified' ? parsed : await this.refetch(registry.get(payment.provider, payment.profile, payment.test), payment, parsed);
    if (!reported) return provider.webhook.ack({ kind: 'rejected', reason: 'malformed', detail: 'status could not be confirmed' });

    const mismatch = this.mismatch(payment, reported);
    const event = { provider: providerId, dedupKey: parsed.dedupKey, raw: provider.webhook.redactRaw ? provider.webhook.redactRaw(callback.body.toString('utf8')) : callback.body.toString('utf8'), normalized: { ...reported, verdict } };
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
  private async refetch(provider: PaymentProvider, payment: PaymentRecord, parsed: ParsedCallback): Promise<ParsedCallback | null> {
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
