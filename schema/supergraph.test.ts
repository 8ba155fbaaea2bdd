import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { composeSubgraphs } from './composition/compose.ts';
import { readSupergraphConfig } from './composition/supergraph-config.ts';

const configPath = fileURLToPath(new URL('supergraph.yaml', import.meta.url));

describe('the committed supergraph', () => {
  const subgraphs = readSupergraphConfig(configPath);
  const result = composeSubgraphs(subgraphs);

  it('composes without errors from the five domain subgraphs', () => {
    expect(result.errors).toEqual([]);
    expect(subgraphs.map((s) => s.name)).toEqual(['party', 'catalog', 'ordering', 'billing', 'inventory']);
  });

  it.each(subgraphs.map((s) => [s.name, s] as const))('%s composes alone (its references to other subgraphs are stubs)', (_name, subgraph) => {
    expect(composeSubgraphs([subgraph]).errors).toEqual([]);
  });

  it('is identical to a fresh composition (run "npm run compose" after changing a subgraph schema)', () => {
    expect(readFileSync(new URL('supergraph.graphql', import.meta.url), 'utf8')).toBe(result.supergraphSdl);
  });
});

describe('composition errors', () => {
  it('are reported with their code, not thrown', () => {
    const sdl = (type: string) => `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Query { thing: Thing } type Thing @key(fields: "id") { id: ID! size: ${type} }`;
    const result = composeSubgraphs([
      { name: 'a', url: 'http://127.0.0.1:1/graphql', sdl: sdl('Int') },
      { name: 'b', url: 'http://127.0.0.1:2/graphql', sdl: sdl('String') },
    ]);
    expect(result.supergraphSdl).toBeNull();
    expect(result.errors.join('\n')).toMatch(/\[(FIELD_TYPE_MISMATCH|INVALID_FIELD_SHARING)\]/);
  });

  it('report a syntax error with the subgraph name', () => {
    const result = composeSubgraphs([{ name: 'broken', url: 'http://127.0.0.1:1/graphql', sdl: 'type Query {' }]);
    expect(result.errors[0]).toMatch(/^\[broken\] Syntax Error/);
  });
});
