import type { Router } from 'express';
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
}

/** One entry per provider: how to read its config, build it, and (optionally) simulate it. */
export interface ProviderModule<C = unknown> {
  readonly id: string;
  readonly name: string;
  readonly configSchema: z.ZodType<C>;
  /** Settings to use when the simulator stands in for the provider. */
  simulatedConfig?(publicUrl: string): C;
  create(config: C, context: Omit<ProviderContext, 'config'>): PaymentProvider;
  simulator?(config: C, context: Omit<ProviderContext, 'config'>): Router;
}
