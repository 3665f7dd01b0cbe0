/** The built sidecar as its own process, with simulators, on a loopback port of its own. */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { httpOk, waitFor } from './wait.mjs';

export async function startSidecar({ repoRoot, dir, port, secret, eventsUrl, log, env = {} }) {
  const main = join(repoRoot, 'sidecar', 'dist', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: build the sidecar first (npm run build)`);
  const url = `http://127.0.0.1:${port}`;
  // Straight into the file (see stack.mjs: the parent may not drain a pipe while tests run).
  const out = openSync(join(dir, 'sidecar.log'), 'a');
  const child = spawn(process.execPath, [main], {
    cwd: join(repoRoot, 'sidecar'),
    env: {
      ...process.env,
      SHARED_SECRET: secret,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATABASE_PATH: join(dir, 'sidecar.sqlite'),
      WP_EVENTS_URL: eventsUrl,
      SIMULATORS: '1',
      LOG_LEVEL: process.env.RUP_SIDECAR_LOG_LEVEL ?? 'info',
      OUTBOX_POLL_MS: '200',
      ...env,
    },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  let exited = null;
  child.on('exit', (code) => { exited = code; });
  await waitFor('the sidecar', () => {
    if (exited !== null) throw new Error(`the sidecar exited with ${exited}; see ${join(dir, 'sidecar.log')}`);
    return httpOk(`${url}/healthz`);
  }, 30_000);
  log(`sidecar on ${url}`);
  return {
    url,
    log: join(dir, 'sidecar.log'),
    stop: () => new Promise((resolve) => {
      if (exited !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 12_000).unref();
    }),
  };
}
