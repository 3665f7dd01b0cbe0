#!/usr/bin/env node
/**
 * `npm run screenshots`: builds and packages the plugin, starts the real shop (e2e/shop/run-stage.mjs)
 * and runs only the screenshots spec, which writes plugin/docs/images/<lang>/*.png (1280×800) from
 * the installed plugin's admin screens and checkouts, in English and Russian.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (command, args, env = {}) => {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!process.argv.includes('--no-build')) {
  run('npm', ['run', 'build', '--workspaces', '--if-present']);
  run('node', ['.ci/package.mjs']);
}
run('node', ['e2e/shop/run-stage.mjs', 'screenshots.spec.ts'], { RUP_STAGE_ONLY: 'playwright', RUP_SCREENSHOTS: '1', RUP_REQUIRE_SHOP: '1' });
