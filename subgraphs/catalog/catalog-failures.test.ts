import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInternalTokenSigner, generateInternalKeyPair } from '../../contracts/internal-token.ts';
import type { StandInHandle } from '../../dev/legacy/common/stand-in.ts';
import { startCatalogue } from '../../dev/legacy/catalogue/server.ts';
import { callSubgraph, principals, TEST_KEYS, type GraphQLResult } from '../../test/support/subgraph-client.ts';
import { startSubgraph, type RunningSubgraph } from '../runtime/serving/serve.ts';
import { createCatalogSubgraph, type CatalogSubgraph } from './index.ts';
import { FAULTS_ONLY } from '../../test/support/faults-only.ts';

const TIMEOUT_MS = 300;
let catalogue: StandInHandle;
let deadCatalogueUrl: string;
const running: { definition: CatalogSubgraph; server: RunningSubgraph }[] = [];

async function startCatalog(catalogueUrl: string, maxResponseBytes = 1024 * 1024): Promise<RunningSubgraph> {
  const definition = createCatalogSubgraph({ catalogueUrl, timeoutMs: TIMEOUT_MS, maxResponseBytes, resilience: FAULTS_ONLY });
  const server = await startSubgraph(definition, { port: 0, internalTokenPublicKey: TEST_KEYS.publicKeyPem });
  running.push({ definition, server });
  return server;
}

let subgraph: RunningSubgraph;
let tinySubgraph: RunningSubgraph;
let deadSubgraph: RunningSubgraph;

beforeAll(async () => {
  catalogue = await startCatalogue({ port: 0, dataset: { offerings: 120 } });
  const dead = await startCatalogue({ port: 0, dataset: { offerings: 120 } });
  deadCatalogueUrl = dead.url;
  await dead.close();
  subgraph = await startCatalog(catalogue.url);
  tinySubgraph = await startCatalog(catalogue.url, 2_000);
  deadSubgraph = await startCatalog(deadCatalogueUrl);
});
afterAll(async () => {
  for (const { definition, server } of running) { await server.stop(); await definition.close(); }
  await catalogue?.close();
});

const QUERY = '{ productOffering(id: "PO-0001") { id name } productOfferings(first: 5) { totalCount } categories { id } }';
const anonymous = (server: RunningSubgraph, text = QUERY): Promise<GraphQLResult> => callSubgraph(server.url, 'catalog', principals.anonymous(), text);

/** Every error coded as expected, and nothing in the response that names the back end or its fault. */
function expectCodedWithoutLeak(result: GraphQLResult, code: string, backendUrl: string): void {
  expect(result.status).toBe(200);
  expect(result.errors?.length).toBeGreaterThan(0);
  for (const error of result.errors ?? []) expect(error.extensions?.['code']).toBe(code);
  const text = JSON.stringify(result);
  const { host, port } = new URL(backendUrl);
  for (const secret of ['java', 'NullPointer', 'com.acme', 'acme.internal', 'trace', host, `:${port}`, 'stack']) {
    expect(text).not.toContain(secret);
  }
}

describe('catalog subgraph: a failing Catalogue', () => {
  it('answers UPSTREAM_ERROR when the Catalogue fails, without its Java trace', async () => {
    catalogue.setKnobs({ errorRate: 1 });
    try {
      const result = await anonymous(subgraph);
      expect(result.data).toEqual({ productOffering: null, productOfferings: null, categories: null });
      expect(result.errors).toHaveLength(3);
      expectCodedWithoutLeak(result, 'UPSTREAM_ERROR', catalogue.url);
    } finally {
      catalogue.setKnobs({ errorRate: 0 });
    }
  });

  it('answers UPSTREAM_TIMEOUT when the Catalogue hangs', async () => {
    catalogue.setKnobs({ hang: true });
    try {
      const started = Date.now();
      const result = await anonymous(subgraph);
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 5);
      expect(result.data).toEqual({ productOffering: null, productOfferings: null, categories: null });
      expectCodedWithoutLeak(result, 'UPSTREAM_TIMEOUT', catalogue.url);
    } finally {
      catalogue.setKnobs({ hang: false });
    }
  });

  it('answers UPSTREAM_UNAVAILABLE when nothing listens', async () => {
    const result = await anonymous(deadSubgraph);
    expectCodedWithoutLeak(result, 'UPSTREAM_UNAVAILABLE', deadCatalogueUrl);
  });

  it('answers UPSTREAM_ERROR for an oversized response, and fine for a small one', async () => {
    const big = await anonymous(tinySubgraph, '{ productOfferings(first: 100) { totalCount } }');
    expect(big.data?.productOfferings).toBeNull();
    expectCodedWithoutLeak(big, 'UPSTREAM_ERROR', catalogue.url);
    const small = await anonymous(tinySubgraph, '{ productOffering(id: "PO-0001") { id } }');
    expect(small.data?.productOffering).toEqual({ id: 'PO-0001' });
  });

  it('fails only the fields the Catalogue owns in an entity batch', async () => {
    catalogue.setKnobs({ errorRate: 1 });
    try {
      const result = await callSubgraph(subgraph.url, 'catalog', principals.anonymous(),
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on ProductOffering { id name } } }',
        { r: [{ __typename: 'ProductOffering', id: 'PO-0001' }, { __typename: 'ProductOffering', id: 'PO-0002' }] });
      expect(result.data?._entities).toEqual([null, null]);
      expectCodedWithoutLeak(result, 'UPSTREAM_ERROR', catalogue.url);
    } finally {
      catalogue.setKnobs({ errorRate: 0 });
    }
  });
});

describe('catalog subgraph: internal token', () => {
  it('refuses a request without the internal token', async () => {
    const result = await callSubgraph(subgraph.url, 'catalog', null, '{ categories { id } }');
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(result.data ?? null).toBeNull();
  });

  it('refuses a token signed by another key, and one meant for another subgraph', async () => {
    const forge = createInternalTokenSigner(generateInternalKeyPair().privateKeyPem);
    const forged = await forge(principals.agent(), 'catalog');
    const forgedResult = await callSubgraph(subgraph.url, 'catalog', null, '{ categories { id } }', {}, forged);
    expect(forgedResult.status).toBe(401);
    expect(forgedResult.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');

    const forParty = await createInternalTokenSigner(TEST_KEYS.privateKeyPem)(principals.agent(), 'party');
    const misdirected = await callSubgraph(subgraph.url, 'catalog', null, '{ _service { sdl } }', {}, forParty);
    expect(misdirected.status).toBe(401);
  });
});
