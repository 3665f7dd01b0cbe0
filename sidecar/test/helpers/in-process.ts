import type { Server } from 'node:http';
import pino, { type Logger } from 'pino';
import { createSidecar, type Sidecar } from '../../src/app.js';
import { Config } from '../../src/config/schema.js';
import { freePort } from './free-port.js';
import { SignedClient } from './signed-client.js';

export const SECRET = 'test-shared-secret-0123456789abcdef0123';

export interface Running {
  sidecar: Sidecar;
  client: SignedClient;
  baseUrl: string;
  close(): Promise<void>;
}

/** A sidecar in this process on a free port, with simulators and an in-memory store (silent unless given a logger). */
export async function startInProcess(overrides: Partial<Record<string, unknown>> = {}, logger: Logger = pino({ level: 'silent' })): Promise<Running> {
  const port = typeof overrides.port === 'number' ? overrides.port : await freePort();
  const config = Config.parse({ port, sharedSecret: SECRET, databasePath: ':memory:', simulators: true, logLevel: 'silent', outbox: { pollMs: 50, baseDelayMs: 50, maxDelayMs: 500 }, ...overrides });
  const sidecar = await createSidecar(config, logger);
  const server: Server = await new Promise((resolve) => {
    const s = sidecar.app.listen(port, '127.0.0.1', () => resolve(s));
  });
  sidecar.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    sidecar,
    baseUrl,
    client: new SignedClient(baseUrl, SECRET),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await sidecar.close();
    },
  };
}

export function createBody(overrides: Record<string, unknown> = {}) {
  return {
    provider: 'toy',
    order_id: String(Math.floor(Math.random() * 1e6)),
    amount: 150_000,
    currency: 'RUB',
    description: 'Order #1',
    return_url: 'https://shop.example/checkout/order-received/1/',
    ...overrides,
  };
}
