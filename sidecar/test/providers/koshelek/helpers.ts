import express from 'express';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { request } from 'undici';
import { koshelekSimulator, koshelekSimulatorModule, simAccount } from '../../../src/simulators/koshelek/index.js';
import { KoshelekConfigSchema } from '../../../src/providers/koshelek/settings-source.js';
import { freePort } from '../../helpers/free-port.js';
import { startInProcess, type Running } from '../../helpers/in-process.js';

export const API = '/v1/providers/koshelek';

/** The simulator's own settings (what a live profile must use to talk to it). */
export function simSettings(base: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...KoshelekConfigSchema.parse(koshelekSimulatorModule.connectorConfig(base)).inline, ...extra };
}

export interface IssuedCard {
  cardNumber: string;
  cardSession: string;
  password: string;
  payloads: Record<'code128' | 'code39' | 'pdf417' | 'dataMatrix' | 'qr', string>;
  plain: string;
}

/** Drives a simulator's control API (the customer, the bank, failures, counters). */
export function simControl(base: string) {
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const res = await request(`${base}/sim/koshelek${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? null : JSON.stringify(body) });
    const text = await res.body.text();
    return { status: res.statusCode, body: text ? JSON.parse(text) : null };
  };
  return {
    call,
    card: async (cardNumber = `${Date.now()}`.padStart(13, '7').slice(-13)): Promise<IssuedCard> => (await call('POST', '/control/cards', { cardNumber })).body,
    confirm: (transactionId: string, result: 'accepted' | 'rejected' = 'accepted', errorCode?: string) => call('POST', `/control/transactions/${transactionId}/confirm`, { result, errorCode }),
    mode: (mode: Record<string, unknown>) => call('POST', '/control/mode', mode),
    failNext: (failure: Record<string, unknown>) => call('POST', '/control/fail-next', failure),
    stats: async () => (await call('GET', '/control/stats')).body as { checkouts: number; refunds: number; cancels: number; receipts: number; replays: number; requests: Record<string, number> },
    transaction: async (id: string) => (await call('GET', `/control/transactions/${id}`)).body,
  };
}
export type SimControl = ReturnType<typeof simControl>;

export interface Koshelek extends Running {
  sim: SimControl;
  simBase: string;
}

/**
 * A sidecar with simulators. `live` configures the default profile (settings may point at the
 * built-in simulator, whose URL is passed in); customers confirm manually unless told otherwise.
 */
export async function startKoshelek(options: { live?: (base: string) => Record<string, unknown>; databasePath?: string; port?: number } = {}): Promise<Koshelek> {
  const port = options.port ?? (await freePort());
  const base = `http://127.0.0.1:${port}`;
  const s = await startInProcess({
    port,
    wpEventsUrl: undefined,
    ...(options.databasePath ? { databasePath: options.databasePath } : {}),
    ...(options.live ? { providers: { koshelek: options.live(base) } } : {}),
  });
  const sim = simControl(base);
  await sim.mode({ confirm: 'manual' });
  return Object.assign(s, { sim, simBase: base });
}

/** The simulator on its own server, so it outlives sidecar restarts. */
export async function standaloneSim(extra: Record<string, unknown> = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = express();
  app.use('/sim/koshelek', koshelekSimulator(simAccount(base, extra as Parameters<typeof simAccount>[1])));
  const server: Server = await new Promise((resolve) => {
    const srv = app.listen(port, '127.0.0.1', () => resolve(srv));
  });
  const sim = simControl(base);
  await sim.mode({ confirm: 'manual' });
  return {
    base,
    sim,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export const items = (amount: number, tax = 'vat20') => [{ name: 'Чай чёрный', article: 'TEA-1', price: amount, quantity: 1, totalAmount: amount, tax }];

export const orderId = () => `o-${randomBytes(6).toString('hex')}`;

export function initBody(card: IssuedCard, overrides: Record<string, unknown> = {}) {
  const amount = (overrides.amount as number | undefined) ?? 15_000;
  return { barcode: card.payloads.code128, orderId: orderId(), amount, items: items(amount), paymentType: 'SBP', ...overrides };
}

/** A payment the customer confirmed, with its slip. */
export async function paidPayment(k: Koshelek, overrides: Record<string, unknown> = {}) {
  const card = await k.sim.card();
  const init = await k.client.post(`${API}/payments`, initBody(card, overrides));
  if (init.status !== 201) throw new Error(`init failed: ${JSON.stringify(init.body)}`);
  await k.sim.confirm(init.body.transactionId);
  const paid = await k.client.get(`${API}/payments/${init.body.requestId}?wait=10000`);
  if (paid.body.status !== 'accepted') throw new Error(`not paid: ${JSON.stringify(paid.body)}`);
  return paid.body;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
