import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/core/errors.js';
import { SlidingWindowLimiter, limiterFor, type Release } from '../../../src/providers/dolyame/rate-limiter.js';

/** A hand-driven clock: timers fire only when the test advances time. */
class FakeClock {
  now = 0;
  private timers: Array<{ at: number; fn: () => void }> = [];
  setTimer = (fn: () => void, ms: number) => {
    this.timers.push({ at: this.now + ms, fn });
  };
  async advance(ms: number): Promise<void> {
    const until = this.now + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > until) break;
      this.timers.shift();
      this.now = next.at;
      next.fn();
      await flush();
    }
    this.now = until;
    await flush();
  }
}

const flush = () => new Promise<void>((r) => setImmediate(r));

function setup(maxQueue = 1000) {
  const clock = new FakeClock();
  const limiter = new SlidingWindowLimiter({ limit: 10, windowMs: 1000, maxQueue, now: () => clock.now, setTimer: clock.setTimer });
  return { clock, limiter };
}

describe('sliding-window limiter (10 per second, counted until 1 s after each answer)', () => {
  it('lets 10 through at once, queues the rest in order, and never more than 10 in any second', async () => {
    const { clock, limiter } = setup();
    const granted: Array<{ n: number; at: number }> = [];
    const latencyMs = 30;
    const done = Array.from({ length: 35 }, (_, n) =>
      limiter.acquire().then(async (release) => {
        granted.push({ n, at: clock.now });
        // The answer arrives after some latency; the slot then stays taken for another second.
        await new Promise<void>((r) => clock.setTimer(r, latencyMs));
        release();
      }),
    );
    await flush();
    expect(granted.map((g) => g.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(limiter.queued).toBe(25);
    await clock.advance(10_000);
    await Promise.all(done);
    expect(granted.map((g) => g.n)).toEqual(Array.from({ length: 35 }, (_, i) => i));
    const times = granted.map((g) => g.at);
    for (let i = 10; i < times.length; i++) expect(times[i]! - times[i - 10]!).toBeGreaterThanOrEqual(1000 + latencyMs);
    expect(times.at(-1)).toBe(3 * (1000 + latencyMs));
  });

  it('a slow answer keeps its slot: the 11th request waits for it', async () => {
    const { clock, limiter } = setup();
    const releases: Release[] = [];
    for (let i = 0; i < 10; i++) releases.push(await limiter.acquire());
    let eleventh = false;
    void limiter.acquire().then(() => (eleventh = true));
    await clock.advance(5_000);
    expect(eleventh).toBe(false);
    releases[3]!();
    await clock.advance(999);
    expect(eleventh).toBe(false);
    await clock.advance(1);
    expect(eleventh).toBe(true);
  });

  it('a full queue is a clear, retryable provider error; nothing queued is lost', async () => {
    const { clock, limiter } = setup(5);
    const releases = await Promise.all(Array.from({ length: 10 }, () => limiter.acquire()));
    const queued = Array.from({ length: 5 }, () => limiter.acquire());
    const error = await limiter.acquire().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).retryable).toBe(true);
    expect((error as ProviderError).detail).toMatch(/queue full \(5 requests waiting/);
    for (const release of releases) release();
    await clock.advance(1000);
    expect((await Promise.all(queued)).length).toBe(5);
  });

  it('a release is counted once', async () => {
    const { clock, limiter } = setup();
    const release = await limiter.acquire();
    release();
    release();
    for (let i = 0; i < 9; i++) await limiter.acquire();
    let next = false;
    void limiter.acquire().then(() => (next = true));
    await flush();
    expect(next).toBe(false);
    await clock.advance(1000);
    expect(next).toBe(true);
  });

  it('is one limiter per partner login for the whole process', () => {
    expect(limiterFor('partner-a')).toBe(limiterFor('partner-a'));
    expect(limiterFor('partner-a')).not.toBe(limiterFor('partner-b'));
  });
});

describe('limiter: shopper-facing calls first, window kept across a restart', () => {
  it('a shopper-facing call (create, commit) overtakes queued background reads', async () => {
    const { clock, limiter } = setup();
    const held = await Promise.all(Array.from({ length: 10 }, () => limiter.acquire('background')));
    const order: string[] = [];
    const background = Array.from({ length: 5 }, (_, n) => limiter.acquire('background').then((release) => (order.push(`poll-${n}`), release)));
    const shopper = limiter.acquire('shopper').then((release) => (order.push('create'), release));
    await flush();
    expect(order).toEqual([]);
    held[0]!();
    await clock.advance(1000);
    expect(order[0]).toBe('create');
    held.slice(1).forEach((release) => release());
    await clock.advance(1000);
    expect(order).toEqual(['create', 'poll-0', 'poll-1', 'poll-2', 'poll-3', 'poll-4']);
    (await shopper)();
    for (const p of background) (await p)();
  });

  it('a restarted limiter starts from the stored window, not with a fresh burst', async () => {
    const clock = new FakeClock();
    const saved: { freeAt: readonly number[] } = { freeAt: [] };
    const store = { load: async () => [...saved.freeAt], save: async (_login: string, freeAt: readonly number[]) => void (saved.freeAt = freeAt) };
    const options = { limit: 10, windowMs: 1000, maxQueue: 100, now: () => clock.now, setTimer: clock.setTimer };
    const first = new SlidingWindowLimiter({ ...options, seed: () => store.load(), persist: (freeAt) => void store.save('partner', freeAt) });
    for (const release of await Promise.all(Array.from({ length: 10 }, () => first.acquire()))) release();
    expect(saved.freeAt).toHaveLength(10);

    // "Restart" 200 ms later: a new limiter over the same store.
    await clock.advance(200);
    const second = new SlidingWindowLimiter({ ...options, seed: () => store.load() });
    let granted = false;
    const next = second.acquire().then((release) => ((granted = true), release));
    await flush();
    expect(granted).toBe(false);
    await clock.advance(799);
    expect(granted).toBe(false);
    await clock.advance(1);
    expect(granted).toBe(true);
    (await next)();
  });
});
