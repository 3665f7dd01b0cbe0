import { request } from 'undici';
import type { SimNotice } from './sim-gateway.js';
import { callbackChecksum } from './wire.js';

export interface Delivery {
  mdOrder: string;
  url: string;
  /** HTTP status of the last attempt; null = not answered (yet). */
  deliveredStatus: number | null;
  attempts: number;
}

const RETRIES = 4;

/**
 * The gateway's callbacks: GET to the order's callback URL with mdOrder, orderNumber, operation,
 * status and amount, plus the checksum when the cabinet has a key; retried until HTTP 200.
 */
export class SimCallbacks {
  readonly log: Delivery[] = [];
  enabled = true;

  constructor(private readonly callbackKey: string | undefined) {}

  url(notice: SimNotice): string | null {
    const { order } = notice;
    if (!order.callbackUrl) return null;
    const params: Record<string, string> = {
      mdOrder: order.mdOrder,
      orderNumber: order.orderNumber,
      operation: notice.operation,
      status: notice.success ? '1' : '0',
      amount: String(notice.amount),
    };
    if (this.callbackKey) params.checksum = callbackChecksum(this.callbackKey, params);
    const url = new URL(order.callbackUrl);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.toString();
  }

  /** Sends one notification; resolves after the first attempt (retries continue in the background). */
  send(notice: SimNotice): Promise<void> {
    const url = this.url(notice);
    if (!url || !this.enabled) return Promise.resolve();
    const delivery: Delivery = { mdOrder: notice.order.mdOrder, url, deliveredStatus: null, attempts: 0 };
    this.log.push(delivery);
    return this.attempt(delivery);
  }

  /** The same notification again, unchanged (a duplicate). */
  async resend(mdOrder: string): Promise<Delivery | null> {
    const last = this.log.filter((d) => d.mdOrder === mdOrder).at(-1);
    if (!last) return null;
    const again: Delivery = { ...last, deliveredStatus: null, attempts: 0 };
    this.log.push(again);
    await this.attempt(again);
    return again;
  }

  private async attempt(delivery: Delivery, retriesLeft = RETRIES): Promise<void> {
    delivery.attempts++;
    try {
      const response = await request(delivery.url, { method: 'GET', headersTimeout: 10_000, bodyTimeout: 10_000 });
      await response.body.dump();
      delivery.deliveredStatus = response.statusCode;
    } catch {
      delivery.deliveredStatus = null;
    }
    if (delivery.deliveredStatus !== 200 && retriesLeft > 0) {
      const delay = 250 * 2 ** (RETRIES - retriesLeft);
      setTimeout(() => void this.attempt(delivery, retriesLeft - 1), delay).unref();
    }
  }
}
