// The domain's "who may see what" for the ordering subgraph, called directly as the gateway would: every
// role on every channel, for each sensitive field. One character per channel: mobile, web, partner, agent.
// An account or order the caller may not see answers as a missing one (N: NOT_FOUND); FORBIDDEN (F) is for
// what a role may never do or read whatever the id (partners and accounts, a customer naming another account).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset } from '../../dev/legacy/common/dataset.ts';
import { accessMatrix, outcomeAt, type Caller } from '../../test/support/access-matrix.ts';
import { startOrderingStack, TEST_DATASET, type OrderingStack } from '../../test/support/ordering-stack.ts';

const order = getDataset(TEST_DATASET).orders.find((o) => o.partnerId !== null)!;
const owner = String(order.customerId);
const CALLERS: Record<string, Caller> = {
  anonymous: { role: 'anonymous', subject: null },
  'the customer': { role: 'customer', subject: owner },
  'another customer': { role: 'customer', subject: String(order.customerId + 1) },
  'its partner': { role: 'partner', subject: order.partnerId },
  'another partner': { role: 'partner', subject: order.partnerId === 'P001' ? 'P002' : 'P001' },
  agent: { role: 'agent', subject: 'A001' },
};
const ownerRep = { r: [{ __typename: 'Customer', id: owner }] };
/** An ACKNOWLEDGED order of the same customer, placed in beforeAll (the partner order is long completed). */
const cancellable = { input: { orderId: '' } };
const orderRep = { r: [{ __typename: 'ProductOrder', id: order.id }] };

const FIELDS = [
  {
    field: "Customer.orders: the customer's orders",
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { orders(first: 2) { totalCount nodes { id } } } } }',
    variables: ownerRep, path: ['_entities', 0, 'orders'],
    expected: { anonymous: 'UUUU', 'the customer': '++++', 'another customer': 'NNNN', 'its partner': 'FFFF', 'another partner': 'FFFF', agent: '++++' },
  },
  {
    field: "Customer.cart: the customer's cart",
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { cart { id itemCount } } } }',
    variables: ownerRep, path: ['_entities', 0, 'cart'],
    expected: { anonymous: 'UUUU', 'the customer': '++++', 'another customer': 'NNNN', 'its partner': 'FFFF', 'another partner': 'FFFF', agent: '++++' },
  },
  {
    field: 'productOrder(id): an order placed through a partner',
    query: 'query($id: ID!) { productOrder(id: $id) { id state total { amount } items { quantity } } }',
    variables: { id: order.id }, path: ['productOrder'],
    expected: { anonymous: 'UUUU', 'the customer': '++++', 'another customer': 'NNNN', 'its partner': '++++', 'another partner': 'NNNN', agent: '++++' },
  },
  {
    field: 'ProductOrder.customer: the account behind an order (never for partners)',
    query: 'query($id: ID!) { productOrder(id: $id) { customer { id } } }',
    variables: { id: order.id }, path: ['productOrder', 'customer'],
    expected: { anonymous: 'UUUU', 'the customer': '++++', 'another customer': 'NNNN', 'its partner': 'FFFF', 'another partner': 'NNNN', agent: '++++' },
  },
  {
    field: 'ProductOrder through _entities (as billing and the gateway reach it)',
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on ProductOrder { id state } } }',
    variables: orderRep, path: ['_entities', 0],
    expected: { anonymous: 'UUUU', 'the customer': '++++', 'another customer': 'NNNN', 'its partner': '++++', 'another partner': 'NNNN', agent: '++++' },
  },
  {
    field: "addCartItem on the customer's cart (an agent names the customer)",
    query: 'mutation($input: AddCartItemInput!) { addCartItem(input: $input) { id itemCount } }',
    variables: { input: { productOfferingId: 'PO-0001', quantity: 1, customerId: owner } }, path: ['addCartItem'],
    expected: { anonymous: 'UUUU', 'the customer': '++++', 'another customer': 'FFFF', 'its partner': 'FFFF', 'another partner': 'FFFF', agent: '++++' },
  },
  {
    // Repeated on every channel: the first call cancels, the next ones are harmless retries.
    field: "cancelOrder on the customer's order (decided on the order the OMS returns)",
    query: 'mutation($input: CancelOrderInput!) { cancelOrder(input: $input) { id state } }',
    variables: cancellable, path: ['cancelOrder'],
    expected: { anonymous: 'UUUU', 'the customer': '++++', 'another customer': 'NNNN', 'its partner': 'FFFF', 'another partner': 'FFFF', agent: '++++' },
  },
];

let stack: OrderingStack;
beforeAll(async () => {
  stack = await startOrderingStack();
  const customer = { role: 'customer', subject: owner, scopes: [], channel: 'web', client: null } as const;
  await stack.call(customer, 'mutation { addCartItem(input: { productOfferingId: "PO-0002", quantity: 1 }) { id } }');
  const placed = await stack.call(customer, 'mutation { placeOrder(input: { idempotencyKey: "matrix-cancellable" }) { id state } }');
  expect(placed.data?.placeOrder.state).toBe('ACKNOWLEDGED');
  cancellable.input.orderId = placed.data?.placeOrder.id;
});
afterAll(async () => { await stack.stop(); });

describe('ordering access matrix (role x channel)', () => {
  it.each(FIELDS)('$field', async ({ query, variables, path, expected }) => {
    expect(await accessMatrix(CALLERS, async (principal) => outcomeAt(await stack.call(principal, query, variables), path))).toEqual(expected);
  });

  it('refuses every mutation to anonymous callers and partners on every channel, before calling the OMS', async () => {
    const { anonymous, 'its partner': partner } = CALLERS;
    const mutations = [
      ['addCartItem', '{ productOfferingId: "PO-0001", quantity: 1 }'],
      ['updateCartItemQuantity', `{ itemId: "${owner}:1", quantity: 2 }`],
      ['removeCartItem', `{ itemId: "${owner}:1" }`],
      ['placeOrder', '{ idempotencyKey: "matrix-key-0001" }'],
      ['cancelOrder', `{ orderId: "${order.id}" }`],
    ] as const;
    stack.oms.resetStats();
    for (const [name, input] of mutations) {
      const matrix = await accessMatrix({ anonymous: anonymous!, partner: partner! }, async (principal) =>
        outcomeAt(await stack.call(principal, `mutation { ${name}(input: ${input}) { id } }`), [name]));
      expect(matrix, name).toEqual({ anonymous: 'UUUU', partner: 'FFFF' });
    }
    expect(stack.oms.stats().total).toBe(0);
  });
});
