/**
 * Koshelek cashier API: how long the sidecar itself takes between the till's request and the
 * moment the Pay API request is handed to undici (requirement: cashier's button → Koshelek
 * ≤ 0.5 s; our goal p99 < 20 ms). No network wait is included: both instants are taken from
 * undici's `undici:request:create` diagnostics channel in this one process — the till's request
 * (signed client) and the sidecar's outgoing one (to the simulator). Runs a real sidecar (HTTP,
 * signature check, idempotency, SQLite WAL file) in-process with the simulator.
 *
 *   npx tsx bench/koshelek.ts            (BENCH_KOSHELEK_N=1000 operations per kind)
 */
import { subscribe } from 'node:diagnostics_channel';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API, initBody, items, startKoshelek } from '../test/providers/koshelek/helpers.js';

const N = Number(process.env.BENCH_KOSHELEK_N ?? 1000);
const WARMUP = 100;
const GOAL_MS = 20;
const BUDGET_MS = 500;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const fmt = (ms: number) => `${ms.toFixed(2).padStart(7)} ms`;

/** Timestamps of requests as undici creates them, by path. */
const created: Array<{ path: string; at: number }> = [];
subscribe('undici:request:create', (message) => {
  const { request } = message as { request: { path: string } };
  created.push({ path: request.path, at: performance.now() });
});

/** Time from the till's request to the first outgoing Pay API request to `upstream`. */
async function measure(run: () => Promise<{ status: number }>, tillPath: string, upstream: string, expected: number): Promise<{ overhead: number; total: number }> {
  created.length = 0;
  const started = performance.now();
  const res = await run();
  const total = performance.now() - started;
  if (res.status !== expected) throw new Error(`${tillPath}: HTTP ${res.status}`);
  const till = created.find((c) => c.path.startsWith(tillPath));
  const out = created.find((c) => c.path.endsWith(upstream));
  if (!till || !out) throw new Error(`no timestamps for ${tillPath} → ${upstream}`);
  return { overhead: out.at - till.at, total };
}

async function main() {
  const k = await startKoshelek({ databasePath: join(mkdtempSync(join(tmpdir(), 'rup-bench-koshelek-')), 'bench.sqlite') });
  const results: Record<string, { overhead: number[]; total: number[] }> = { checkout: { overhead: [], total: [] }, cancel: { overhead: [], total: [] }, refund: { overhead: [], total: [] } };
  const record = (kind: string, i: number, r: { overhead: number; total: number }) => {
    if (i < WARMUP) return;
    results[kind]!.overhead.push(r.overhead);
    results[kind]!.total.push(r.total);
  };
  try {
    for (let i = 0; i < N + WARMUP; i++) {
      const card = await k.sim.card();
      let id = '';
      const init = await measure(
        async () => {
          const res = await k.client.post(`${API}/payments`, initBody(card));
          id = res.body.id;
          return res;
        },
        `${API}/payments`,
        '/api/v1/merchant/checkout',
        201,
      );
      record('checkout', i, init);
      if (i % 2 === 0) {
        record('cancel', i, await measure(() => k.client.post(`${API}/payments/${id}/cancel`, {}), `${API}/payments/${id}/cancel`, '/api/v1/merchant/transaction/cancel', 200));
      } else {
        // Paid through the simulator's postback (no status polling), then part of it refunded.
        const view = (await k.client.get(`${API}/payments/${id}`)).body;
        await k.sim.confirm(view.transactionId);
        for (let tries = 0; (await k.sidecar.store.getPayment(id))!.status !== 'paid'; tries++) {
          if (tries > 200) throw new Error('postback did not arrive');
          await new Promise((r) => setTimeout(r, 2));
        }
        record('refund', i, await measure(() => k.client.post(`${API}/payments/${id}/refunds`, { amount: 5_000, items: items(5_000) }), `${API}/payments/${id}/refunds`, '/api/v1/merchant/transaction/refund', 201));
      }
    }
  } finally {
    await k.close();
  }

  console.log('Koshelek cashier API: sidecar overhead until the Pay API request is handed to undici');
  console.log(`(in-process sidecar + simulator, SQLite WAL file, ${N} operations, goal p99 < ${GOAL_MS} ms, budget ${BUDGET_MS} ms)`);
  let worst = 0;
  for (const [kind, r] of Object.entries(results)) {
    const overhead = [...r.overhead].sort((a, b) => a - b);
    const total = [...r.total].sort((a, b) => a - b);
    worst = Math.max(worst, pct(overhead, 99));
    console.log(`  ${kind.padEnd(9)} overhead p50 ${fmt(pct(overhead, 50))}  p99 ${fmt(pct(overhead, 99))}   | till round trip incl. simulator p50 ${fmt(pct(total, 50))}  p99 ${fmt(pct(total, 99))}  (n=${overhead.length})`);
  }
  console.log(worst < GOAL_MS ? `  OK: worst p99 ${worst.toFixed(2)} ms < ${GOAL_MS} ms` : `  ABOVE GOAL: worst p99 ${worst.toFixed(2)} ms (goal ${GOAL_MS} ms)`);
  if (worst >= BUDGET_MS) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
