import type { Router } from 'express';
import type { NormalizedItem } from '../core/basket.js';
import type { Payer } from '../core/payer.js';
import type { z } from 'zod';
import type { Logger } from '../core/logger.js';
import type { PaymentStatus } from '../core/status.js';
import type { PaymentRecord } from '../store/types.js';

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
}

export interface CallbackAck {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export type CallbackOutcome =
  | { kind: 'accepted' }
  | { kind: 'rejected'; reason: 'signature' | 'malformed' | 'unknown_payment' | 'amount_mismatch' | 'currency_mismatch'; detail: string };

/**
 * A connector's webhook contract, split the way Hyperswitch splits it: verify (algorithm, secret,
 * message, signature), identify (which payment), normalize (which event), acknowledge (the body
 * the provider expects).
 */
export interface WebhookHandler {
  /** 'verified' = signature checked; 'unverifiable' = no signature scheme, status must be re-fetched. */
  verify(callback: RawCallback): 'verified' | 'invalid' | 'unverifiable';
  parse(callback: RawCallback): ParsedCallback;
  ack(outcome: CallbackOutcome): CallbackAck;
  /** The raw body as kept in the events table; connectors whose callbacks can carry a secret strip it here. */
  redactRaw?(raw: string): string;
  /** The provider's documented test notification, signed with this instance's keys (for the plugin's "send test callback"). */
  testNotification?(): { method: 'GET' | 'POST'; headers: Record<string, string>; body: Buffer; query?: Record<string, string> };
}

export interface ProviderContext {
  config: unknown;
  logger: Logger;
  /** Public base URL of the sidecar, for URLs given to the provider. */
  publicUrl: string;
  simulators: boolean;
}

export interface PaymentProvider {
  readonly id: string;
  readonly name: string;
  readonly capabilities: ProviderCapabilities;
  createPayment(input: CreatePaymentInput): Promise<CreatePaymentResult>;
  getStatus(payment: PaymentRecord): Promise<ProviderStatus>;
  cancel(payment: PaymentRecord): Promise<ProviderStatus>;
  refund(payment: PaymentRecord, amount: number, refundId: string): Promise<RefundResult>;
  capture?(payment: PaymentRecord, amount: number): Promise<ProviderStatus>;
  readonly webhook: WebhookHandler;
  /** Read the status from the provider until final (durable, resumes after a restart). */
  readonly statusPolling?: { intervalMs: number; maxDurationMs: number } | undefined;
}

/** What provider-specific API routes (mounted at /v1/providers/<id>/, signed) can use. */
export interface ProviderApiContext {
  registry: import('./registry.js').ProviderRegistry;
  store: import('../store/types.js').Store;
  payments: import('../services/payments.js').PaymentService;
  logger: Logger;
  publicUrl: string;
  clock: () => number;
  /** GET / idempotent POST route builders and the JSON body reader, as the core API uses them. */
  http: {
    routeHelpers: typeof import('../http/route-helpers.js').routeHelpers;
    jsonBody: typeof import('../http/route-helpers.js').jsonBody;
    parseInput: typeof import('../http/validate.js').parseInput;
  };
}

/** One entry per provider: how to read its config, build it, and (optionally) simulate it. */
export interface ProviderModule<C = unknown> {
  readonly id: string;
  readonly name: string;
  readonly configSchema: z.ZodType<C>;
  /** A malformed config-file entry disables this provider alone (logged, shown by GET /v1/providers) instead of stopping the sidecar. */
  readonly isolateConfigErrors?: boolean;
  /** Settings to use when the simulator stands in for the provider. */
  simulatedConfig?(publicUrl: string): C;
  create(config: C, context: Omit<ProviderContext, 'config'>): PaymentProvider;
  simulator?(config: C, context: Omit<ProviderContext, 'config'>): Router;
  /** Extra signed API routes (e.g. offline payment links, cashier operations), mounted at /v1/providers/<id>/. */
  apiRoutes?(context: ProviderApiContext): Router;
  /** Public, unsigned pages for shoppers (e.g. an auto-submitting payment form), mounted at /providers/<id>/. */
  publicRoutes?(context: ProviderApiContext): Router;
  /** Extra CLI commands: `ru-payments-sidecar <id> <command> [args]`. */
  commands?: Record<string, { describe: string; run(args: string[]): Promise<number> }>;
}
