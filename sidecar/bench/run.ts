/**
 * npm run bench: what the sidecar adds to a create-payment against the simulator (p50/p99), and
 * how many verified provider callbacks per second it stores durably (SQLite, WAL).
 * The sidecar runs as its own process, as in production; WordPress is a local receiver.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { kopecksToRubles } from '../src/core/money.js';
import { toySignature } from '../src/providers/toy/signature.js';
import { freePort } from '../test/helpers/free-port.js';
import { spawnSidecar } from '../test/helpers/sidecar-process.js';
import { SignedClient } from '../test/helpers/signed-client.js';
import { WordPressReceiver } from '../test/helpers/wordpress-receiver.js';

const SECRET = 'bench-secret-0123456789abcdef0123456789';
const CREATES = Number(process.env.BENCH_CREATES ?? 2000);
const CALLBACKS = Number(process.env.BENCH_CALLBACKS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

async function main() {
  const receiver = new WordPressReceiver(SECRET);
  const eventsUrl = await receiver.listen();
  const port = await freePort();
  const sidecar = await spawnSidecar(
    port,
    { SHARED_SECRET: SECRET, SIMULATORS: '1', DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'rup-bench-')), 'bench.sqlite'), ...(process.env.BENCH_NO_WP ? {} : { WP_EVENTS_URL: eventsUrl }), LOG_LEVEL: 'error' },
    process.env.BENCH_BUILT === '1',
    process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [],
  );
  const client = new SignedClient(sidecar.baseUrl, SECRET);
  try {
    // 1. Create-payment latency, sequential, after a warm-up.
    const create = (i: number) =>
      client.post('/v1/payments', { provider: 'toy', order_id: `b-${i}`, amount: 1000 + i, description: `Bench ${i}`, return_url: 'https://shop.example/ok' });
    for (let i = 0; i < 200; i++) await create(-i - 1);
    const total: number[] = [];
    const added: number[] = [];
    for (let i = 0; i < CREATES; i++) {
      const started = performance.now();
      const res = await create(i);
      const elapsed = performance.now() - started;
      if (res.status !== 201) throw new Error(`create failed: ${JSON.stringify(res.body)}`);
      const provider = Number(/provider;dur=([\d.]+)/.exec(String(res.headers['server-timing']))?.[1] ?? 0);
      total.push(elapsed);
      added.push(elapsed - provider);
    }
    total.sort((a, b) => a - b);
    added.sort((a, b) => a - b);

    // 2. Verified callbacks per second: payments created first, then one signed callback each.
    const targets: Array<{ providerPaymentId: string; amount: number }> = [];
    const setup = new Pool(sidecar.baseUrl, { connections: 8 });
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let i = w; i < CALLBACKS; i += 8) {
          const res = await client.post('/v1/payments', { provider: 'toy', order_id: `cb-${i}`, amount: 500 + i, description: `CB ${i}`, return_url: 'https://shop.example/ok' });
          targets.push({ providerPaymentId: res.body.provider_payment_id, amount: 500 + i });
        }
      }),
    );
    await setup.close();
    const bodies = targets.map((t) =>
      JSON.stringify({ notification_id: randomUUID(), payment_id: t.providerPaymentId, order_ref: 'x', status: 'succeeded', amount: kopecksToRubles(t.amount), refunded_amount: '0.00', currency: 'RUB' }),
    );
    const pool = new Pool(sidecar.baseUrl, { connections: CONCURRENCY, pipelining: 1 });
    let next = 0;
    let failures = 0;
    const cpuOf = (pid: number) => {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in ms (100 Hz ticks)
    };
    const sidecarCpu0 = cpuOf(sidecar.child.pid!);
    const benchCpu0 = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++]!;
          const res = await pool.request({
            path: '/callbacks/toy',
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-toy-signature': toySignature('toy-simulator-webhook-secret', body) },
            body,
          });
          await res.body.dump();
          if (res.statusCode !== 200) failures++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const sidecarCpu = cpuOf(sidecar.child.pid!) - sidecarCpu0;
    const benchCpu = process.cpuUsage(benchCpu0);
    await pool.close();
    if (failures) throw new Error(`${failures} callbacks were not accepted`);
    const check = await client.get(`/v1/payments/${(await client.post('/v1/payments', { provider: 'toy', order_id: 'probe', amount: 1, description: 'p', return_url: 'https://shop.example/ok' })).body.id}`);
    if (check.status !== 200) throw new Error('sidecar unhealthy after the run');

    console.log('RU Payments sidecar benchmark');
    console.log(`create-payment (${CREATES} sequential, toy simulator, SQLite WAL):`);
    console.log(`  added by the sidecar  p50 ${fmt(pct(added, 50))}  p99 ${fmt(pct(added, 99))}`);
    console.log(`  end to end            p50 ${fmt(pct(total, 50))}  p99 ${fmt(pct(total, 99))}`);
    console.log(`verified callbacks: ${bodies.length} in ${seconds.toFixed(2)} s = ${Math.round(bodies.length / seconds)} /s (concurrency ${CONCURRENCY}, target ≥ 2000 /s)`);
    console.log(`  CPU during the run: sidecar ${Math.round((sidecarCpu / 1000 / seconds) * 100)} % of a core, load generator + WordPress receiver ${Math.round(((benchCpu.user + benchCpu.system) / 1e6 / seconds) * 100)} %`);
  } finally {
    await sidecar.stop();
    await receiver.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
