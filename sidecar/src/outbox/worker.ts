import { Agent, request } from 'undici';
import type { Logger } from '../core/logger.js';
import { signedHeaders } from '../security/signing.js';
import type { OutboxRecord, Store } from '../store/types.js';
import { restRouteOf } from './wordpress-target.js';

export interface OutboxWorkerOptions {
  store: Store;
  logger: Logger;
  /** WordPress events endpoint; without it events wait in the outbox. */
  url: string | undefined;
  secret: string;
  pollMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  concurrency: number;
  clock?: () => number;
}

/** Exponential backoff with ±20 % jitter so a recovering WordPress is not hit by a thundering herd. */
export function retryDelay(attempts: number, baseMs: number, maxMs: number, random = Math.random): number {
  const raw = Math.min(maxMs, baseMs * 2 ** Math.min(attempts, 30));
  return Math.round(raw * (0.8 + 0.4 * random()));
}

/**
 * Delivers outbox rows to WordPress until a 2xx. Rows are claimed with a lease, so a crash
 * mid-delivery only delays the row; the plugin deduplicates by event id.
 */
export class OutboxWorker {
  private readonly agent = new Agent({ keepAliveTimeout: 10_000 });
  private readonly clock: () => number;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private busy: Promise<void> | undefined;
  private again = false;
  readonly target: string | undefined;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.clock = options.clock ?? Date.now;
    this.target = options.url ? restRouteOf(options.url) : undefined;
  }

  start(): void {
    if (this.running || !this.options.url) return;
    this.running = true;
    this.kick();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.busy;
    await this.agent.close();
  }

  /** Run a pass now (a status change was just written). */
  kick(): void {
    if (!this.running) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.busy = this.pass().finally(() => {
      this.busy = undefined;
      if (!this.running) return;
      if (this.again) {
        this.again = false;
        this.kick();
      } else {
        this.timer = setTimeout(() => this.kick(), this.options.pollMs);
        this.timer.unref();
      }
    });
  }

  private async pass(): Promise<void> {
    try {
      for (;;) {
        const rows = await this.options.store.claimOutbox(this.clock(), this.options.concurrency, this.options.timeoutMs + 5_000);
        if (rows.length === 0) return;
        await Promise.all(rows.map((row) => this.deliver(row)));
        if (!this.running) return;
      }
    } catch (error) {
      this.options.logger.error({ err: (error as Error).message }, 'outbox pass failed');
    }
  }

  private async deliver(row: OutboxRecord): Promise<void> {
    const { store, logger, url, secret } = this.options;
    let error: string;
    try {
      const response = await request(url!, {
        method: 'POST',
        dispatcher: this.agent,
        headers: { 'content-type': 'application/json', ...signedHeaders(secret, 'POST', this.target!, row.payload) },
        body: row.payload,
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      });
      const text = await response.body.text();
      if (response.statusCode >= 200 && response.statusCode < 300) {
        await store.markDelivered(row.id, this.clock());
        logger.info({ eventId: row.eventId, paymentId: row.paymentId, attempts: row.attempts + 1 }, 'event delivered');
        return;
      }
      error = `HTTP ${response.statusCode}: ${text.slice(0, 300)}`;
    } catch (e) {
      error = (e as Error).message;
    }
    const delay = retryDelay(row.attempts, this.options.baseDelayMs, this.options.maxDelayMs);
    await store.markDeliveryFailed(row.id, this.clock() + delay, error);
    logger.warn({ eventId: row.eventId, paymentId: row.paymentId, attempts: row.attempts + 1, retryInMs: delay, error }, 'event delivery failed; will retry');
  }
}
