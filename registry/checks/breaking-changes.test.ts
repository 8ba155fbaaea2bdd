import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schemaChanges, touchedBy } from './breaking-changes.ts';
import { checkClientOperations } from './client-operations.ts';
import { elementsUsed } from './operation-usage.ts';

const BEFORE = `
  type Query { order(id: ID!): Order  orders(filter: OrderFilter): [Order!]  node: Node }
  interface Node { id: ID! }
  type Order implements Node { id: ID! state: OrderState! total(currency: String): Float note: String }
  enum OrderState { OPEN DONE CANCELLED }
  input OrderFilter { state: OrderState range: DateRange }
  input DateRange { from: String to: String }
`;
const before = buildSchema(BEFORE);
const change = (sdl: string) => schemaChanges(before, buildSchema(sdl)).breaking;
const keysOf = (sdl: string) => change(sdl).flatMap((c) => touchedBy(c, before));

describe('what a breaking change touches', () => {
  it('maps each kind of change to the element an operation must use to be affected', () => {
    expect(keysOf(BEFORE.replace(' note: String', ''))).toEqual(['Order.note']);
    expect(keysOf(BEFORE.replace('note: String', 'note: Int'))).toEqual(['Order.note']);
    expect(keysOf(BEFORE.replace(' CANCELLED', ''))).toEqual(['OrderState']);
    expect(keysOf(BEFORE.replace('total(currency: String)', 'total(currency: String, rounding: Int!)'))).toEqual(['Order.total']);
    expect(keysOf(BEFORE.replace('total(currency: String)', 'total(currency: Int)'))).toEqual(['Order.total(currency:)']);
    expect(keysOf(BEFORE.replace('total(currency: String)', 'total'))).toEqual(['Order.total(currency:)']);
    expect(keysOf(BEFORE.replace('to: String }', 'to: String  zone: String! }'))).toEqual(['DateRange']);
    expect(keysOf(BEFORE.replace('type Order implements Node', 'type Order'))).toEqual(['Node']);
  });

  it('lists the elements an operation uses, nested input types included', () => {
    const used = elementsUsed(before, parse('query($f: OrderFilter) { orders(filter: $f) { id total(currency: "EUR") } node { ... on Order { state } } }'));
    expect([...used].sort()).toEqual([
      'DateRange', 'ID', 'Node', 'Order', 'Order.id', 'Order.state', 'Order.total', 'Order.total(currency:)', 'OrderFilter', 'OrderState',
      'Query.node', 'Query.orders', 'Query.orders(filter:)', 'Float', 'String',
    ].sort());
  });
});

describe('checking client operations', () => {
  const client = (body: string) => [{ client: 'app', clientVersion: '2.0.0', channel: 'mobile', operations: [{ id: '1', name: 'Op', body }] }];

  it('breaks an operation reading an output enum that lost a value, although it still validates', () => {
    const afterSdl = BEFORE.replace(' CANCELLED', '');
    const breaking = change(afterSdl);
    const result = checkClientOperations(client('{ order(id: "1") { state } }'), before, buildSchema(afterSdl), breaking);
    expect(result.broken).toEqual([{ client: 'app', clientVersion: '2.0.0', channel: 'mobile', operation: 'Op', errors: ['Breaking change it uses: CANCELLED was removed from enum type OrderState.'] }]);
    expect(checkClientOperations(client('{ order(id: "1") { note } }'), before, buildSchema(afterSdl), breaking).broken).toEqual([]);
  });

  it('breaks an operation when a nested input type gains a required field', () => {
    const afterSdl = BEFORE.replace('to: String }', 'to: String  zone: String! }');
    const op = 'query($f: OrderFilter) { orders(filter: $f) { id } }';
    expect(checkClientOperations(client(op), before, buildSchema(afterSdl), change(afterSdl)).broken).toHaveLength(1);
  });

  it('reports an operation that does not even parse as not servable rather than broken by the candidate', () => {
    const result = checkClientOperations(client('{ order('), before, before, []);
    expect(result.broken).toEqual([]);
    expect(result.notServable[0]).toMatchObject({ rule: 'operation-not-servable', coordinate: 'app@2.0.0 mobile/Op' });
    expect(result.notServable[0]?.message).toMatch(/Syntax Error/);
  });
});
