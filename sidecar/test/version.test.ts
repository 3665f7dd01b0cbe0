import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../src/version.js';

describe('version', () => {
  it('the sidecar reports the repository version (version.txt)', () => {
    expect(VERSION).toBe(readFileSync(new URL('../../version.txt', import.meta.url), 'utf8').trim());
  });
});
