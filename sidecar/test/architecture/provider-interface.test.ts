import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The provider interface is what provider folders depend on; if it imported the registry, the
 * services or the HTTP layer (which import the providers), every provider would sit in one import
 * circle with them. The composition root implements its narrow interfaces instead.
 */
const TYPES = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/providers/types.ts');

describe('providers/types.ts', () => {
  it('imports only core/, the store record types and libraries', () => {
    const text = readFileSync(TYPES, 'utf8');
    const specs = [...text.matchAll(/(?:from\s+|import\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    expect(specs.length).toBeGreaterThan(0);
    const allowed = (spec: string) => !spec.startsWith('.') || spec.startsWith('../core/') || spec === '../store/types.js';
    expect(specs.filter((spec) => !allowed(spec))).toEqual([]);
  });
});
