/**
 * The one subgraph template (subgraphs/README.md): every domain has the same files, the data source of its
 * legacy system sits where a newcomer would guess (`<domain>/<system>/<system>-data-source.ts`, exporting
 * `<System>DataSource`), and the rest of the domain reaches that system only through it. A new domain
 * that drifts from the template, or a folder named after a protocol, fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SUBGRAPHS, SUBGRAPH_NAMES } from './registry.ts';

const HERE = new URL('./', import.meta.url);
const DOMAIN_FILES = ['config.ts', 'index.ts', 'loaders.ts', 'model.ts', 'resolvers.ts', 'schema.graphql'];
const RUNTIME_PARTS = ['authorization', 'caching', 'metrics', 'serving', 'shared-types', 'tracing', 'transport'];
const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
const entries = (path: string) => readdirSync(new URL(path, HERE), { withFileTypes: true });

describe('the subgraph template', () => {
  for (const name of SUBGRAPH_NAMES) {
    const { legacy } = SUBGRAPHS[name];
    it(`${name}: the template's files, and ${pascal(legacy)}DataSource in ${name}/${legacy}/${legacy}-data-source.ts`, async () => {
      const files = entries(`${name}/`).filter((e) => e.isFile()).map((e) => e.name);
      expect(files).toEqual(expect.arrayContaining(DOMAIN_FILES));
      // One folder, named after the legacy system (never after a protocol such as soap/ or rest/).
      expect(entries(`${name}/`).filter((e) => e.isDirectory()).map((e) => e.name)).toEqual([legacy]);

      const source = await import(`./${name}/${legacy}/${legacy}-data-source.ts`) as Record<string, unknown>;
      expect(typeof source[`${pascal(legacy)}DataSource`]).toBe('function');
      const config = await import(`./${name}/config.ts`) as Record<string, unknown>;
      expect(Object.isFrozen(config[`${name.toUpperCase()}_DEFAULTS`])).toBe(true);
      expect(typeof config[`${name}ConfigFromEnv`]).toBe('function');
      const index = await import(`./${name}/index.ts`) as Record<string, unknown>;
      expect(typeof index[`create${pascal(name)}Subgraph`]).toBe('function');
    });

    it(`${name}: outside ${legacy}/, only the data source is imported from it`, () => {
      const code = entries(`${name}/`).filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'));
      for (const file of code) {
        const imports = [...readFileSync(new URL(`${name}/${file.name}`, HERE), 'utf8').matchAll(/from '\.\/([^']+)'/g)].map((m) => m[1] as string);
        const intoSystem = imports.filter((path) => path.startsWith(`${legacy}/`));
        expect(intoSystem.filter((path) => path !== `${legacy}/${legacy}-data-source.ts`), `${name}/${file.name}`).toEqual([]);
      }
    });
  }

  it('keeps the shared runtime in named parts, nothing loose', () => {
    expect(entries('runtime/').filter((e) => e.isFile()).map((e) => e.name)).toEqual([]);
    expect(entries('runtime/').filter((e) => e.isDirectory()).map((e) => e.name).sort()).toEqual(RUNTIME_PARTS);
  });
});
