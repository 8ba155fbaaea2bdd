// The domain's "who may see what" for the billing subgraph, called directly as the gateway would: every
// role on every channel, for each sensitive field. One character per channel: mobile, web, partner, agent.
// Another customer's account or bill answers as a missing one (N: NOT_FOUND, or 0: null for an order's bill,
// as for an order not invoiced yet); FORBIDDEN only for what a role may never read, whatever the id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBilling } from '../../dev/legacy/billing/server.ts';
import { getDataset } from '../../dev/legacy/common/dataset.ts';
import type { StandInHandle } from '../../dev/legacy/common/stand-in.ts';
import { callSubgraph, TEST_KEYS } from '../../test/support/subgraph-client.ts';
import { accessMatrix, outcomeAt, type Caller } from '../../test/support/access-matrix.ts';
import { startSubgraph, type RunningSubgraph } from '../runtime/serving/serve.ts';
import { BILLING_DEFAULTS } from './config.ts';
import { createBillingSubgraph } from './index.ts';

const DATASET = { customers: 200, orders: 2000, invoices: 2400 };
const invoice = getDataset(DATASET).invoices.find((i) => i.orderId !== null)!;
const owner = String(invoice.customerId);
const CALLERS: Record<string, Caller> = {
  anonymous: { role: 'anonymous', subject: null },
  'the customer': { role: 'customer', subject: owner },
  'another customer': { role: 'customer', subject: String(invoice.customerId + 1) },
  partner: { role: 'partner', subject: 'P001' },
  agent: { role: 'agent', subject: 'A001' },
};
const ownerOnly = (another: string) => ({ anonymous: 'UUUU', 'the customer': '++++', 'another customer': another, partner: 'FFFF', agent: '++++' });
const reps = (typename: string, id: string) => ({ r: [{ __typename: typename, id }] });
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) {';

const FIELDS = [
  { field: "Customer.bills: the customer's bills", query: `${ENTITIES} ... on Customer { bills(first: 2) { totalCount nodes { id } } } } }`,
    variables: reps('Customer', owner), path: ['_entities', 0, 'bills'], another: 'NNNN' },
  { field: 'Customer.balance: what the customer owes', query: `${ENTITIES} ... on Customer { balance { openAmount { amount } } } } }`,
    variables: reps('Customer', owner), path: ['_entities', 0, 'balance'], another: 'NNNN' },
  { field: 'customerBill(id): one bill', query: 'query($id: ID!) { customerBill(id: $id) { id state amountDue { amount } order { id } } }',
    variables: { id: invoice.number }, path: ['customerBill'], another: 'NNNN' },
  { field: "ProductOrder.bill: an order's bill", query: `${ENTITIES} ... on ProductOrder { bill { id state } } } }`,
    variables: reps('ProductOrder', invoice.orderId!), path: ['_entities', 0, 'bill'], another: '0000' },
  { field: 'CustomerBill through _entities (as the gateway reaches it)', query: `${ENTITIES} ... on CustomerBill { id amountDue { amount } } } }`,
    variables: reps('CustomerBill', invoice.number), path: ['_entities', 0], another: 'NNNN' },
];

let billing: StandInHandle;
let subgraph: RunningSubgraph;
beforeAll(async () => {
  billing = await startBilling({ port: 0, dataset: DATASET });
  const definition = createBillingSubgraph({ billingUrl: billing.url, timeoutMs: 5_000, maxResponseBytes: BILLING_DEFAULTS.maxResponseBytes });
  subgraph = await startSubgraph(definition, { port: 0, internalTokenPublicKey: TEST_KEYS.publicKeyPem });
});
afterAll(async () => {
  await subgraph.stop();
  await billing.close();
});

describe('billing access matrix (role x channel)', () => {
  it.each(FIELDS)('$field: the customer billed and agents only', async ({ query, variables, path, another }) => {
    const matrix = await accessMatrix(CALLERS, async (principal) => outcomeAt(await callSubgraph(subgraph.url, 'billing', principal, query, variables), path));
    expect(matrix).toEqual(ownerOnly(another));
  });
});
