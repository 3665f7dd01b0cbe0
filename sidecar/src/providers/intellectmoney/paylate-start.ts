import { setTimeout as delay } from 'node:timers/promises';
import { ProviderError } from '../../core/errors.js';
import type { BnplApi, BnplFields, InvoiceFields, PaymentState } from './client.js';
import { PROVIDER_ID } from './schemas.js';
import { STEPS_BEFORE_LINK } from './status-map.js';

export interface Timers {
  now(): number;
  /** Resolves after `ms`; an aborted sleep never resolves (the caller has moved on). */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const realTimers: Timers = {
  now: Date.now,
  sleep: (ms, signal) => delay(ms, undefined, { signal, ref: false }).catch(() => new Promise<never>(() => {})),
};

export interface StartRequest {
  /** Our payment id, which is also the invoice's OrderId. */
  paymentId: string;
  invoice: InvoiceFields;
  bnpl: Omit<BnplFields, 'InvoiceId'>;
}

export type StartOutcome =
  | { kind: 'redirect'; invoiceId: string; url: string }
  /** Form3DS is a form: the shopper's browser submits it (the sidecar's page shows it, see public-routes.ts). */
  | { kind: 'form'; invoiceId: string }
  | { kind: 'paid'; invoiceId: string }
  | { kind: 'failed'; invoiceId: string; message: string };

/** One payment's calls in flight, kept so a retried create continues them instead of starting over. */
interface Flight {
  invoice: Promise<string>;
  bnpl?: Promise<void> | undefined;
}

/** Answer to the shopper's request took longer than createWaitMs. */
export const CREATE_WAIT_EXCEEDED = 'create_wait_exceeded';
const MAX_FLIGHTS = 1_000;

/**
 * createInvoice → bnplPayment → getBankCardPaymentState until the step is past Created/InProcess,
 * all within createWaitMs of the shopper's request. A provider call still running at the deadline
 * keeps running: a retry of the same payment (same Idempotency-Key → same payment id) picks up the
 * same invoice and BNPL operation instead of creating a second invoice with the same OrderId.
 */
export class PayLateStarter {
  private readonly flights = new Map<string, Flight>();

  constructor(
    private readonly api: BnplApi,
    private readonly limits: { createWaitMs: number; pollIntervalMs: number },
    private readonly timers: Timers = realTimers,
  ) {}

  async start(request: StartRequest): Promise<StartOutcome> {
    const deadline = this.timers.now() + this.limits.createWaitMs;
    const flight = this.flightFor(request);
    let last: PaymentState | undefined;
    const invoiceId = await this.within(deadline, () => flight.invoice, () => 'waiting for createInvoice');
    if (!flight.bnpl) {
      const bnpl = this.api.startBnpl({ ...request.bnpl, InvoiceId: invoiceId });
      flight.bnpl = bnpl;
      // A refused bnplPayment may be retried on the same invoice.
      bnpl.catch(() => {
        if (flight.bnpl === bnpl) flight.bnpl = undefined;
      });
    }
    const bnpl = flight.bnpl;
    await this.within(deadline, () => bnpl, () => `waiting for bnplPayment on invoice ${invoiceId}`);
    for (;;) {
      const asked = this.timers.now();
      last = await this.within(deadline, () => this.api.paymentState(invoiceId), () => `invoice ${invoiceId} at step ${last?.step ?? 'unknown'}`);
      if (!STEPS_BEFORE_LINK.has(last.step)) {
        this.flights.delete(request.paymentId);
        return this.outcome(invoiceId, last);
      }
      // Pause so that the next look still fits before the deadline (a look takes about as long as the last one).
      const took = Math.max(this.timers.now() - asked, 1);
      const pause = Math.min(this.limits.pollIntervalMs, deadline - this.timers.now() - took);
      if (pause <= 0) throw this.timeout(`invoice ${invoiceId} still at step ${last.step}`);
      await this.timers.sleep(pause, new AbortController().signal);
    }
  }

  private flightFor(request: StartRequest): Flight {
    const existing = this.flights.get(request.paymentId);
    if (existing) return existing;
    const flight: Flight = { invoice: this.api.createInvoice(request.invoice) };
    // A refused createInvoice created nothing: a retry starts over.
    flight.invoice.catch(() => {
      if (this.flights.get(request.paymentId) === flight) this.flights.delete(request.paymentId);
    });
    if (this.flights.size >= MAX_FLIGHTS) this.flights.delete(this.flights.keys().next().value!);
    this.flights.set(request.paymentId, flight);
    return flight;
  }

  private outcome(invoiceId: string, state: PaymentState): StartOutcome {
    if (state.step === 'Ok') return { kind: 'paid', invoiceId };
    if (state.step === 'Error') return { kind: 'failed', invoiceId, message: state.message };
    if (state.link) return { kind: 'redirect', invoiceId, url: state.link };
    if (state.form) return { kind: 'form', invoiceId };
    throw new ProviderError(PROVIDER_ID, `invoice ${invoiceId} reached step ${state.step} without a PayLate link or form in Result`);
  }

  /** The call's answer, unless the deadline comes first; past the deadline the call is not made. */
  private async within<T>(deadline: number, call: () => Promise<T>, what: () => string): Promise<T> {
    const left = deadline - this.timers.now();
    if (left <= 0) throw this.timeout(what());
    const abort = new AbortController();
    const expired = this.timers.sleep(left, abort.signal).then(() => {
      throw this.timeout(what());
    });
    try {
      return await Promise.race([call(), expired]);
    } finally {
      abort.abort();
    }
  }

  private timeout(where: string): ProviderError {
    return new ProviderError(PROVIDER_ID, `PayLate link not ready within createWaitMs=${this.limits.createWaitMs} ms (${where})`, true, CREATE_WAIT_EXCEEDED);
  }
}
