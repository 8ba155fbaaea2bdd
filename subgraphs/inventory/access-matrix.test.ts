// The domain's "who may see what" for the inventory subgraph, called directly as the gateway would: every
// role on every channel. Availability is public; stock per warehouse is trade data, shown only to partners
// on the partner portal and agents on their desk. One character per channel: mobile, web, partner, agent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandInHandle } from '../../dev/legacy/common/stand-in.ts';
import { startErp } from '../../dev/legacy/erp/server.ts';
import { callSubgraph, TEST_KEYS } from '../../test/support/subgraph-client.ts';
import { accessMatrix, outcomeAt, type Caller } from '../../test/support/access-matrix.ts';
import { startSubgraph, type RunningSubgraph } from '../runtime/serving/serve.ts';
import { INVENTORY_DEFAULTS } from './config.ts';
import { createInventorySubgraph } from './index.ts';

const CALLERS: Record<string, Caller> = {
  anonymous: { role: 'anonymous', subject: null },
  customer: { role: 'customer', subject: '100001' },
  partner: { role: 'partner', subject: 'P001' },
  agent: { role: 'agent', subject: 'A001' },
};
const EVERYONE = { anonymous: '++++', customer: '++++', partner: '++++', agent: '++++' };
const availability = (fields: string) =>
  `{ _entities(representations: [{ __typename: "ProductOffering", id: "PO-0001" }]) { ... on ProductOffering { availability { ${fields} } } } }`;

const FIELDS = [
  { field: 'ProductOffering.availability', query: availability('status availableQuantity leadTimeDays'),
    path: ['_entities', 0, 'availability'], expected: EVERYONE },
  { field: 'ProductAvailability.stockLevels', query: availability('stockLevels { warehouseCode availableQuantity }'),
    path: ['_entities', 0, 'availability', 'stockLevels'],
    expected: { anonymous: 'UUUU', customer: 'FFFF', partner: 'FF+F', agent: 'FFF+' } },
  { field: 'warehouses', query: '{ warehouses { code name } }', path: ['warehouses'], expected: EVERYONE },
];

let erp: StandInHandle;
let subgraph: RunningSubgraph;
beforeAll(async () => {
  erp = await startErp({ port: 0, dataset: { customers: 200, orders: 2000, invoices: 2400 } });
  subgraph = await startSubgraph(createInventorySubgraph({ erpUrl: erp.url, timeoutMs: 5_000, maxResponseBytes: INVENTORY_DEFAULTS.maxResponseBytes }),
    { port: 0, internalTokenPublicKey: TEST_KEYS.publicKeyPem });
});
afterAll(async () => {
  await subgraph.stop();
  await erp.close();
});

describe('inventory access matrix (role x channel)', () => {
  it.each(FIELDS)('$field', async ({ query, path, expected }) => {
    expect(await accessMatrix(CALLERS, async (principal) => outcomeAt(await callSubgraph(subgraph.url, 'inventory', principal, query), path))).toEqual(expected);
  });
});
