/**
 * The vitest projects (vitest.config.ts): `unit` runs in-process tests, `e2e` runs test/e2e and every test
 * that starts whole processes. A new test that spawns one must be listed in E2E_TESTS, or `npm run test:unit`
 * would quietly become slow and heavy again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, matchesGlob, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { E2E_TESTS } from '../../vitest.config.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIRS = ['contracts', 'gateway', 'subgraphs', 'registry', 'schema', 'clients', 'dev', 'test'];
const SPAWNS = /^import .* from 'node:child_process';$/m;
const RELATIVE_IMPORTS = /^import .* from '(\.{1,2}\/[^']+)';$/gm;

const tsFiles = (): string[] => DIRS.flatMap((dir) =>
  readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name))));
const testFiles = (): string[] => tsFiles().filter((file) => file.endsWith('.test.ts'));
const source = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

/** Test files that spawn, themselves or through a module they import (test/support/redis-process.ts, ...). */
function spawningTests(): string[] {
  const spawners = new Set(tsFiles().filter((file) => SPAWNS.test(source(file))));
  return testFiles().filter((file) => spawners.has(file) ||
    [...source(file).matchAll(RELATIVE_IMPORTS)].some(([, spec]) => spawners.has(relative(ROOT, join(ROOT, dirname(file), spec as string)))));
}

describe('vitest projects', () => {
  it('puts every test that starts a process in the e2e project', () => {
    const spawning = spawningTests();
    expect(spawning.length).toBeGreaterThan(0);
    const inUnit = spawning.filter((file) => !E2E_TESTS.some((glob) => matchesGlob(file, glob)));
    expect(inUnit, 'these spawn processes: add them to E2E_TESTS in vitest.config.ts').toEqual([]);
  });

  it('names only test files that exist in E2E_TESTS', () => {
    const files = testFiles();
    for (const glob of E2E_TESTS) expect(files.some((file) => matchesGlob(file, glob)), glob).toBe(true);
  });
});
