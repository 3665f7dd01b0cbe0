import { ProviderError } from '../../core/errors.js';
import { RATE_LIMIT } from './protocol.js';

/** Shopper-facing calls (create, commit, cancel, refund) go before background polls and re-reads. */
export type Priority = 'shopper' | 'background';

/**
 * Where a limiter keeps its window (when each of its slots frees up), so a restart does not hand
 * Dolyame a fresh burst of 10 on top of the last second's. One small interface: the in-store
 * implementation (rate-window-store.ts) serves one sidecar; a shared database store (the scale-out
 * issue) implements the same two calls with a row per login, so every instance sees one window.
 */
export interface RateWindowStore {
  load(login: string): Promise<number[]>;
  save(login: string, freeAt: readonly number[]): Promise<void>;
}

export interface LimiterOptions {
  /** At most this many requests … */
  limit: number;
  /** … in any window of this length. */
  windowMs: number;
  /** Callers waiting beyond this many get a retryable error instead of an ever-growing queue. */
  maxQueue: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  /** The window as a previous run left it (slot free-at times), read before the first request. */
  seed?: () => Promise<readonly number[]>;
  /** Called with the slot free-at times whenever a slot frees up. */
  persist?: (freeAt: readonly number[]) => void;
}

/** A permit for one request; call release() when its answer (or failure) arrived. */
export type Release = () => void;

/**
 * Sliding-window limiter that counts a request from the moment it is sent until `windowMs` after
 * its answer arrived. Dolyame counts arrivals; an arrival lies between our send and the answer,
 * so the request that takes a freed slot reaches Dolyame at least `windowMs` after the one it
 * replaces did — whatever the network jitter. Waiters are served shopper-facing first, then in
 * order (FIFO), never dropped.
 */
export class SlidingWindowLimiter {
  /** Per slot: Infinity while its request is in flight, else the time it frees up. */
  private readonly slots: number[] = [];
  private readonly waiting: Record<Priority, Array<() => void>> = { shopper: [], background: [] };
  private seeded: Promise<void> | null;
  private timerArmed = false;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;

  constructor(private readonly options: LimiterOptions) {
    this.now = options.now ?? Date.now;
    this.setTimer =
      options.setTimer ??
      ((fn, ms) => {
        const timer = setTimeout(fn, ms);
        timer.unref?.();
        return timer;
      });
    this.seeded = options.seed
      ? options
          .seed()
          .then((freeAt) => {
            // Slots taken before the restart stay taken until their second is over.
            for (const at of freeAt.slice(0, this.options.limit)) if (at > this.now()) this.slots.push(at);
          })
          .catch(() => undefined)
          .finally(() => (this.seeded = null))
      : null;
  }

  /** Requests waiting for a slot right now. */
  get queued(): number {
    return this.waiting.shopper.length + this.waiting.background.length;
  }

  /** Resolves with a release function once a request may be sent; throws when the queue is full. */
  async acquire(priority: Priority = 'shopper', provider = 'dolyame'): Promise<Release> {
    if (this.seeded) await this.seeded;
    const ahead = priority === 'shopper' ? this.waiting.shopper.length : this.queued;
    if (ahead === 0) {
      const slot = this.freeSlot();
      if (slot !== null) return this.take(slot);
    }
    if (this.queued >= this.options.maxQueue) {
      throw new ProviderError(provider, `rate limiter queue full (${this.queued} requests waiting for Dolyame's ${this.options.limit} requests/s)`, true, 'rate_limited');
    }
    return new Promise<Release>((resolve) => {
      this.waiting[priority].push(() => {
        const slot = this.freeSlot();
        resolve(this.take(slot!));
      });
      this.pump();
    });
  }

  private freeSlot(): number | null {
    const now = this.now();
    for (let i = 0; i < this.slots.length; i++) if (this.slots[i]! <= now) return i;
    if (this.slots.length < this.options.limit) {
      this.slots.push(0);
      return this.slots.length - 1;
    }
    return null;
  }

  private take(slot: number): Release {
    this.slots[slot] = Infinity;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.slots[slot] = this.now() + this.options.windowMs;
      this.options.persist?.(this.slots.filter((at) => at !== Infinity));
      this.pump();
    };
  }

  /** Hands free slots to waiters in order; arms one timer for the earliest slot that frees up. */
  private pump(): void {
    while (this.queued > 0 && this.freeSlot() !== null) (this.waiting.shopper.shift() ?? this.waiting.background.shift())!();
    if (this.queued === 0 || this.timerArmed) return;
    const next = Math.min(...this.slots);
    if (next === Infinity) return; // all in flight: a release will pump
    this.timerArmed = true;
    this.setTimer(() => {
      this.timerArmed = false;
      this.pump();
    }, Math.max(0, next - this.now()));
  }
}

/** One limiter per partner login for the whole process: Dolyame's limit is per partner, not per request path. */
const limiters = new Map<string, SlidingWindowLimiter>();

export const DEFAULT_MAX_QUEUE = 200;

/** The login's limiter; the first instance to ask with a store makes the window survive restarts. */
export function limiterFor(login: string, store?: RateWindowStore): SlidingWindowLimiter {
  let limiter = limiters.get(login);
  if (!limiter) {
    limiter = new SlidingWindowLimiter({
      limit: RATE_LIMIT.requests,
      windowMs: RATE_LIMIT.windowMs,
      maxQueue: DEFAULT_MAX_QUEUE,
      ...(store ? { seed: () => store.load(login), persist: (freeAt) => void store.save(login, freeAt).catch(() => undefined) } : {}),
    });
    limiters.set(login, limiter);
  }
  return limiter;
}
