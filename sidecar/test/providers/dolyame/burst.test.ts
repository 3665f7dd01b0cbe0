import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcess, type Running } from '../../helpers/in-process.js';
import { dolyameBody, sandboxOf } from './helpers.js';

let s: Running;
beforeAll(async () => {
  s = await startInProcess();
});
afterAll(async () => {
  await s.close();
});

describe('dolyame rate limit under a burst', () => {
  it('100 concurrent creates: all succeed, and Dolyame never sees more than 10 requests in any second', { timeout: 40_000 }, async () => {
    const sandbox = sandboxOf(s);
    const from = sandbox.requests.length;
    const responses = await Promise.all(Array.from({ length: 100 }, (_, i) => s.client.post('/v1/payments', dolyameBody({ order_id: `burst-${i}` }))));
    expect(responses.map((r) => r.status)).toEqual(Array(100).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(100);
    for (const r of responses) expect(sandbox.orders.has(r.body.provider_payment_id)).toBe(true);

    const seen = sandbox.requests.slice(from);
    expect(seen).toHaveLength(100);
    expect(seen.filter((r) => r.status === 429)).toEqual([]);
    // The simulator's own clock: any 11 consecutive arrivals span at least a second.
    const times = seen.map((r) => r.at).sort((a, b) => a - b);
    let worst = Infinity;
    for (let i = 10; i < times.length; i++) worst = Math.min(worst, times[i]! - times[i - 10]!);
    expect(worst).toBeGreaterThanOrEqual(1000);
  });
});
