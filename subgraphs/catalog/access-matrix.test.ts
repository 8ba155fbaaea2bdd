// The domain's "who may see what" for the catalog subgraph, called directly as the gateway would: every
// role on every channel. The catalogue is public; the partner price is trade data, shown only to partners
// on the partner portal and agents on their desk. One character per channel: mobile, web, partner, agent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCatalogue } from '../../dev/legacy/catalogue/server.ts';
import type { StandInHandle } from '../../dev/legacy/common/stand-in.ts';
import { callSubgraph, TEST_KEYS } from '../../test/support/subgraph-client.ts';
import { accessMatrix, outcomeAt, type Caller } from '../../test/support/access-matrix.ts';
import { startSubgraph, type RunningSubgraph } from '../runtime/serving/serve.ts';
import { createCatalogSubgraph } from './index.ts';

const CALLERS: Record<string, Caller> = {
  anonymous: { role: 'anonymous', subject: null },
  customer: { role: 'customer', subject: '100001' },
  partner: { role: 'partner', subject: 'P001' },
  agent: { role: 'agent', subject: 'A001' },
};
const EVERYONE = { anonymous: '++++', customer: '++++', partner: '++++', agent: '++++' };
const TRADE = { anonymous: 'UUUU', customer: 'FFFF', partner: 'FF+F', agent: 'FFF+' };

const FIELDS = [
  { field: 'productOffering(id) with its public price', query: '{ productOffering(id: "PO-0001") { id name price { amount } images { thumbnailUrl } } }',
    path: ['productOffering'], expected: EVERYONE },
  { field: 'productOfferings: the catalogue pages', query: '{ productOfferings(first: 3) { totalCount nodes { id price { amount } } } }',
    path: ['productOfferings'], expected: EVERYONE },
  { field: 'categories and their offerings', query: '{ categories { id name offerings(first: 1) { nodes { id } } } }',
    path: ['categories'], expected: EVERYONE },
  { field: 'ProductOffering.partnerPrice', query: '{ productOffering(id: "PO-0001") { partnerPrice { amount currency } } }',
    path: ['productOffering', 'partnerPrice'], expected: TRADE },
  { field: 'ProductOffering.partnerPrice through _entities', query: '{ _entities(representations: [{ __typename: "ProductOffering", id: "PO-0002" }]) { ... on ProductOffering { partnerPrice { amount } } } }',
    path: ['_entities', 0, 'partnerPrice'], expected: TRADE },
];

let catalogue: StandInHandle;
let subgraph: RunningSubgraph;
beforeAll(async () => {
  catalogue = await startCatalogue({ port: 0, dataset: { offerings: 50 } });
  subgraph = await startSubgraph(createCatalogSubgraph({ catalogueUrl: catalogue.url, timeoutMs: 2_000, maxResponseBytes: 1024 * 1024 }),
    { port: 0, internalTokenPublicKey: TEST_KEYS.publicKeyPem });
});
afterAll(async () => {
  await subgraph?.stop();
  await catalogue?.close();
});

describe('catalog access matrix (role x channel)', () => {
  it.each(FIELDS)('$field', async ({ query, path, expected }) => {
    expect(await accessMatrix(CALLERS, async (principal) => outcomeAt(await callSubgraph(subgraph.url, 'catalog', principal, query), path))).toEqual(expected);
  });
});
