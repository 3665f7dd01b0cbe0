#!/usr/bin/env node
/**
 * `npm start -- --sidecar-only`: the sidecar alone for operators: builds, packages the plugin ZIP,
 * and runs the sidecar on embedded SQLite with the provider simulators — plus a demo: a stand-in
 * WordPress that prints the signed events it receives, and a demo payment to click through.
 *
 * Env: PORT (default 8787), SHARED_SECRET (default: generated once into sidecar/data/dev-secret),
 * WP_EVENTS_URL (a real shop's events endpoint; replaces the stand-in), DEMO=0 (no demo payment).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNodeModules } from './npm-deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 8787);
const demoPort = Number(process.env.DEMO_PORT ?? port + 1);
const dataDir = join(root, 'sidecar', 'data');

function run(command, args) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function devSecret() {
  if (process.env.SHARED_SECRET) return process.env.SHARED_SECRET;
  const file = join(dataDir, 'dev-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/** Signs like the plugin does (sidecar/docs/contract.md). */
function signed(secret, method, target, body) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString('hex');
  const canonical = ['v1', method, target, timestamp, nonce, createHash('sha256').update(body).digest('hex')].join('\n');
  return { 'x-rup-timestamp': timestamp, 'x-rup-nonce': nonce, 'x-rup-signature': `v1=${createHmac('sha256', secret).update(canonical).digest('hex')}` };
}

/** Stand-in WordPress: verifies each event's HMAC like the plugin and prints it. */
function startDemoShop(secret) {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><meta charset="utf-8"><title>Demo shop</title><h1>Back in the demo shop</h1><p>Watch the terminal for the signed event.</p>');
        return;
      }
      const body = Buffer.concat(chunks);
      const ts = String(req.headers['x-rup-timestamp']);
      const nonce = String(req.headers['x-rup-nonce']);
      const canonical = ['v1', 'POST', '/ru-payments/v1/events', ts, nonce, createHash('sha256').update(body).digest('hex')].join('\n');
      const ok = req.headers['x-rup-signature'] === `v1=${createHmac('sha256', secret).update(canonical).digest('hex')}`;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(ok ? '{"ok":true}' : '{"error":{"code":"unauthorized"}}');
      const event = JSON.parse(body.toString('utf8') || '{}');
      console.log(`[demo shop] ${ok ? 'verified' : 'REJECTED'} event ${event.event_id}: order ${event.order_id} → ${event.status} (${(event.amount / 100).toFixed(2)} ${event.currency})`);
    });
  });
  server.listen(demoPort, '127.0.0.1');
  return `http://127.0.0.1:${demoPort}`;
}

async function waitHealthy(baseUrl) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('The sidecar did not start; see its log above.');
}

ensureNodeModules(root);
run('npm', ['run', 'build', '--workspace', 'sidecar']);
run('node', ['.ci/package.mjs', '--build']);
const version = readFileSync(join(root, 'version.txt'), 'utf8').trim();
const zip = join(root, 'dist', `ru-payments-for-woocommerce-${version}.zip`);

const secret = devSecret();
const shop = process.env.WP_EVENTS_URL ? null : startDemoShop(secret);
const baseUrl = `http://127.0.0.1:${port}`;
const sidecar = spawn(process.execPath, ['sidecar/dist/main.js'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: String(port),
    SHARED_SECRET: secret,
    SIMULATORS: '1',
    DATABASE_PATH: process.env.DATABASE_PATH ?? join(dataDir, 'sidecar.sqlite'),
    WP_EVENTS_URL: process.env.WP_EVENTS_URL ?? `${shop}/wp-json/ru-payments/v1/events`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => sidecar.kill(signal));
sidecar.on('exit', (code) => process.exit(code ?? 0));

await waitHealthy(baseUrl);
let demoUrl = '';
if (process.env.DEMO !== '0') {
  const body = JSON.stringify({
    provider: 'toy',
    order_id: `demo-${Date.now()}`,
    amount: 1_990_00,
    description: 'Demo order',
    return_url: `${shop ?? baseUrl}/checkout/order-received/`,
  });
  const res = await fetch(`${baseUrl}/v1/payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomBytes(8).toString('hex'), ...signed(secret, 'POST', '/v1/payments', body) },
    body,
  });
  const payment = await res.json();
  demoUrl = payment.redirect_url ?? `(demo payment failed: ${JSON.stringify(payment)})`;
}

console.log(`
RU Payments sidecar ${version} is running (simulators on, SQLite at ${join('sidecar', 'data', 'sidecar.sqlite')}).
  Sidecar API        ${baseUrl}/v1   (signed; shared secret in sidecar/data/dev-secret)
  Health             ${baseUrl}/healthz   ${baseUrl}/readyz
  Provider callbacks ${baseUrl}/callbacks/<provider>
  Simulators         ${baseUrl}/sim/<provider>/
  Plugin ZIP         ${zip}
  Events go to       ${process.env.WP_EVENTS_URL ?? `${shop}/wp-json/ru-payments/v1/events (demo shop; events are printed here)`}
${demoUrl ? `  Demo payment       ${demoUrl}\n                     open it, click Pay, and watch the signed event arrive below.\n` : ''}
Ctrl+C stops.`);
