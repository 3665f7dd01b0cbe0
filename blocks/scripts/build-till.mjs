#!/usr/bin/env node
// Bundles the till's camera reader (src/till/camera.ts + zxing-wasm) into build/till/camera.js and
// copies zxing-wasm's reader .wasm next to it (served from the plugin, never from a CDN).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build', 'till');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(root, 'src', 'till', 'camera.ts')],
  bundle: true,
  format: 'esm',
  target: 'es2020',
  minify: true,
  outfile: join(out, 'camera.js'),
  legalComments: 'linked',
  logLevel: 'warning',
});
const require = createRequire(import.meta.url);
copyFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'), join(out, 'zxing_reader.wasm'));
console.log('build/till: camera.js + zxing_reader.wasm');
