/** `npm ci` when the workspace's dependencies are not installed yet (first run on a fresh clone). */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function ensureNodeModules(root, { log = console.log } = {}) {
  const probes = ['node_modules/.package-lock.json', 'node_modules/better-sqlite3', 'blocks/node_modules/@wordpress/scripts', 'node_modules/playwright-core'];
  if (probes.every((p) => existsSync(join(root, p)))) return;
  log('Installing npm dependencies (npm ci)…');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm ci failed');
}
