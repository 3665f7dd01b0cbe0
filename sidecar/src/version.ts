import { readFileSync } from 'node:fs';

/** sidecar/package.json's version; a test keeps it equal to the repository's version.txt. */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
