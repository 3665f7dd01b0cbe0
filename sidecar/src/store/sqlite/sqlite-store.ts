import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { notifiesShop, paymentEvent } from '../../core/events.js';
import { newId } from '../../core/ids.js';
import { decideTransition, type PaymentStatus } from '../../core/status.js';
import type {
  IdempotencyBegin,
  NewPayment,
  OutboxRecord,
  PaymentRecord,
  RefundRecord,
  Store,
  TransitionRequest,
  TransitionResult,
  VerifiedEvent,
} from '../types.js';
import { MIGRATIONS } from './migrations.js';

interface PaymentRow {
  id: string;
  order_id: string;
  order_key: string | null;
  provider: string;
  profile: string;
  provider_payment_id: string | null;
  status: string;
  amount: number;
  refunded_amount: number;
  captured_amount: number;
  currency: string;
  description: string;
  redirect_url: string | null;
  idempotency_key: string | null;
  metadata: string;
  details: string;
  test: number;
  version: number;
  created_at: string;
  updated_at: string;
}

function toPayment(row: PaymentRow): PaymentRecord {
  return {
    id: row.id,
    orderId: row.order_id,
    orderKey: row.order_key,
    provider: row.provider,
    profile: row.profile,
    providerPaymentId: row.provider_payment_id,
    status: row.status as PaymentStatus,
    amount: row.amount,
    refundedAmount: row.refunded_amount,
    capturedAmount: row.captured_amount,
    currency: row.currency,
    description: row.description,
    redirectUrl: row.redirect_url,
    idempotencyKey: row.idempotency_key,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    details: JSON.parse(row.details) as PaymentRecord['details'],
    test: row.test === 1,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Embedded store: one file, WAL, synchronous=NORMAL is durable across process crashes. */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly stmt: ReturnType<typeof prepareStatements>;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives a killed process (only an OS crash can lose the last commits);
    // FULL would also cover power loss at a large throughput cost. Chosen per deployment via env.
    this.db.pragma(`synchronous = ${process.env.SQLITE_SYNCHRONOUS === 'FULL' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    this.stmt = prepareStatements(this.db);
    this.releaseLeasesOfDeadProcess();
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const applied = new Set(this.db.prepare<[], { version: number }>('SELECT version FROM schema_migrations').all().map((r) => r.version));
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      this.db.transaction(() => {
        this.db.exec(migration.sql);
        this.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, new Date().toISOString());
      })();
    }
  }

  /**
   * The embedded store belongs to one sidecar process, so every lease found at start-up was held
   * by a process that died: free them now instead of waiting for them to run out.
   */
  private releaseLeasesOfDeadProcess(): void {
    this.db.prepare('UPDATE outbox SET locked_until = 0 WHERE delivered_at IS NULL AND locked_until > 0').run();
    this.db.prepare(`UPDATE idempotency_keys SET locked_until = 0 WHERE state = 'in_progress'`).run();
    this.db.prepare('UPDATE status_polls SET locked_until = 0 WHERE locked_until > 0').run();
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async insertPayment(payment: NewPayment, now: number): Promise<PaymentRecord> {
    this.stmt.insertPayment.run({ ...payment, metadata: JSON.stringify(payment.metadata), details: JSON.stringify(payment.details), test: payment.test ? 1 : 0, now: iso(now) });
    return toPayment(this.stmt.getPayment.get(payment.id)!);
  }

  async getPayment(id: string): Promise<PaymentRecord | null> {
    const row = this.stmt.getPayment.get(id);
    return row ? toPayment(row) : null;
  }

  async findPaymentByIdempotencyKey(key: string): Promise<PaymentRecord | null> {
    const row = this.stmt.byIdem.get(key);
    return row ? toPayment(row) : null;
  }

  async findPaymentByProviderId(provider: string, providerPaymentId: string): Promise<PaymentRecord | null> {
    const row = this.stmt.byProviderRef.get(provider, providerPaymentId);
    return row ? toPayment(row) : null;
  }

  async setProviderReference(id: string, providerPaymentId: string, redirectUrl: string | null, now: number): Promise<PaymentRecord> {
    this.stmt.setProviderRef.run(providerPaymentId, redirectUrl, iso(now), id);
    return toPayment(this.stmt.getPayment.get(id)!);
  }

  private readonly transition = (request: TransitionRequest): TransitionResult => {
    const row = this.stmt.getPayment.get(request.paymentId);
    if (!row) throw new Error(`Unknown payment ${request.paymentId}`);
    const current = toPayment(row);
    const { event } = request;
    if (event && this.stmt.findEvent.get(event.provider, event.dedupKey)) {
      return { outcome: 'duplicate_event', payment: current, previousStatus: current.status };
    }
    const refundedAmount = request.refundedAmount ?? (request.status === 'refunded' ? current.amount : current.refundedAmount);
    const decision = decideTransition(current, { status: request.status, refundedAmount });
    const outcome = decision === 'apply' ? 'applied' : decision;
    if (event) {
      this.stmt.insertEvent.run(current.id, event.provider, event.dedupKey, request.source, event.raw, JSON.stringify(event.normalized), outcome, request.now);
    }
    if (decision !== 'apply') return { outcome, payment: current, previousStatus: current.status };
    const capturedAmount = request.capturedAmount ?? (request.status === 'paid' && current.capturedAmount === 0 ? current.amount : current.capturedAmount);
    this.stmt.updateStatus.run({ id: current.id, status: request.status, refundedAmount, capturedAmount, now: iso(request.now) });
    const updated = toPayment(this.stmt.getPayment.get(current.id)!);
    if (notifiesShop(updated)) {
      const eventId = newId('evt');
      this.stmt.insertOutbox.run(eventId, updated.id, JSON.stringify(paymentEvent(eventId, updated, current.status)), request.now, request.now);
    }
    return { outcome: 'applied', payment: updated, previousStatus: current.status };
  };

  private readonly transitionTx = this.lazyTx(this.transition);
  private queued: Array<{ request: TransitionRequest; resolve: (r: TransitionResult) => void; reject: (e: unknown) => void }> = [];

  /**
   * Group commit: transitions requested in the same event-loop turn share one COMMIT, each in its
   * own savepoint so one failure does not undo the others. Callers hear back only after the commit,
   * so an acknowledged callback is always on disk.
   */
  applyTransition(request: TransitionRequest): Promise<TransitionResult> {
    return new Promise((resolve, reject) => {
      this.queued.push({ request, resolve, reject });
      if (this.queued.length === 1) setImmediate(this.flushTransitions);
    });
  }

  private readonly flushTransitions = (): void => {
    const batch = this.queued;
    this.queued = [];
    const outcomes: Array<{ ok: true; value: TransitionResult } | { ok: false; error: unknown }> = [];
    try {
      this.batchTx(() => {
        for (const item of batch) {
          try {
            outcomes.push({ ok: true, value: this.transitionTx(item.request) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  };

  private readonly batchTx = this.lazyTx((run: () => void) => run());

  async recordRejectedEvent(paymentId: string | null, event: VerifiedEvent, reason: string, now: number): Promise<void> {
    // A re-delivered rejected callback is already on file; keep the first copy.
    if (this.stmt.findEvent.get(event.provider, event.dedupKey)) return;
    this.stmt.insertEvent.run(paymentId, event.provider, event.dedupKey, 'callback', event.raw, JSON.stringify(event.normalized), `rejected:${reason}`, now);
  }

  async listEvents(paymentId: string) {
    return this.stmt.listEvents.all(paymentId).map((r) => ({
      id: r.id,
      outcome: r.outcome,
      dedupKey: r.dedup_key,
      normalized: JSON.parse(r.normalized) as unknown,
      receivedAt: r.received_at,
    }));
  }

  async insertRefund(refund: RefundRecord): Promise<void> {
    this.stmt.insertRefund.run(refund);
  }

  async updateRefund(id: string, patch: Pick<RefundRecord, 'status' | 'providerRefundId'>): Promise<void> {
    this.stmt.updateRefund.run(patch.status, patch.providerRefundId, id);
  }

  async listRefunds(paymentId: string): Promise<RefundRecord[]> {
    return this.stmt.listRefunds.all(paymentId).map((r) => ({
      id: r.id,
      paymentId: r.payment_id,
      providerRefundId: r.provider_refund_id,
      amount: r.amount,
      status: r.status as RefundRecord['status'],
      reason: r.reason,
      createdAt: r.created_at,
    }));
  }

  private readonly beginIdemTx = this.lazyTx((key: string, fingerprint: string, now: number, leaseMs: number): IdempotencyBegin => {
    const row = this.stmt.getIdem.get(key);
    if (!row) {
      this.stmt.insertIdem.run(key, fingerprint, now + leaseMs, now, now);
      return { state: 'new' };
    }
    if (row.fingerprint !== fingerprint) return { state: 'mismatch' };
    if (row.state === 'done') return { state: 'done', status: row.response_status!, body: row.response_body! };
    // The first attempt died mid-flight (crash); after its lease a retry may take over.
    if (row.locked_until <= now) {
      this.stmt.relockIdem.run(now + leaseMs, now, key);
      return { state: 'new' };
    }
    return { state: 'in_progress' };
  });

  async beginIdempotent(key: string, fingerprint: string, now: number, leaseMs: number): Promise<IdempotencyBegin> {
    return this.beginIdemTx(key, fingerprint, now, leaseMs);
  }

  async completeIdempotent(key: string, status: number, body: string, now: number): Promise<void> {
    this.stmt.completeIdem.run(status, body, now, key);
  }

  async releaseIdempotent(key: string): Promise<void> {
    this.stmt.deleteIdem.run(key);
  }

  private nonceChecks = 0;

  async rememberNonce(nonce: string, now: number, ttlMs: number): Promise<boolean> {
    if (++this.nonceChecks % 1000 === 0) this.stmt.pruneNonces.run(now);
    if (this.stmt.insertNonce.run(nonce, now + ttlMs).changes === 1) return true;
    // Seen before: only an expired entry may be reused.
    return this.stmt.expiredNonce.run(now + ttlMs, nonce, now).changes === 1;
  }

  private readonly claimTx = this.lazyTx((now: number, limit: number, leaseMs: number): OutboxRecord[] => {
    const rows = this.stmt.dueOutbox.all(now, now, limit);
    for (const row of rows) this.stmt.lockOutbox.run(now + leaseMs, row.id);
    return rows.map(toOutbox);
  });

  async claimOutbox(now: number, limit: number, leaseMs: number): Promise<OutboxRecord[]> {
    return this.claimTx(now, limit, leaseMs);
  }

  async markDelivered(id: number, now: number): Promise<void> {
    this.stmt.delivered.run(now, id);
  }

  async markDeliveryFailed(id: number, nextAttemptAt: number, error: string): Promise<void> {
    this.stmt.failed.run(nextAttemptAt, error.slice(0, 1000), id);
  }

  async outboxStats() {
    const row = this.stmt.outboxStats.get()!;
    return { pending: row.pending ?? 0, oldestPendingAt: row.oldest, delivered: row.delivered ?? 0 };
  }

  async saveProviderConfig(provider: string, profile: string, sealed: string, now: number): Promise<void> {
    this.stmt.saveConfig.run(provider, profile, sealed, iso(now));
  }

  async listProviderConfigs() {
    return this.stmt.listConfigs.all();
  }

  async putProviderRecord(provider: string, kind: string, key: string, data: unknown, now: number): Promise<void> {
    this.stmt.putRecord.run(provider, kind, key, JSON.stringify(data), now, now);
  }

  async getProviderRecord<T = unknown>(provider: string, kind: string, key: string): Promise<T | null> {
    const row = this.stmt.getRecord.get(provider, kind, key);
    return row ? (JSON.parse(row.data) as T) : null;
  }

  async listProviderRecords<T = unknown>(provider: string, kind: string, range: { since?: number; until?: number; limit?: number } = {}) {
    return this.stmt.listRecords
      .all(provider, kind, range.since ?? 0, range.until ?? Number.MAX_SAFE_INTEGER, range.limit ?? 10_000)
      .map((r) => ({ key: r.key, data: JSON.parse(r.data) as T, createdAt: r.created_at }));
  }

  async schedulePoll(paymentId: string, firstAt: number, intervalMs: number, deadlineAt: number): Promise<void> {
    this.stmt.schedulePoll.run(paymentId, firstAt, intervalMs, deadlineAt);
  }

  private readonly claimPollsTx = this.lazyTx((now: number, limit: number, leaseMs: number) => {
    const rows = this.stmt.duePolls.all(now, now, limit);
    for (const row of rows) this.stmt.lockPoll.run(now + leaseMs, row.payment_id);
    return rows.map((r) => ({ paymentId: r.payment_id, intervalMs: r.interval_ms, deadlineAt: r.deadline_at }));
  });

  async claimDuePolls(now: number, limit: number, leaseMs: number) {
    return this.claimPollsTx(now, limit, leaseMs);
  }

  async reschedulePoll(paymentId: string, nextAt: number, intervalMs?: number): Promise<void> {
    this.stmt.reschedulePoll.run(nextAt, intervalMs ?? null, paymentId);
  }

  async removePoll(paymentId: string): Promise<void> {
    this.stmt.removePoll.run(paymentId);
  }

  /** Wraps fn in an IMMEDIATE transaction, prepared on first use (after the constructor ran). */
  private lazyTx<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    let tx: Database.Transaction<(...args: A) => R> | undefined;
    return (...args: A) => {
      tx ??= this.db.transaction(fn);
      return tx.immediate(...args);
    };
  }
}

function prepareStatements(db: Database.Database) {
return {
    insertPayment: db.prepare(`INSERT INTO payments (id, order_id, order_key, provider, profile, status, amount, currency, description,
      idempotency_key, metadata, details, test, created_at, updated_at)
      VALUES (@id, @orderId, @orderKey, @provider, @profile, 'created', @amount, @currency, @description, @idempotencyKey, @metadata, @details, @test, @now, @now)`),
    getPayment: db.prepare<[string], PaymentRow>('SELECT * FROM payments WHERE id = ?'),
    byIdem: db.prepare<[string], PaymentRow>('SELECT * FROM payments WHERE idempotency_key = ?'),
    byProviderRef: db.prepare<[string, string], PaymentRow>('SELECT * FROM payments WHERE provider = ? AND provider_payment_id = ?'),
    setProviderRef: db.prepare('UPDATE payments SET provider_payment_id = ?, redirect_url = ?, updated_at = ? WHERE id = ?'),
    updateStatus: db.prepare(`UPDATE payments SET status = @status, refunded_amount = @refundedAmount, captured_amount = @capturedAmount,
      version = version + 1, updated_at = @now WHERE id = @id`),
    findEvent: db.prepare<[string, string], { id: number }>('SELECT id FROM events WHERE provider = ? AND dedup_key = ?'),
    insertEvent: db.prepare(`INSERT INTO events (payment_id, provider, dedup_key, source, raw, normalized, outcome, received_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    listEvents: db.prepare<[string], { id: number; outcome: string; dedup_key: string; normalized: string; received_at: number }>(
      'SELECT id, outcome, dedup_key, normalized, received_at FROM events WHERE payment_id = ? ORDER BY id',
    ),
    insertOutbox: db.prepare('INSERT INTO outbox (event_id, payment_id, payload, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?)'),
    insertRefund: db.prepare(`INSERT INTO refunds (id, payment_id, provider_refund_id, amount, status, reason, created_at)
      VALUES (@id, @paymentId, @providerRefundId, @amount, @status, @reason, @createdAt)`),
    updateRefund: db.prepare('UPDATE refunds SET status = ?, provider_refund_id = ? WHERE id = ?'),
    listRefunds: db.prepare<[string], { id: string; payment_id: string; provider_refund_id: string | null; amount: number; status: string; reason: string | null; created_at: string }>(
      'SELECT * FROM refunds WHERE payment_id = ? ORDER BY created_at, rowid',
    ),
    getIdem: db.prepare<[string], { fingerprint: string; state: string; response_status: number | null; response_body: string | null; locked_until: number }>(
      'SELECT fingerprint, state, response_status, response_body, locked_until FROM idempotency_keys WHERE key = ?',
    ),
    insertIdem: db.prepare(`INSERT INTO idempotency_keys (key, fingerprint, state, locked_until, created_at, updated_at)
      VALUES (?, ?, 'in_progress', ?, ?, ?)`),
    relockIdem: db.prepare('UPDATE idempotency_keys SET locked_until = ?, updated_at = ? WHERE key = ?'),
    completeIdem: db.prepare(`UPDATE idempotency_keys SET state = 'done', response_status = ?, response_body = ?, updated_at = ? WHERE key = ?`),
    deleteIdem: db.prepare(`DELETE FROM idempotency_keys WHERE key = ? AND state = 'in_progress'`),
    insertNonce: db.prepare('INSERT OR IGNORE INTO nonces (nonce, expires_at) VALUES (?, ?)'),
    expiredNonce: db.prepare('UPDATE nonces SET expires_at = ? WHERE nonce = ? AND expires_at <= ?'),
    pruneNonces: db.prepare('DELETE FROM nonces WHERE expires_at <= ?'),
    dueOutbox: db.prepare<[number, number, number], OutboxRowDb>(`
      SELECT o.* FROM outbox o
      WHERE o.delivered_at IS NULL AND o.next_attempt_at <= ? AND o.locked_until <= ?
        AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.payment_id = o.payment_id AND p.delivered_at IS NULL AND p.id < o.id)
      ORDER BY o.id LIMIT ?`),
    lockOutbox: db.prepare('UPDATE outbox SET locked_until = ? WHERE id = ?'),
    delivered: db.prepare('UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL, locked_until = 0 WHERE id = ?'),
    failed: db.prepare('UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, locked_until = 0 WHERE id = ?'),
    outboxStats: db.prepare<[], { pending: number; oldest: number | null; delivered: number }>(`
      SELECT SUM(delivered_at IS NULL) AS pending, MIN(CASE WHEN delivered_at IS NULL THEN created_at END) AS oldest,
             SUM(delivered_at IS NOT NULL) AS delivered FROM outbox`),
    saveConfig: db.prepare(`INSERT INTO provider_configs (provider, profile, sealed, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (provider, profile) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at`),
    listConfigs: db.prepare<[], { provider: string; profile: string; sealed: string }>('SELECT provider, profile, sealed FROM provider_configs ORDER BY provider, profile'),
    putRecord: db.prepare(`INSERT INTO provider_records (provider, kind, key, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (provider, kind, key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`),
    getRecord: db.prepare<[string, string, string], { data: string }>('SELECT data FROM provider_records WHERE provider = ? AND kind = ? AND key = ?'),
    listRecords: db.prepare<[string, string, number, number, number], { key: string; data: string; created_at: number }>(
      'SELECT key, data, created_at FROM provider_records WHERE provider = ? AND kind = ? AND created_at >= ? AND created_at <= ? ORDER BY created_at, key LIMIT ?',
    ),
    schedulePoll: db.prepare(`INSERT INTO status_polls (payment_id, next_poll_at, interval_ms, deadline_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (payment_id) DO UPDATE SET next_poll_at = excluded.next_poll_at, interval_ms = excluded.interval_ms, deadline_at = excluded.deadline_at, locked_until = 0`),
    duePolls: db.prepare<[number, number, number], { payment_id: string; interval_ms: number; deadline_at: number }>(
      'SELECT payment_id, interval_ms, deadline_at FROM status_polls WHERE next_poll_at <= ? AND locked_until <= ? ORDER BY next_poll_at LIMIT ?',
    ),
    lockPoll: db.prepare('UPDATE status_polls SET locked_until = ? WHERE payment_id = ?'),
    reschedulePoll: db.prepare('UPDATE status_polls SET next_poll_at = ?, interval_ms = COALESCE(?, interval_ms), locked_until = 0 WHERE payment_id = ?'),
    removePoll: db.prepare('DELETE FROM status_polls WHERE payment_id = ?'),
  };
}

interface OutboxRowDb {
  id: number;
  event_id: string;
  payment_id: string;
  payload: string;
  attempts: number;
  next_attempt_at: number;
  delivered_at: number | null;
  last_error: string | null;
  created_at: number;
}

function toOutbox(row: OutboxRowDb): OutboxRecord {
  return {
    id: row.id,
    eventId: row.event_id,
    paymentId: row.payment_id,
    payload: row.payload,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    deliveredAt: row.delivered_at,
    lastError: row.last_error,
    createdAt: row.created_at,
  };
}
