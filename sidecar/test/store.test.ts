import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { MIGRATIONS } from '../src/store/sqlite/migrations.js';

const NOW = 1_800_000_000_000;

async function seeded(store: SqliteStore, id = 'pay_aaaaaaaaaaaa') {
  return store.insertPayment(
    { id, orderId: '42', orderKey: null, provider: 'toy', profile: 'default', amount: 10_000, currency: 'RUB', description: 'x', idempotencyKey: `k-${id}`, metadata: {}, details: {}, test: false },
    NOW,
  );
}

describe('SqliteStore', () => {
  it('migrates once and records the schema version', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rup-')), 'db.sqlite');
    const first = new SqliteStore(path);
    await seeded(first);
    await first.close();
    const second = new SqliteStore(path);
    expect(await second.getPayment('pay_aaaaaaaaaaaa')).not.toBeNull();
    await second.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('writes status, event and outbox row together, and only once per event', async () => {
    const store = new SqliteStore(':memory:');
    const p = await seeded(store);
    const event = { provider: 'toy', dedupKey: 'n-1', raw: '{}', normalized: { status: 'paid' } };
    const first = await store.applyTransition({ paymentId: p.id, status: 'paid', source: 'callback', event, now: NOW + 1 });
    expect(first.outcome).toBe('applied');
    expect(first.payment).toMatchObject({ status: 'paid', version: 1, capturedAmount: 10_000 });
    const again = await store.applyTransition({ paymentId: p.id, status: 'paid', source: 'callback', event, now: NOW + 2 });
    expect(again.outcome).toBe('duplicate_event');
    const rows = await store.claimOutbox(NOW + 10, 10, 1000);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.payload)).toMatchObject({ status: 'paid', previous_status: 'created', sequence: 1, amount: 10_000, order_id: '42' });
  });

  it('rolls back the whole transition when a part fails', async () => {
    const store = new SqliteStore(':memory:');
    const p = await seeded(store);
    // An event for a payment that does not exist violates the foreign key inside the transaction.
    await expect(store.applyTransition({ paymentId: 'pay_missing00000', status: 'paid', source: 'api', now: NOW })).rejects.toThrow();
    expect((await store.getPayment(p.id))!.status).toBe('created');
    expect(await store.claimOutbox(NOW + 10, 10, 1000)).toEqual([]);
  });

  it('rejects an illegal transition without an outbox row', async () => {
    const store = new SqliteStore(':memory:');
    const p = await seeded(store);
    await store.applyTransition({ paymentId: p.id, status: 'cancelled', source: 'api', now: NOW });
    const res = await store.applyTransition({ paymentId: p.id, status: 'paid', source: 'api', now: NOW });
    expect(res.outcome).toBe('illegal');
    expect((await store.getPayment(p.id))!.status).toBe('cancelled');
    expect(await store.claimOutbox(NOW + 10, 10, 1000)).toHaveLength(1);
  });

  it('hands out outbox rows one payment at a time, in order, with a lease', async () => {
    const store = new SqliteStore(':memory:');
    const a = await seeded(store, 'pay_aaaaaaaaaaaa');
    const b = await seeded(store, 'pay_bbbbbbbbbbbb');
    await store.applyTransition({ paymentId: a.id, status: 'pending', source: 'api', now: NOW });
    await store.applyTransition({ paymentId: a.id, status: 'paid', source: 'api', now: NOW });
    await store.applyTransition({ paymentId: b.id, status: 'pending', source: 'api', now: NOW });
    const batch = await store.claimOutbox(NOW, 10, 1000);
    expect(batch.map((r) => [r.paymentId, JSON.parse(r.payload).status])).toEqual([
      [a.id, 'pending'],
      [b.id, 'pending'],
    ]);
    // Leased rows are not handed out twice.
    expect(await store.claimOutbox(NOW + 1, 10, 1000)).toEqual([]);
    await store.markDelivered(batch[0]!.id, NOW + 2);
    await store.markDeliveryFailed(batch[1]!.id, NOW + 5000, 'HTTP 500');
    const next = await store.claimOutbox(NOW + 3, 10, 1000);
    expect(next.map((r) => JSON.parse(r.payload).status)).toEqual(['paid']);
    await store.markDelivered(next[0]!.id, NOW + 4);
    expect((await store.claimOutbox(NOW + 5000, 10, 1000)).map((r) => [r.paymentId, r.attempts, r.lastError])).toEqual([[b.id, 1, 'HTTP 500']]);
    expect(await store.outboxStats()).toMatchObject({ pending: 1, delivered: 2 });
  });

  it('idempotency keys: new, in progress, done, mismatch, lease takeover, release', async () => {
    const store = new SqliteStore(':memory:');
    expect(await store.beginIdempotent('k', 'f1', NOW, 1000)).toEqual({ state: 'new' });
    expect(await store.beginIdempotent('k', 'f1', NOW + 1, 1000)).toEqual({ state: 'in_progress' });
    expect(await store.beginIdempotent('k', 'f2', NOW + 1, 1000)).toEqual({ state: 'mismatch' });
    expect(await store.beginIdempotent('k', 'f1', NOW + 1001, 1000)).toEqual({ state: 'new' });
    await store.completeIdempotent('k', 201, '{"id":1}', NOW + 1002);
    expect(await store.beginIdempotent('k', 'f1', NOW + 99_999, 1000)).toEqual({ state: 'done', status: 201, body: '{"id":1}' });
    expect(await store.beginIdempotent('r', 'f', NOW, 1000)).toEqual({ state: 'new' });
    await store.releaseIdempotent('r');
    expect(await store.beginIdempotent('r', 'f', NOW, 1000)).toEqual({ state: 'new' });
  });

  it('remembers nonces until they expire', async () => {
    const store = new SqliteStore(':memory:');
    expect(await store.rememberNonce('n1', NOW, 600_000)).toBe(true);
    expect(await store.rememberNonce('n1', NOW + 599_999, 600_000)).toBe(false);
    expect(await store.rememberNonce('n1', NOW + 600_000, 600_000)).toBe(true);
  });

  it('frees leases of a process that died when the store is opened again', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rup-')), 'db.sqlite');
    const first = new SqliteStore(path);
    const p = await seeded(first);
    await first.applyTransition({ paymentId: p.id, status: 'paid', source: 'api', now: NOW });
    expect(await first.claimOutbox(NOW, 10, 3_600_000)).toHaveLength(1);
    await first.beginIdempotent('k', 'f', NOW, 3_600_000);
    await first.close(); // as if killed: the leases are still in the file
    const second = new SqliteStore(path);
    expect(await second.claimOutbox(NOW + 1, 10, 1000)).toHaveLength(1);
    expect(await second.beginIdempotent('k', 'f', NOW + 1, 1000)).toEqual({ state: 'new' });
    await second.close();
  });

  it('group commit: transitions of one turn share a commit, and one failure spares the others', async () => {
    const store = new SqliteStore(':memory:');
    const a = await seeded(store, 'pay_aaaaaaaaaaaa');
    const b = await seeded(store, 'pay_bbbbbbbbbbbb');
    const results = await Promise.allSettled([
      store.applyTransition({ paymentId: a.id, status: 'paid', source: 'api', now: NOW }),
      store.applyTransition({ paymentId: 'pay_missing00000', status: 'paid', source: 'api', now: NOW }),
      store.applyTransition({ paymentId: b.id, status: 'pending', source: 'api', now: NOW }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.getPayment(a.id))!.status).toBe('paid');
    expect((await store.getPayment(b.id))!.status).toBe('pending');
    expect(await store.claimOutbox(NOW, 10, 1000)).toHaveLength(2);
  });

  it('keeps till (cashier) payments out of the WordPress outbox', async () => {
    const store = new SqliteStore(':memory:');
    const p = await store.insertPayment(
      { id: 'pay_cashier00001', orderId: 'till-1', orderKey: null, provider: 'koshelek', profile: 'default', amount: 500, currency: 'RUB', description: 'x', idempotencyKey: null, metadata: { channel: 'cashier' }, details: {}, test: false },
      NOW,
    );
    expect((await store.applyTransition({ paymentId: p.id, status: 'paid', source: 'api', now: NOW })).outcome).toBe('applied');
    expect(await store.claimOutbox(NOW + 1, 10, 1000)).toEqual([]);
  });
});
