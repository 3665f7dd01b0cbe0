import type { Request, Router } from 'express';
import type { NormalizedItem } from '../core/basket.js';
import type { Payer } from '../core/payer.js';
import type { z } from 'zod';
import type { Logger } from '../core/logger.js';
import type { PaymentStatus } from '../core/status.js';
import type { Timing } from '../core/timing.js';
import type { PaymentRecord, Store, TransitionSource } from '../store/types.js';

/** What a provider can do; the plugin reads this to decide which buttons and methods to offer. */
export interface ProviderCapabilities {
  refund: boolean;
  partialRefund: boolean;
  /** Authorisation first, capture later (capture() is implemented). */
  twoStage: boolean;
  cancel: boolean;
  /** Cart total limits in kopecks, when the provider has them. */
  cartLimits?: { min?: number; max?: number };
  currencies: readonly string[];
  /** Callbacks carry a signature we can check; otherwise the status is re-fetched. */
  signedCallbacks: boolean;
}

export interface CreatePaymentInput {
  payment: PaymentRecord;
  returnUrl: string;
  failUrl: string;
  /** Where this provider's callbacks for this payment must go. */
  callbackUrl: string;
  customer?: { email?: string | undefined; phone?: string | undefined; name?: string | undefined } | undefined;
  payer?: Payer | undefined;
  /** Lines that add up to the payment amount exactly. */
  items?: NormalizedItem[] | undefined;
  /** Authorisation only; capture() completes it. */
  twoStage: boolean;
}

export interface CreatePaymentResult {
  providerPaymentId: string;
  redirectUrl: string | null;
  status: PaymentStatus;
}

export interface ProviderStatus {
  status: PaymentStatus;
  /** As the provider reports it, in kopecks (after conversion at the edge). */
  amount?: number | undefined;
  refundedAmount?: number | undefined;
  capturedAmount?: number | undefined;
  currency?: string | undefined;
  /** Where the provider reports each refund's own state (e.g. Dolyame's pending → processed). */
  refunds?: ReadonlyArray<{ providerRefundId: string; status: 'pending' | 'succeeded' | 'failed' }> | undefined;
}

export interface RefundResult {
  providerRefundId: string;
  status: 'pending' | 'succeeded' | 'failed';
}

/** The callback exactly as it arrived: the signature covers these raw bytes. */
export interface RawCallback {
  method: string;
  headers: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  body: Buffer;
  ip: string;
  profile: string;
}

/** A provider callback turned into our terms. */
export interface ParsedCallback {
  /** The provider's id of the payment, or our own id when the provider echoes it back. */
  reference: { providerPaymentId: string } | { paymentId: string };
  /** Same for a re-delivery of the same notification. */
  dedupKey: string;
  status: PaymentStatus;
  amount?: number | undefined;
  refundedAmount?: number | undefined;
  currency?: string | undefined;
  /** A provider's connectivity test: answer OK, change nothing. */
  test?: boolean;
  /**
   * The provider's own id of the payment (transaction) this callback reports, when the callback is
   * where we learn it (Invoicebox v2's ucode): recorded as the payment's provider id. A paid
   * payment notified as paid again under another id is refused as `already_paid`.
   */
  providerReference?: string | undefined;
}

