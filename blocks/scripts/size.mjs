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

// Budgets per bundle: each page loads only its own (checkout: index.js; product and cart pages:
// split-message.js, only where amounts can change).
const BUDGETS_KB = { 'index.js': 6, 'split-message.js': 3 };
for (const [file, goal] of Object.entries(BUDGETS_KB)) {
	if (!files.includes(file)) continue;
	const gz = gzipSync(readFileSync(join(buildDir, file)), { level: constants.Z_BEST_COMPRESSION }).length;
	console.log(`budget build/${file}: ${kb(gz)} KB gzip, goal < ${goal} KB: ${gz < goal * 1024 ? 'PASS' : 'FAIL'}`);
}
