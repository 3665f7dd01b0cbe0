#!/usr/bin/env node
/**
 * `npm test`: installs what the tests need when missing (npm packages; Debian's php, phpunit,
 * gettext, chromium and MariaDB when root), then runs every suite — the last one in a real
 * WordPress + WooCommerce shop built from scratch — and prints a summary.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNodeModules } from './npm-deps.mjs';
import { ensureSystemDeps } from './system-deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const STEPS = [
  ['typecheck (sidecar, blocks, e2e)', 'npm', ['run', 'typecheck', '--workspaces', '--if-present']],
  ['build (sidecar, blocks)', 'npm', ['run', 'build', '--workspaces', '--if-present']],
  ['vitest: sidecar', 'npm', ['test', '--workspace', 'sidecar']],
  ['vitest: blocks', 'npm', ['test', '--workspace', 'blocks']],
  ['node:test: packaging, version, readme, compose and the Invoicebox kit', 'node', ['--test', '.ci/package.test.mjs', '.ci/version.test.mjs', '.ci/readme.test.mjs', '.ci/compose.test.mjs', '.ci/kit-invoicebox.test.mjs']],
  ['phpunit: plugin', 'phpunit', ['-c', 'plugin/phpunit.xml.dist']],
  ['playwright: e2e (Chromium)', 'npm', ['test', '--workspace', 'e2e']],
  ['package: plugin ZIP', 'node', ['.ci/package.mjs']],
  ['real shop: WordPress 7.0.4 + WooCommerce 11.0.1 (PHPUnit inside, Playwright against it)', 'node', ['e2e/shop/run-stage.mjs']],
];

ensureNodeModules(root);
ensureSystemDeps();

const results = [];
for (const [name, command, args] of STEPS) {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, CI: process.env.CI ?? '1' } });
  results.push({ name, ok: r.status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) });
}

console.log('\n━━ summary ━━');
for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name}  (${r.seconds} s)`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