export interface CallbackAck {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export type CallbackOutcome =
  | { kind: 'accepted' }
  | { kind: 'rejected'; reason: 'signature' | 'malformed' | 'unknown_payment' | 'amount_mismatch' | 'currency_mismatch' | 'already_paid'; detail: string };

/**
 * A connector's webhook contract, split the way Hyperswitch splits it: verify (algorithm, secret,
 * message, signature), identify (which payment), normalize (which event), acknowledge (the body
 * the provider expects).
 */
export interface WebhookHandler {
  /** 'verified' = signature checked; 'unverifiable' = no signature scheme, status must be re-fetched. */
  verify(callback: RawCallback): 'verified' | 'invalid' | 'unverifiable';
  parse(callback: RawCallback): ParsedCallback;
  /**
   * The callback body is only a hint that anyone can forge (e.g. Dolyame's unsigned notifications):
   * an unverifiable one re-reads the payment at most once per payment per few seconds and stores an
   * event only when the re-read changes something.
   */
  readonly bodyIsHint?: boolean;
  ack(outcome: CallbackOutcome): CallbackAck;
  /** The raw body as kept in the events table; connectors whose callbacks can carry a secret strip it here. */
  redactRaw?(raw: string): string;
  /** Whether an answer (ours, relayed or not) means "accepted"; default any 2xx. For providers whose answers are always HTTP 200. */
  acceptedAnswer?(status: number, body: string): boolean;
  /** The provider's documented test notification, signed with this instance's keys (for the plugin's "send test callback"). */
  testNotification?(): { method: 'GET' | 'POST'; headers: Record<string, string>; body: Buffer; query?: Record<string, string> };
}

/** Durable key/value records of one provider (the store's provider_records), for state that must survive a restart. */
export interface ProviderRecords {
  get<T>(kind: string, key: string): Promise<T | null>;
  put(kind: string, key: string, data: unknown): Promise<void>;
}

export interface ProviderContext {
  config: unknown;
  logger: Logger;
  /** Absent when the registry runs without a store (some tests). */
  records?: ProviderRecords | undefined;
  /** Public base URL of the sidecar, for URLs given to the provider. */
  publicUrl: string;
  simulators: boolean;
  /** True for the instance that talks to the provider's simulator (test mode). */
  simulated: boolean;
}

export interface PaymentProvider {
  readonly id: string;
  readonly name: string;
  readonly capabilities: ProviderCapabilities;
  createPayment(input: CreatePaymentInput): Promise<CreatePaymentResult>;
  getStatus(payment: PaymentRecord): Promise<ProviderStatus>;
  cancel(payment: PaymentRecord): Promise<ProviderStatus>;
  /** `items`: the refunded lines when the shop sent them (they add up to `amount`). */
  refund(payment: PaymentRecord, amount: number, refundId: string, items?: NormalizedItem[]): Promise<RefundResult>;
  /** `items`: the basket as it is now when the order was edited since checkout (they add up to `amount`). */
  capture?(payment: PaymentRecord, amount: number, items?: NormalizedItem[]): Promise<ProviderStatus>;
  readonly webhook: WebhookHandler;
  /**
   * Read the status from the provider until final (durable, resumes after a restart). With
   * `backoff` (> 1) the gap grows by that factor after every read, up to `maxIntervalMs`.
   */
  readonly statusPolling?: { intervalMs: number; maxDurationMs: number; maxIntervalMs?: number; backoff?: number } | undefined;
}

/** A provider instance for a (provider, profile, test) triple, as the registry resolves it. */
export interface ResolvedProvider {
  provider: PaymentProvider;
  /** True when this instance talks to the simulator. */
  simulated: boolean;
}

/** The registry as provider routes see it (implemented by ProviderRegistry). */
export interface ProviderLookup {
  resolve(id: string, profile?: string, test?: boolean): ResolvedProvider;
  get(id: string, profile?: string, test?: boolean): PaymentProvider;
}

/** The payment service as provider routes see it (implemented by PaymentService). */
export interface PaymentOperations {
  get(id: string): Promise<PaymentRecord>;
  /** `body`: a create-payment request as the core API accepts it (POST /v1/payments; validated there). */
  create(body: unknown, idempotencyKey: string, timing: Timing): Promise<PaymentRecord>;
  refresh(id: string, timing: Timing): Promise<PaymentRecord>;
  providerFor(payment: PaymentRecord): PaymentProvider;
  applyProviderStatus(payment: PaymentRecord, status: ProviderStatus, source: TransitionSource): Promise<PaymentRecord>;
}

/** A route handler's answer. */
export interface RouteReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** GET and idempotent POST route builders, as the core API uses them. */
export interface RouteBuilders {
  get(path: string, handler: (req: Request, timing: Timing) => Promise<RouteReply>): void;
  post(path: string, handler: (req: Request, idempotencyKey: string, timing: Timing) => Promise<RouteReply>): void;
}

/** The HTTP kit the composition root hands to provider routes. */
export interface ProviderHttpKit {
  routeHelpers(router: Router, store: Store, clock?: () => number): RouteBuilders;
  jsonBody(req: Request): unknown;
  parseInput<S extends z.ZodType>(schema: S, data: unknown, where: 'body' | 'query' | 'params'): z.infer<S>;
}

/** What provider-specific API routes (mounted at /v1/providers/<id>/, signed) can use. */
export interface ProviderApiContext {
  registry: ProviderLookup;
  store: Store;
  payments: PaymentOperations;
  logger: Logger;
  publicUrl: string;
  clock: () => number;
  http: ProviderHttpKit;
}

/** One entry per provider: how to read its config and build it (its simulator lives in src/simulators/). */
export interface ProviderModule<C = unknown> {
  readonly id: string;
  readonly name: string;
  readonly configSchema: z.ZodType<C>;
  /** What of the pushed settings is stored (e.g. secrets the connector never uses are dropped); default: all of it. */
  keptSettings?(settings: unknown): unknown;
  /** A malformed config-file entry disables this provider alone (logged, shown by GET /v1/providers) instead of stopping the sidecar. */
  readonly isolateConfigErrors?: boolean;
  create(config: C, context: Omit<ProviderContext, 'config'>): PaymentProvider;
  /** Extra signed API routes (e.g. offline payment links, cashier operations), mounted at /v1/providers/<id>/. */
  apiRoutes?(context: ProviderApiContext): Router;
  /** Public, unsigned pages for shoppers (e.g. an auto-submitting payment form), mounted at /providers/<id>/. */
  publicRoutes?(context: ProviderApiContext): Router;
  /** Extra CLI commands: `ru-payments-sidecar <id> <command> [args]`. */
  commands?: Record<string, { describe: string; run(args: string[]): Promise<number> }>;
}
