/**
 * Test support: what every RegistryStore must do, run against both implementations (file-store.test.ts,
 * redis-store.test.ts). Entries are small, made-up versions: a store never interprets a schema.
 */
import { describe, expect, it } from 'vitest';
import type { ClientOperations, SubgraphVersion, SupergraphVersion } from '../types.ts';
import { StoreConflictError, type RegistryStore } from './registry-store.ts';

export function subgraphEntry(subgraph: string, version: number, extra: Partial<SubgraphVersion> = {}): SubgraphVersion {
  return {
    subgraph, version, sdl: `type Query { ${subgraph}V${version}: Int }`, routingUrl: `http://127.0.0.1:4001/${subgraph}`,
    publishedBy: `${subgraph}-owner`, publishedAt: new Date(Date.UTC(2026, 0, version)).toISOString(),
    check: { ok: true, composition: { errors: [], hints: [] }, breaking: [], dangerous: [], brokenOperations: [], warnings: [] },
    diff: { added: [`Query.${subgraph}V${version}`], removed: [], changed: [] }, ...extra,
  };
}

export function supergraphEntry(version: number, subgraphs: Record<string, number>): SupergraphVersion {
  return { version, sdl: `# supergraph ${version}\n${JSON.stringify(subgraphs)}`, hash: `hash-${version}`, createdAt: new Date().toISOString(), subgraphs };
}

export const mobileOperations: ClientOperations = {
  client: 'passerelle-mobile', clientVersion: '2.3.0', channel: 'mobile',
  operations: [{ id: 'abc', name: 'AccountHome', body: 'query AccountHome { me { id } }' }],
};

/** Publishes catalog v1, party v1, catalog v2 (forced, unchanged supergraph) into an empty store. */
export async function publishSample(store: RegistryStore): Promise<void> {
  await store.recordPublish({ subgraph: subgraphEntry('catalog', 1), supergraph: supergraphEntry(1, { catalog: 1 }) });
  await store.recordPublish({ subgraph: subgraphEntry('party', 1), supergraph: supergraphEntry(2, { catalog: 1, party: 1 }) });
  await store.recordPublish({ subgraph: subgraphEntry('catalog', 2, { forced: { reason: 'mobile 3 shipped' } }), supergraph: null });
}

export function storeContract(open: () => Promise<RegistryStore>): void {
  describe('store contract', () => {
    it('starts empty', async () => {
      const store = await open();
      expect(await store.currentSubgraphs()).toEqual([]);
      expect(await store.currentSupergraph()).toBeNull();
      expect(await store.history('catalog')).toEqual([]);
      expect(await store.clientOperations()).toEqual([]);
      await store.close();
    });

    it('keeps every version, the current ones by name, and supergraphs by version', async () => {
      const store = await open();
      await publishSample(store);
      expect((await store.currentSubgraphs()).map((s) => [s.subgraph, s.version])).toEqual([['catalog', 2], ['party', 1]]);
      expect((await store.history('catalog')).map((s) => s.version)).toEqual([1, 2]);
      expect((await store.subgraphVersion('catalog', 2))?.forced).toEqual({ reason: 'mobile 3 shipped' });
      expect(await store.subgraphVersion('catalog', 3)).toBeNull();
      expect(await store.subgraphVersion('catalog', 0)).toBeNull();
      expect((await store.currentSupergraph())?.version).toBe(2);
      expect((await store.supergraphVersion(1))?.subgraphs).toEqual({ catalog: 1 });
      expect(await store.supergraphVersion(3)).toBeNull();
      await store.close();
    });

    it('refuses a version that does not follow the current one (history never forks)', async () => {
      const store = await open();
      await publishSample(store);
      await expect(store.recordPublish({ subgraph: subgraphEntry('catalog', 2), supergraph: null })).rejects.toBeInstanceOf(StoreConflictError);
      await expect(store.recordPublish({ subgraph: subgraphEntry('catalog', 3), supergraph: supergraphEntry(2, {}) })).rejects.toBeInstanceOf(StoreConflictError);
      expect((await store.history('catalog')).length).toBe(2);
      expect((await store.currentSupergraph())?.version).toBe(2);
      await store.close();
    });

    it('registers, replaces and retires client operations', async () => {
      const store = await open();
      await store.putClientOperations(mobileOperations);
      await store.putClientOperations({ ...mobileOperations, operations: [] });
      await store.putClientOperations({ ...mobileOperations, clientVersion: '2.4.0' });
      const all = await store.clientOperations();
      expect(all.map((c) => [c.clientVersion, c.operations.length]).sort()).toEqual([['2.3.0', 0], ['2.4.0', 1]]);
      expect(await store.deleteClientOperations('passerelle-mobile', '2.3.0')).toBe(true);
      expect(await store.deleteClientOperations('passerelle-mobile', '2.3.0')).toBe(false);
      expect((await store.clientOperations()).map((c) => c.clientVersion)).toEqual(['2.4.0']);
      await store.close();
    });
  });
}
