import { ProviderError } from '../../core/errors.js';
import { RATE_LIMIT } from './protocol.js';

export interface LimiterOptions {
  /** At most this many requests … */
  limit: number;
  /** … in any window of this length. */
  windowMs: number;
  /** Callers waiting beyond this many get a retryable error instead of an ever-growing queue. */
  maxQueue: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

/** A permit for one request; call release() when its answer (or failure) arrived. */
export type Release = () => void;

/**
 * Sliding-window limiter that counts a request from the moment it is sent until `windowMs` after
 * its answer arrived. Dolyame counts arrivals; an arrival lies between our send and the answer,
 * so the request that takes a freed slot reaches Dolyame at least `windowMs` after the one it
 * replaces did — whatever the network jitter. Waiters are served in order (FIFO), never dropped.
 */
export class SlidingWindowLimiter {
  /** Per slot: Infinity while its request is in flight, else the time it frees up. */
  private readonly slots: number[] = [];
  private readonly waiting: Array<() => void> = [];
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
  }

  /** Requests waiting for a slot right now. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with a release function once a request may be sent; throws when the queue is full. */
  acquire(provider = 'dolyame'): Promise<Release> {
    if (this.waiting.length === 0) {
      const slot = this.freeSlot();
      if (slot !== null) return Promise.resolve(this.take(slot));
    }
    if (this.waiting.length >= this.options.maxQueue) {
      return Promise.reject(new ProviderError(provider, `rate limiter queue full (${this.waiting.length} requests waiting for Dolyame's ${this.options.limit} requests/s)`, true, 'rate_limited'));
    }
    return new Promise<Release>((resolve) => {
      this.waiting.push(() => {
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
      this.pump();
    };
  }

  /** Hands free slots to waiters in order; arms one timer for the earliest slot that frees up. */
  private pump(): void {
    while (this.waiting.length > 0 && this.freeSlot() !== null) this.waiting.shift()!();
    if (this.waiting.length === 0 || this.timerArmed) return;
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

export function limiterFor(login: string): SlidingWindowLimiter {
  let limiter = limiters.get(login);
  if (!limiter) {
    limiter = new SlidingWindowLimiter({ limit: RATE_LIMIT.requests, windowMs: RATE_LIMIT.windowMs, maxQueue: DEFAULT_MAX_QUEUE });
    limiters.set(login, limiter);
  }
  return limiter;
}
