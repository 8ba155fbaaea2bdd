import { composeServices } from '@apollo/composition';
import { describe, expect, it } from 'vitest';
import { createCatalogSubgraph } from './index.ts';

describe('catalog schema', () => {
  it('composes alone into a supergraph', async () => {
    const catalog = createCatalogSubgraph({ catalogueUrl: 'http://127.0.0.1:5002', timeoutMs: 1000, maxResponseBytes: 1024 });
    try {
      const result = composeServices([{ name: 'catalog', url: 'http://127.0.0.1:4002/', typeDefs: catalog.typeDefs }]);
      expect(result.errors ?? []).toEqual([]);
      expect(result.supergraphSdl).toMatch(/type ProductOffering\s[^{]*@join__type\(graph: CATALOG, key: "id"\)/);
      expect(result.supergraphSdl).toContain('partnerPrice: Money');
    } finally {
      await catalog.close();
    }
  });

  it('describes every type and field', () => {
    const catalog = createCatalogSubgraph({ catalogueUrl: 'http://127.0.0.1:5002', timeoutMs: 1000, maxResponseBytes: 1024 });
    const undocumented: string[] = [];
    for (const def of catalog.typeDefs.definitions) {
      if (!('name' in def) || !def.name || def.kind === 'DirectiveDefinition') continue;
      if (!('description' in def) || !def.description) undocumented.push(def.name.value);
      for (const field of ('fields' in def ? def.fields ?? [] : []) as readonly { name: { value: string }; description?: unknown }[]) {
        if (!field.description) undocumented.push(`${def.name.value}.${field.name.value}`);
      }
      for (const value of ('values' in def ? def.values ?? [] : []) as readonly { name: { value: string }; description?: unknown }[]) {
        if (!value.description) undocumented.push(`${def.name.value}.${value.name.value}`);
      }
    }
    expect(undocumented).toEqual([]);
    void catalog.close();
  });
});
