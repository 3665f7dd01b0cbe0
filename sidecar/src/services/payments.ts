import { createHash } from 'node:crypto';
import { normalizeBasket, type BasketItem } from '../core/basket.js';
import { ApiError, ProviderError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { KeyedLock } from '../core/keyed-lock.js';
import { settleRefunds } from './refund-states.js';
import type { Logger } from '../core/logger.js';
import { isFinal, type PaymentStatus } from '../core/status.js';
import type { CreatePaymentBody } from '../http/schemas.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { PaymentProvider, ProviderStatus } from '../providers/types.js';
import type { PaymentRecord, RefundRecord, Store, TransitionSource } from '../store/types.js';
import type { Timing } from '../core/timing.js';

export type { Timing } from '../core/timing.js';

export interface PaymentServiceOptions {
  store: Store;
  registry: ProviderRegistry;
  logger: Logger;
  publicUrl: string;
  /** Wakes the outbox worker after a status change was written. */
  onChange: () => void;
  clock?: () => number;
}

export class PaymentService {
  private readonly lock = new KeyedLock();
  private readonly clock: () => number;

  constructor(private readonly options: PaymentServiceOptions) {
    this.clock = options.clock ?? Date.now;
  }

  private async provider<T>(timing: Timing, name: string, fn: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await fn();
    } catch (error) {
      if (error instanceof ProviderError) {
        this.options.logger.warn({ provider: error.provider, detail: error.detail, code: error.providerCode, op: name }, 'provider call failed');
      }
      throw error;
    } finally {
      timing.providerMs += performance.now() - started;
    }
  }

  async get(id: string): Promise<PaymentRecord> {
    const payment = await this.options.store.getPayment(id);
    if (!payment) throw new ApiError(404, 'payment_not_found', 'Payment not found', 'id');
    return payment;
  }

  /**
   * Creates our payment, then the provider's. The same idempotency key reuses the same payment row,
   * and our payment id is the provider's order reference, so a retry after a failure or crash
   * never creates a second charge at the provider.
   */
  async create(body: CreatePaymentBody, idempotencyKey: string, timing: Timing): Promise<PaymentRecord> {
    const { store, registry, publicUrl } = this.options;
    const instance = registry.resolve(body.provider, body.profile, body.test);
    const provider = instance.provider;
    if (body.two_stage && !provider.capabilities.twoStage) {
      throw new ApiError(400, 'not_supported', `Provider ${provider.id} has no two-stage payments`, 'two_stage');
    }
    const items = body.items ? normalizeBasket(body.items, body.amount) : undefined;
    if (!provider.capabilities.currencies.includes(body.currency)) {
      throw new ApiError(400, 'unsupported_currency', `Provider ${provider.id} does not accept ${body.currency}`, 'currency');
    }
    const limits = provider.capabilities.cartLimits;
    if ((limits?.min !== undefined && body.amount < limits.min) || (limits?.max !== undefined && body.amount > limits.max)) {
      throw new ApiError(400, 'amount_out_of_range', `Amount is outside the limits of ${provider.id}`, 'amount');
    }
    let payment =
      (await store.findPaymentByIdempotencyKey(idempotencyKey)) ??
      (await store.insertPayment(
        {
          id: newId('pay'),
          orderId: body.order_id,
          orderKey: body.order_key ?? null,
          provider: provider.id,
          profile: body.profile,
          amount: body.amount,
          currency: body.currency,
          description: body.description,
          idempotencyKey,
          metadata: body.metadata,
          details: {
            customer: body.customer,
            payer: body.payer,
            items,
            twoStage: body.two_stage,
            returnUrl: body.return_url,
            failUrl: body.fail_url ?? body.return_url,
            callbackUrl: body.callback_url,
          },
          // A payment served by a simulator is a test payment, whatever the shop asked for.
          test: body.test || instance.simulated,
        },
        this.clock(),
      ));
    if (payment.providerPaymentId) return payment;
    const created = await this.provider(timing, 'create', () =>
      provider.createPayment({
        payment,
        returnUrl: body.return_url,
        failUrl: body.fail_url ?? body.return_url,
        // The plugin names its relay URL (with the profile in it) when the shop relays callbacks.
        callbackUrl: body.callback_url ?? `${publicUrl}/callbacks/${provider.id}${body.profile === 'default' ? '' : `/${body.profile}`}`,
        customer: body.customer,
        payer: body.payer,
        items,
        twoStage: body.two_stage,
      }),
    );
    payment = await store.setProviderReference(payment.id, created.providerPaymentId, created.redirectUrl, this.clock());
    payment = (await this.transition(payment, { status: created.status === 'created' ? 'pending' : created.status }, 'api')) ?? payment;
    if (provider.statusPolling && !isFinal(payment.status)) {
      const now = this.clock();
      await store.schedulePoll(payment.id, now + provider.statusPolling.intervalMs, provider.statusPolling.intervalMs, now + provider.statusPolling.maxDurationMs);
    }
    return payment;
  }

  /** Asks the provider for the current status and applies it (also used when a callback cannot be verified). */
  async refresh(id: string, timing: Timing): Promise<PaymentRecord> {
    const payment = await this.get(id);
    if (!payment.providerPaymentId) return payment;
    const provider = this.providerFor(payment);
    const status = await this.provider(timing, 'status', () => provider.getStatus(payment));
    return this.applyProviderStatus(payment, status, 'poll');
  }

  async cancel(id: string, timing: Timing): Promise<PaymentRecord> {
    return this.lock.run(id, async () => {
      const payment = await this.get(id);
      const provider = this.mutable(payment, 'cancel');
      if (payment.status === 'cancelled') return payment;
      if (!['created', 'pending', 'authorized'].includes(payment.status)) {
        throw new ApiError(409, 'invalid_state', `A ${payment.status} payment cannot be cancelled`);
      }
      const status = await this.provider(timing, 'cancel', () => provider.cancel(payment));
      return this.applyProviderStatus(payment, status, 'api');
    });
  }

  async capture(id: string, amount: number | undefined, timing: Timing, items?: BasketItem[]): Promise<PaymentRecord> {
    return this.lock.run(id, async () => {
      const payment = await this.get(id);
      const provider = this.mutable(payment, 'capture');
      if (!provider.capabilities.twoStage || !provider.capture) {
        throw new ApiError(400, 'not_supported', `Provider ${provider.id} has no two-stage payments`);
      }
      if (payment.status === 'paid') return payment;
      if (payment.status !== 'authorized') throw new ApiError(409, 'invalid_state', `A ${payment.status} payment cannot be captured`);
      const captureAmount = amount ?? payment.amount;
      if (captureAmount > payment.amount) throw new ApiError(400, 'amount_too_large', 'Capture exceeds the authorised amount', 'amount');
      const lines = items ? normalizeBasket(items, captureAmount) : undefined;
      const status = await this.provider(timing, 'capture', () => provider.capture!(payment, captureAmount, lines));
      return this.applyProviderStatus(payment, { capturedAmount: captureAmount, ...status }, 'api');
    });
  }

  /**
   * The refund id is derived from the idempotency key, so a retry of a refund whose answer was
   * lost reaches the provider with the same refund reference and is deduplicated there.
   */
  async refund(id: string, amount: number, reason: string | undefined, idempotencyKey: string, timing: Timing, items?: BasketItem[]): Promise<{ refund: RefundRecord; payment: PaymentRecord }> {
    return this.lock.run(id, async () => {
      const payment = await this.get(id);
      const provider = this.mutable(payment, 'refund');
      if (!provider.capabilities.refund) throw new ApiError(400, 'not_supported', `Provider ${provider.id} has no refunds`);
      // The refunded lines must add up to the amount: checked before anything is written or sent.
      const lines = items ? normalizeBasket(items, amount) : undefined;
      const refundId = `ref_${createHash('sha256').update(`${payment.id}\n${idempotencyKey}`).digest('base64url').slice(0, 22)}`;
      const existing = (await this.options.store.listRefunds(payment.id)).find((r) => r.id === refundId);
      if (existing?.status === 'succeeded') return { refund: existing, payment };
      if (!existing) {
        if (payment.status !== 'paid' && payment.status !== 'partially_refunded') {
          throw new ApiError(409, 'invalid_state', `A ${payment.status} payment cannot be refunded`);
        }
        // Money in refunds still pending at the provider is not refundable again.
        const pending = (await this.options.store.listRefunds(payment.id)).filter((r) => r.status === 'pending').reduce((sum, r) => sum + r.amount, 0);
        const refundable = payment.amount - payment.refundedAmount - pending;
        if (amount > refundable) throw new ApiError(400, 'amount_too_large', `At most ${refundable} kopecks can be refunded`, 'amount');
        if (amount < refundable && !provider.capabilities.partialRefund) {
          throw new ApiError(400, 'not_supported', `Provider ${provider.id} refunds only the full amount`, 'amount');
        }
        await this.options.store.insertRefund({ id: refundId, paymentId: payment.id, providerRefundId: null, amount, status: 'pending', reason: reason ?? null, createdAt: new Date(this.clock()).toISOString() });
      }
      const result = await this.provider(timing, 'refund', () => provider.refund(payment, amount, refundId, lines));
      await this.options.store.updateRefund(refundId, { status: result.status, providerRefundId: result.providerRefundId });
      let updated = payment;
      if (result.status === 'succeeded') {
        const refundedAmount = payment.refundedAmount + amount;
        updated = (await this.transition(payment, { status: refundedAmount >= payment.amount ? 'refunded' : 'partially_refunded', refundedAmount }, 'api')) ?? payment;
      }
      if (result.status === 'pending' && provider.statusPolling) {
        // Re-read until the provider reports the refund done (the poller keeps a payment with pending refunds).
        const now = this.clock();
        await this.options.store.schedulePoll(payment.id, now + provider.statusPolling.intervalMs, provider.statusPolling.intervalMs, now + provider.statusPolling.maxDurationMs);
      }
      const refund = (await this.options.store.listRefunds(payment.id)).find((r) => r.id === refundId)!;
      if (result.status === 'failed') throw new ApiError(502, 'refund_failed', 'The provider refused the refund');
      return { refund, payment: updated };
    });
  }

  private mutable(payment: PaymentRecord, op: string): PaymentProvider {
    if (!payment.providerPaymentId) throw new ApiError(409, 'invalid_state', `The payment was not created at the provider; nothing to ${op}`);
    return this.providerFor(payment);
  }

  /** The instance that created the payment: same profile, same mode (test payments stay on the simulator). */
  providerFor(payment: PaymentRecord): PaymentProvider {
    return this.options.registry.get(payment.provider, payment.profile, payment.test);
  }

  /** Applies what the provider reported, after checking it is about the same money. */
  async applyProviderStatus(payment: PaymentRecord, status: ProviderStatus, source: TransitionSource): Promise<PaymentRecord> {
    if (status.amount !== undefined && status.amount !== payment.amount) {
      this.options.logger.error({ paymentId: payment.id, reported: status.amount, expected: payment.amount }, 'provider reports another amount; status not applied');
      return payment;
    }
    await settleRefunds(this.options.store, payment.id, status.refunds);
    return (await this.transition(payment, status, source)) ?? payment;
  }

  private async transition(
    payment: PaymentRecord,
    next: { status: PaymentStatus; refundedAmount?: number | undefined; capturedAmount?: number | undefined },
    source: TransitionSource,
  ): Promise<PaymentRecord | null> {
    const result = await this.options.store.applyTransition({
      paymentId: payment.id,
      status: next.status,
      ...(next.refundedAmount !== undefined ? { refundedAmount: next.refundedAmount } : {}),
      ...(next.capturedAmount !== undefined ? { capturedAmount: next.capturedAmount } : {}),
      source,
      now: this.clock(),
    });
    if (result.outcome === 'applied') this.options.onChange();
    if (result.outcome === 'illegal') {
      this.options.logger.warn({ paymentId: payment.id, from: result.previousStatus, to: next.status, source }, 'illegal status transition rejected');
    }
    return result.payment;
  }
}
