import express from 'express';
import { createServer, type Server } from 'node:http';
import { request } from 'undici';
import { SIMULATOR_SETTINGS } from '../../../src/simulators/intellectmoney/index.js';
import { IntellectMoneyConfig } from '../../../src/providers/intellectmoney/schemas.js';
import { intellectMoneySimulator } from '../../../src/simulators/intellectmoney/simulator.js';

export const SIM_PATH = '/sim/intellectmoney';

/** Settings that point a profile at a simulator (same shop and keys as the simulator's). */
export function simSettings(simBase: string, extra: Record<string, unknown> = {}) {
  return { ...SIMULATOR_SETTINGS, baseUrl: `${simBase}/merchant`, pollIntervalMs: 20, createWaitMs: 3_000, ...extra };
}

export async function control<T = any>(simBase: string, path: string, body?: unknown, method: 'GET' | 'POST' = body === undefined ? 'GET' : 'POST'): Promise<T> {
  const res = await request(`${simBase}/control/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: method === 'POST' ? JSON.stringify(body ?? {}) : null,
  });
  return (await res.body.json()) as T;
}

/** The shopper on the PayLate page: approve (`pay`) or decline (`fail`). */
export async function decide(link: string, action: 'pay' | 'fail') {
  const res = await request(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `action=${action}` });
  await res.body.dump();
  return { status: res.statusCode, location: String(res.headers.location ?? '') };
}

export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A simulator on its own port (it outlives a sidecar restart), with a controllable clock. */
export async function standaloneSimulator(clock: () => number = Date.now) {
  const app = express();
  app.use(SIM_PATH, intellectMoneySimulator(IntellectMoneyConfig.parse(simSettings('http://unused')), { clock }));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    base: `http://127.0.0.1:${port}${SIM_PATH}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** Stands in for a shop's ResultUrl: records every body and answers `OK`. */
export async function resultReceiver() {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('OK');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/result`, bodies, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
