import express from 'express';
import { createServer, type Server } from 'node:http';
import pino from 'pino';
import { request } from 'undici';
import { SberProvider } from '../../../src/providers/sber/provider.js';
import { SberConfig } from '../../../src/providers/sber/schemas.js';
import { SIMULATOR } from '../../../src/simulators/sber/account.js';
import { sberSimulator } from '../../../src/simulators/sber/simulator.js';
import type { PaymentRecord } from '../../../src/store/types.js';

export const silent = pino({ level: 'silent' });

/** 2026-03-10 12:00 Moscow time (09:00 UTC). */
export const NOON_MSK = Date.UTC(2026, 2, 10, 9, 0, 0);
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A clock the test moves by hand. */
export function fakeClock(start = NOON_MSK) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms), set: (ms: number) => (now = ms) };
}

/** Records callbacks (GET query) like a shop would receive them. */
export class CallbackRecorder {
  readonly received: Array<Record<string, string>> = [];
  private server: Server | undefined;
  url = '';

  async listen(): Promise<string> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      this.received.push(Object.fromEntries(url.searchParams));
      res.writeHead(200).end('OK');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/callbacks/sber`;
    return this.url;
  }

  async waitFor(count: number, timeoutMs = 5_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > until) throw new Error(`expected ${count} callbacks, got ${this.received.length}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** The simulator alone on a free port, on the given clock, with its usual credentials and key. */
export async function startSimulator(clock: () => number, extra: Record<string, unknown> = {}) {
  const config = SberConfig.parse({ userName: SIMULATOR.userName, password: SIMULATOR.password, callbackKey: SIMULATOR.callbackKey, ...extra });
  const app = express().use('/sim/sber', sberSimulator(config, { clock, callbackDelayMs: 0 }));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const base = `${origin}/sim/sber`;
  return {
    base,
    apiBase: `${base}/payment/rest/`,
    /** Calls a gateway method with the simulator's credentials, as a form POST. */
    async call(method: string, params: Record<string, string>, auth: Record<string, string> = { userName: SIMULATOR.userName, password: SIMULATOR.password }) {
      const res = await request(`${base}/payment/rest/${method}.do`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...auth, ...params }).toString(),
      });
      return (await res.body.json()) as Record<string, any>;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A connector pointed at a standalone simulator, on the same fake clock. */
export function connector(apiBase: string, clock: () => number, extra: Record<string, unknown> = {}) {
  const config = SberConfig.parse({ userName: SIMULATOR.userName, password: SIMULATOR.password, callbackKey: SIMULATOR.callbackKey, baseUrl: apiBase, ...extra });
  return new SberProvider(config, { logger: silent, clock });
}

let counter = 0;
export function paymentRecord(overrides: Partial<PaymentRecord> = {}): PaymentRecord {
  counter++;
  return {
    id: `pay_test${String(counter).padStart(6, '0')}${Math.random().toString(36).slice(2, 8)}`,
    orderId: String(1000 + counter),
    orderKey: null,
    provider: 'sber',
    profile: 'default',
    providerPaymentId: null,
    status: 'created',
    amount: 1_200_000,
    refundedAmount: 0,
    capturedAmount: 0,
    currency: 'RUB',
    description: 'Order #1',
    redirectUrl: null,
    idempotencyKey: null,
    metadata: {},
    details: {},
    test: true,
    version: 1,
    createdAt: new Date(NOON_MSK).toISOString(),
    updatedAt: new Date(NOON_MSK).toISOString(),
    ...overrides,
  };
}

/** The buyer on the payment page: approve («Плати частями» with the test code) or refuse. */
export async function submitPage(formUrl: string, action: 'pay' | 'fail', code = '1111') {
  const res = await request(formUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action, phone: '+79990000000', code }).toString(),
  });
  const text = await res.body.text();
  return { status: res.statusCode, location: res.headers.location as string | undefined, text };
}
