import type { NormalizedItem } from '../core/basket.js';
import type { Payer } from '../core/payer.js';
import type { PaymentStatus } from '../core/status.js';

/** What the shop told us about the payment beyond the amount; connectors read it. */
export interface PaymentDetails {
  customer?: { email?: string | undefined; phone?: string | undefined; name?: string | undefined } | undefined;
  payer?: Payer | undefined;
  /** Lines that add up to the amount exactly (core/basket.ts). */
  items?: NormalizedItem[] | undefined;
  twoStage?: boolean | undefined;
  returnUrl?: string | undefined;
  failUrl?: string | undefined;
  /** Where the provider sends this payment's callbacks (the plugin's relay URL in relay mode). */
  callbackUrl?: string | undefined;
}

export interface PaymentRecord {
  id: string;
  orderId: string;
  orderKey: string | null;
  provider: string;
  profile: string;
  providerPaymentId: string | null;
  status: PaymentStatus;
  amount: number;
  refundedAmount: number;
  capturedAmount: number;
  currency: string;
  description: string;
  redirectUrl: string | null;
  idempotencyKey: string | null;
  metadata: Record<string, unknown>;
  details: PaymentDetails;
  test: boolean;
  /** Bumped on every applied transition; sent as the event `sequence`. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type NewPayment = Omit<PaymentRecord, 'status' | 'refundedAmount' | 'capturedAmount' | 'version' | 'createdAt' | 'updatedAt' | 'providerPaymentId' | 'redirectUrl'>;

export interface RefundRecord {
  id: string;
  paymentId: string;
  providerRefundId: string | null;
  amount: number;
  status: 'pending' | 'succeeded' | 'failed';
  reason: string | null;
  createdAt: string;
}

export type TransitionSource = 'callback' | 'api' | 'poll';

export interface VerifiedEvent {
  provider: string;
  /** Provider-specific key that is the same for a re-delivered callback. */
  dedupKey: string;
  raw: string;
  normalized: unknown;
}

export interface TransitionRequest {
  paymentId: string;
  status: PaymentStatus;
  refundedAmount?: number;
  capturedAmount?: number;
  source: TransitionSource;
  event?: VerifiedEvent;
  now: number;
}

export type TransitionOutcome = 'applied' | 'duplicate' | 'illegal' | 'duplicate_event';

export interface TransitionResult {
  outcome: TransitionOutcome;
  payment: PaymentRecord;
  previousStatus: PaymentStatus;
}

export interface OutboxRecord {
  id: number;
  eventId: string;
  paymentId: string;
  payload: string;
  attempts: number;
  nextAttemptAt: number;
  deliveredAt: number | null;
  lastError: string | null;
  createdAt: number;
}

export type IdempotencyBegin =
  | { state: 'new' }
  | { state: 'done'; status: number; body: string }
  | { state: 'in_progress' }
  | { state: 'mismatch' };

/**
 * Everything the sidecar keeps. Each method is atomic on its own, so a PostgreSQL implementation
 * can map each one to a transaction; the API is async for that reason even though SQLite is sync.
 */
export interface Store {
  readonly kind: string;
  ping(): Promise<void>;
  close(): Promise<void>;

  insertPayment(payment: NewPayment, now: number): Promise<PaymentRecord>;
  getPayment(id: string): Promise<PaymentRecord | null>;
  findPaymentByIdempotencyKey(key: string): Promise<PaymentRecord | null>;
  findPaymentByProviderId(provider: string, providerPaymentId: string): Promise<PaymentRecord | null>;
  setProviderReference(id: string, providerPaymentId: string, redirectUrl: string | null, now: number): Promise<PaymentRecord>;

  /** Status change + event record + outbox row, in one transaction. */
  applyTransition(request: TransitionRequest): Promise<TransitionResult>;
  /** A verified callback that must not change anything (e.g. amount mismatch); kept for audit. */
  recordRejectedEvent(paymentId: string | null, event: VerifiedEvent, reason: string, now: number): Promise<void>;
  listEvents(paymentId: string): Promise<Array<{ id: number; outcome: string; dedupKey: string; normalized: unknown; receivedAt: number }>>;

  insertRefund(refund: RefundRecord): Promise<void>;
  updateRefund(id: string, patch: Pick<RefundRecord, 'status' | 'providerRefundId'>): Promise<void>;
  listRefunds(paymentId: string): Promise<RefundRecord[]>;

  beginIdempotent(key: string, fingerprint: string, now: number, leaseMs: number): Promise<IdempotencyBegin>;
  completeIdempotent(key: string, status: number, body: string, now: number): Promise<void>;
  /** Frees a key whose request failed before any side effect, so the caller may retry it. */
  releaseIdempotent(key: string): Promise<void>;

  /** False when the nonce was already seen (a replay). */
  rememberNonce(nonce: string, now: number, ttlMs: number): Promise<boolean>;

  /** Due, undelivered rows, oldest first, at most one per payment so events stay in order. */
  claimOutbox(now: number, limit: number, leaseMs: number): Promise<OutboxRecord[]>;
  markDelivered(id: number, now: number): Promise<void>;
  markDeliveryFailed(id: number, nextAttemptAt: number, error: string): Promise<void>;
  outboxStats(): Promise<{ pending: number; oldestPendingAt: number | null; delivered: number }>;

  /** Provider settings per profile, sealed (encrypted) by the caller. */
  saveProviderConfig(provider: string, profile: string, sealed: string, now: number): Promise<void>;
  listProviderConfigs(): Promise<Array<{ provider: string; profile: string; sealed: string }>>;

  /** Connector-owned documents (e.g. cashier slips), keyed by (provider, kind, key). */
  putProviderRecord(provider: string, kind: string, key: string, data: unknown, now: number): Promise<void>;
  getProviderRecord<T = unknown>(provider: string, kind: string, key: string): Promise<T | null>;
  listProviderRecords<T = unknown>(provider: string, kind: string, range?: { since?: number; until?: number; limit?: number }): Promise<Array<{ key: string; data: T; createdAt: number }>>;

  /** Durable status polling: a payment is polled until final or until its deadline. */
  schedulePoll(paymentId: string, firstAt: number, intervalMs: number, deadlineAt: number): Promise<void>;
  claimDuePolls(now: number, limit: number, leaseMs: number): Promise<Array<{ paymentId: string; intervalMs: number; deadlineAt: number }>>;
  /** `intervalMs`, when given, replaces the stored interval (a backing-off poll). */
  reschedulePoll(paymentId: string, nextAt: number, intervalMs?: number): Promise<void>;
  removePoll(paymentId: string): Promise<void>;
}
