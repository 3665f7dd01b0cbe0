import { Writable } from 'node:stream';
import { request } from 'undici';
import { expect } from 'vitest';
import { createLogger } from '../../../src/core/logger.js';
import { simulatedSandbox, simulatorClientMaterial } from '../../../src/simulators/dolyame/instance.js';
import type { DolyameSandbox } from '../../../src/simulators/dolyame/sandbox.js';
import { startInProcess, type Running } from '../../helpers/in-process.js';

/** A sidecar in this process whose log lines are kept (to prove what was logged and what was not). */
export interface LoggedRunning extends Running {
  logs: Array<Record<string, unknown>>;
  logText: () => string;
}

export async function startWithLogs(overrides: Record<string, unknown> = {}): Promise<LoggedRunning> {
  const logs: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        raw.push(line);
        logs.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  // The sidecar's own logger (with its redaction), writing here.
  const running = await startInProcess({ logLevel: 'debug', ...overrides }, createLogger('debug', stream));
  return { ...running, logs, logText: () => raw.join('\n') };
}

/** The simulated Dolyame behind a running sidecar (its public URL is its base URL in tests). */
export const sandboxOf = (s: Running): DolyameSandbox => simulatedSandbox(s.baseUrl);

/** Settings a shop would push to reach that simulator as if it were the real Dolyame (its ephemeral certificates). */
export function liveSettingsFor(sandbox: DolyameSandbox, extra: Record<string, unknown> = {}) {
  const material = simulatorClientMaterial(sandbox);
  return { baseUrl: sandbox.url, login: 'dolyame-simulator', password: 'dolyame-simulator-password', ...material, ...extra };
}

export function dolyameBody(overrides: Record<string, unknown> = {}) {
  return {
    provider: 'dolyame',
    order_id: String(Math.floor(Math.random() * 1e6)),
    amount: 635_000,
    currency: 'RUB',
    description: 'Order #1',
    return_url: 'https://shop.example/checkout/order-received/1/',
    fail_url: 'https://shop.example/checkout/failed/1/',
    customer: { email: 'buyer@example.ru', phone: '8 (999) 123-45-67', name: 'Иван Петров' },
    items: [
      { sku: 'A-1', name: 'Чайник', quantity: 2, amount: 600_000, type: 'goods', vat: 'vat20' },
      { name: 'Доставка', quantity: 1, amount: 35_000, type: 'shipping', vat: 'none' },
    ],
    ...overrides,
  };
}

/** The buyer on Dolyame's page: the form must offer the choice; the answer redirects back to the shop. */
export async function decideOnPage(s: Running, orderId: string, action: 'approve' | 'reject'): Promise<string> {
  const page = await request(`${s.baseUrl}/sim/dolyame/form/${encodeURIComponent(orderId)}`);
  const html = await page.body.text();
  expect(page.statusCode).toBe(200);
  expect(html).toContain(`data-testid="${action}"`);
  const res = await request(`${s.baseUrl}/sim/dolyame/form/${encodeURIComponent(orderId)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `action=${action}`,
  });
  await res.body.dump();
  expect(res.statusCode).toBe(303);
  return String(res.headers.location);
}

export async function waitFor<T>(read: () => Promise<T> | T, ok: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > until) throw new Error(`condition not met in ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
