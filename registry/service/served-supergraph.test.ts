// Issue 10: a store emptied (a restart on a fresh directory) holds nothing to compare with, but gateways
// still serve their last supergraph: the removal guard compares with it through `servedSupergraph`.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_SDL } from '../registry-test-support.ts';
import { FileRegistryStore } from '../store/file-store.ts';
import { RegistryService } from './registry-service.ts';

const SERVED = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');
let dir: string;
let store: FileRegistryStore;
let service: RegistryService;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'passerelle-served-'));
  store = await FileRegistryStore.open(dir);
  service = new RegistryService({ store, servedSupergraph: async () => SERVED });
});
afterAll(async () => { await service?.close(); await store?.close(); await rm(dir, { recursive: true, force: true }); });

describe('publishing into an empty store while gateways serve a supergraph', () => {
  it('refuses removing a root field the served supergraph has, though the store knows no catalog version', async () => {
    const withoutCategories = CATALOG_SDL.replace(/\n  """\n  Every category of the catalogue[\s\S]*?\n  categories[^\n]*\n/, '\n');
    expect(withoutCategories).not.toBe(CATALOG_SDL);
    const refused = await service.publish('catalog', { sdl: withoutCategories, routingUrl: 'http://127.0.0.1:4002/graphql', actor: 'catalog-team' });
    expect(refused.outcome).toBe('refused');
    expect(refused.response.report.guardedRemovals).toContainEqual(expect.objectContaining({ type: 'ROOT_FIELD_REMOVED', description: expect.stringMatching(/^Query\.categories/) }));
    expect(await store.currentSupergraph()).toBeNull();
  });

  it('publishes the served catalog as it is', async () => {
    const published = await service.publish('catalog', { sdl: CATALOG_SDL, routingUrl: 'http://127.0.0.1:4002/graphql', actor: 'catalog-team' });
    expect(published.outcome).toBe('published');
  });
});
