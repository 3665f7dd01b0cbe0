/** Versioned schema; append only. A migration never edits an earlier one. */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'initial',
    sql: `
      CREATE TABLE payments (
        id TEXT PRIMARY KEY,
        order_id TEXT NOT NULL,
        order_key TEXT,
        provider TEXT NOT NULL,
        profile TEXT NOT NULL,
        provider_payment_id TEXT,
        status TEXT NOT NULL,
        amount INTEGER NOT NULL CHECK (amount > 0),
        refunded_amount INTEGER NOT NULL DEFAULT 0,
        captured_amount INTEGER NOT NULL DEFAULT 0,
        currency TEXT NOT NULL,
        description TEXT NOT NULL,
        redirect_url TEXT,
        idempotency_key TEXT UNIQUE,
        metadata TEXT NOT NULL DEFAULT '{}',
        test INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX payments_order ON payments(order_id);
      CREATE UNIQUE INDEX payments_provider_ref ON payments(provider, provider_payment_id) WHERE provider_payment_id IS NOT NULL;

      CREATE TABLE events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        payment_id TEXT REFERENCES payments(id),
        provider TEXT NOT NULL,
        dedup_key TEXT NOT NULL,
        source TEXT NOT NULL,
        raw TEXT NOT NULL,
        normalized TEXT NOT NULL,
        outcome TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        UNIQUE (provider, dedup_key)
      );
      CREATE INDEX events_payment ON events(payment_id);

      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE,
        payment_id TEXT NOT NULL REFERENCES payments(id),
        payload TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        locked_until INTEGER NOT NULL DEFAULT 0,
        delivered_at INTEGER,
        last_error TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX outbox_pending ON outbox(payment_id, id) WHERE delivered_at IS NULL;

      CREATE TABLE refunds (
        id TEXT PRIMARY KEY,
        payment_id TEXT NOT NULL REFERENCES payments(id),
        provider_refund_id TEXT,
        amount INTEGER NOT NULL CHECK (amount > 0),
        status TEXT NOT NULL,
        reason TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX refunds_payment ON refunds(payment_id);

      CREATE TABLE idempotency_keys (
        key TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        state TEXT NOT NULL,
        response_status INTEGER,
        response_body TEXT,
        locked_until INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE nonces (
        nonce TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX nonces_expiry ON nonces(expires_at);
    `,
  },
  {
    version: 2,
    name: 'details, provider configs and records, status polls',
    sql: `
      ALTER TABLE payments ADD COLUMN details TEXT NOT NULL DEFAULT '{}';

      -- Provider settings pushed by the plugin, per profile; secrets encrypted (see core/secret-box.ts).
      CREATE TABLE provider_configs (
        provider TEXT NOT NULL,
        profile TEXT NOT NULL,
        sealed TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (provider, profile)
      );

      -- What a connector needs to keep beyond payments (e.g. cashier slips), as JSON documents.
      CREATE TABLE provider_records (
        provider TEXT NOT NULL,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        data TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (provider, kind, key)
      );
      CREATE INDEX provider_records_time ON provider_records(provider, kind, created_at);

      -- Payments whose status is read from the provider until final (durable, so polling resumes after a restart).
      CREATE TABLE status_polls (
        payment_id TEXT PRIMARY KEY REFERENCES payments(id),
        next_poll_at INTEGER NOT NULL,
        interval_ms INTEGER NOT NULL,
        deadline_at INTEGER NOT NULL,
        locked_until INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX status_polls_due ON status_polls(next_poll_at);
    `,
  },
];
