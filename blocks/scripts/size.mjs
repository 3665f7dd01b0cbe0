#!/usr/bin/env node
// Prints the gzip size (level 9) of each build/*.js and their total, in KB.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const buildDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'build');
if (!existsSync(buildDir)) {
	console.error(`No ${buildDir}: run "npm run build --workspace blocks" first.`);
	process.exit(1);
}
const files = readdirSync(buildDir).filter((f) => f.endsWith('.js')).sort();
if (files.length === 0) {
	console.error(`No .js files in ${buildDir}.`);
	process.exit(1);
}
const kb = (bytes) => (bytes / 1024).toFixed(2);
let totalRaw = 0;
let totalGzip = 0;
for (const file of files) {
	const raw = readFileSync(join(buildDir, file));
	const gz = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }).length;
	totalRaw += raw.length;
	totalGzip += gz;
	console.log(`build/${file}: ${kb(gz)} KB gzip (${kb(raw.length)} KB raw)`);
}
console.log(`total: ${kb(totalGzip)} KB gzip (${kb(totalRaw)} KB raw)`);
