import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentProvider } from '../src/providers/types.js';
import { nextPollInterval } from '../src/services/poll-backoff.js';
import type { PaymentService } from '../src/services/payments.js';
import { StatusPoller } from '../src/services/status-poller.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

/**
 * An abandoned IntellectMoney payment whose status read keeps failing: without a backoff the
 * poller read it (and logged a warning) every second for two hours.
 */
const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

async function abandoned(policy: PaymentProvider['statusPolling']) {
  const store = new SqliteStore(':memory:');
  stores.push(store);
  let now = 1_000_000;
  const payment = await store.insertPayment(
    { id: 'pay_abandoned0001', orderId: '1', orderKey: null, provider: 'intellectmoney', profile: 'default', amount: 100_000, currency: 'RUB', description: 'x', idempotencyKey: null, metadata: {}, details: {}, test: false },
    now,
  );
  await store.schedulePoll(payment.id, now + policy!.intervalMs, policy!.intervalMs, now + policy!.maxDurationMs);
  let reads = 0;
  const warnings: number[] = [];
  const payments = {
    refresh: async () => {
      reads++;
      throw new Error('getBankCardPaymentState: State 3 (invoice not found)');
    },
    providerFor: () => ({ statusPolling: policy }) as PaymentProvider,
  } as unknown as PaymentService;
  const logger = pino({ level: 'warn' }, { write: () => warnings.push(now) });
  const poller = new StatusPoller({ store, payments, logger, tickMs: 1_000, clock: () => now });
  return {
    reads: () => reads,
    warnings,
    /** Drives the poller tick by tick over `ms` of fake time. */
    async run(ms: number) {
      for (const end = now + ms; now < end; now += 1_000) await poller.tick();
    },
  };
}

describe('status poll backoff', () => {
  it('an IntellectMoney-style policy (1 s, ×2 up to 5 min) reads an abandoned payment a handful of times in 16 minutes, not ~960', async () => {
    const sim = await abandoned({ intervalMs: 1_000, maxDurationMs: 2 * 3_600_000, maxIntervalMs: 300_000, backoff: 2 });
    await sim.run(16 * 60_000);
    // 1, 2, 4 … 256 s (9 reads), then every 300 s.
    expect(sim.reads()).toBeGreaterThanOrEqual(9);
    expect(sim.reads()).toBeLessThanOrEqual(14);
    expect(sim.warnings.length).toBe(sim.reads());
  });

  it('a policy without backoff keeps its interval', async () => {
    const sim = await abandoned({ intervalMs: 60_000, maxDurationMs: 3_600_000 });
    await sim.run(10 * 60_000);
    expect(sim.reads()).toBe(9);
  });

  it('grows by the factor, never past the ceiling, never below the stored gap', () => {
    expect(nextPollInterval(1_000, { intervalMs: 1_000, maxDurationMs: 1, backoff: 2, maxIntervalMs: 3_000 })).toBe(2_000);
    expect(nextPollInterval(2_000, { intervalMs: 1_000, maxDurationMs: 1, backoff: 2, maxIntervalMs: 3_000 })).toBe(3_000);
    expect(nextPollInterval(5_000, { intervalMs: 1_000, maxDurationMs: 1, backoff: 2, maxIntervalMs: 3_000 })).toBe(5_000);
    expect(nextPollInterval(1_000, undefined)).toBe(1_000);
  });
});
