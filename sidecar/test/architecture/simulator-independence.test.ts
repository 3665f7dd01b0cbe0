import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A simulator is an independent witness of its provider: if it imported the connector's schemas,
 * signatures or constants, the two would agree by construction and a wrong assumption about the
 * real provider could never fail a test.
 */
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/** Simulators not yet rewritten (issue 14 moves and rewrites them, then empties this list). */
const PENDING_ISSUE_14: string[] = [];
/** Moved but still importing their connectors while issue 13 rewrites them (emptied by issue 13 itself). */
const PENDING_ISSUE_13: string[] = [];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);
}

const folderOf = (file: string) => relative(join(SRC, 'simulators'), file).split(/[\\/]/)[0]!;

describe('simulator independence', () => {
  it('no file under src/simulators/ imports from src/providers/ (pending issue-14 folders aside)', () => {
    const offending = filesUnder(join(SRC, 'simulators'))
      .filter((file) => file.endsWith('.ts') && ![...PENDING_ISSUE_14, ...PENDING_ISSUE_13].includes(folderOf(file)))
      .flatMap((file) =>
        importsOf(file)
          .filter((spec) => spec.startsWith('.'))
          .map((spec) => resolve(dirname(file), spec))
          .filter((target) => relative(join(SRC, 'providers'), target).split(/[\\/]/)[0] !== '..')
          .map((target) => `${relative(SRC, file)} -> ${relative(SRC, target)}`),
      );
    expect(offending).toEqual([]);
  });

  it('no sim*/simulat* file remains in a provider folder (pending issue-14 folders aside)', () => {
    const providers = join(SRC, 'providers');
    const leftovers = readdirSync(providers)
      .filter((name) => statSync(join(providers, name)).isDirectory() && !PENDING_ISSUE_14.includes(name))
      .flatMap((name) => readdirSync(join(providers, name)).filter((file) => /^simulat|^sim[-_.]|^sim[A-Z]/.test(file)).map((file) => `${name}/${file}`));
    expect(leftovers).toEqual([]);
  });

  it('every simulator folder has an index.ts and is listed in src/simulators/index.ts', () => {
    const folders = readdirSync(join(SRC, 'simulators')).filter((name) => name !== 'shared' && statSync(join(SRC, 'simulators', name)).isDirectory());
    const listing = readFileSync(join(SRC, 'simulators', 'index.ts'), 'utf8');
    for (const folder of folders) {
      expect(statSync(join(SRC, 'simulators', folder, 'index.ts')).isFile()).toBe(true);
      expect(listing).toContain(`./${folder}/index.js`);
    }
  });

  it('the check itself sees a providers/ import (guards against a regex that matches nothing)', () => {
    expect(importsOf(join(SRC, 'app.ts')).some((spec) => spec.includes('/providers/'))).toBe(true);
  });
});
