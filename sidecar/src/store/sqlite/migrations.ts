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
];
