import { readFileSync } from 'node:fs';
import { buildSchema, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadClientOperations } from '../../clients/operations.ts';
import { printSupergraphApiSchema } from '../../schema/composition/api-schema.ts';
import { CHANNELS, type Channel } from '../../contracts/principal.ts';
import { loadGatewayConfig } from '../config.ts';
import { costViolation, documentViolation, violationMessage, type OperationUnderCheck } from './check-limits.ts';
import { LIMIT_DEFAULTS, type OperationLimits } from './limits-config.ts';

const tree = buildSchema(`
  type Query { node: Node nodes(first: Int): [Node!]! hello: String }
  type Node { id: ID child: Node children(first: Int): [Node!]! }
`);

function under(source: string, variables: Record<string, unknown> = {}, schema = tree): OperationUnderCheck {
  const document = parse(source);
  return { schema, document, source, operation: getOperationAST(document) as never, variables };
}
const limits = (overrides: Partial<OperationLimits>): OperationLimits => ({ ...LIMIT_DEFAULTS.default, ...overrides });
const check = (op: OperationUnderCheck, l: OperationLimits) => documentViolation(op, l) ?? costViolation(op, l);

describe('operation limits of one channel', () => {
  it('limits depth, fragments adding no level', () => {
    const deep = under('{ node { child { child { id } } } }');
    expect(check(deep, limits({ maxDepth: 4 }))).toBeNull();
    expect(check(deep, limits({ maxDepth: 3 }))).toEqual({ limit: 'maxDepth', max: 3, found: null });
    expect(check(under('{ node { ...F } } fragment F on Node { child { ... on Node { id } } }'), limits({ maxDepth: 3 }))).toBeNull();
  });

  it('limits aliases and directives', () => {
    expect(check(under('{ a: hello b: hello t: __typename }'), limits({ maxAliases: 2 }))).toBeNull();
    expect(check(under('{ a: hello b: hello c: hello }'), limits({ maxAliases: 2 }))).toEqual({ limit: 'maxAliases', max: 2, found: null });
    expect(check(under('{ hello @skip(if: false) node @include(if: true) { id @skip(if: false) } }'), limits({ maxDirectives: 2 }))).toEqual({ limit: 'maxDirectives', max: 2, found: null });
  });

  it('limits tokens and nesting on the text, stopping at the limit', () => {
    const op = under('{ node { id child { id } } }');
    expect(check(op, limits({ maxTokens: 10 }))).toBeNull(); // { node { id child { id } } }: 10 tokens
    expect(check(op, limits({ maxTokens: 9 }))).toEqual({ limit: 'maxTokens', max: 9, found: null });
    expect(check(op, limits({ maxNesting: 3 }))).toBeNull();
    expect(check(op, limits({ maxNesting: 2 }))).toEqual({ limit: 'maxNesting', max: 2, found: null });
  });

  it('limits the selections of the operation with its fragments expanded', () => {
    const op = under('{ node { ...N ...N } } fragment N on Node { id child { id } }');
    expect(check(op, limits({ maxSelections: 9 }))).toBeNull(); // node, 2 x (spread, id, child, id)
    expect(check(op, limits({ maxSelections: 8 }))).toEqual({ limit: 'maxSelections', max: 8, found: null });
  });

  it('limits root fields, counting aliases and fragments but not __typename', () => {
    const op = under('{ a: hello b: hello ...R __typename } fragment R on Query { node { id } }');
    expect(check(op, limits({ maxRootFields: 3 }))).toBeNull();
    expect(check(op, limits({ maxRootFields: 2 }))).toEqual({ limit: 'maxRootFields', max: 2, found: null });
  });

  it('limits the list-size-aware cost, variables included', () => {
    const op = (n: number) => under('query ($n: Int) { nodes(first: $n) { children(first: $n) { id } } }', { n });
    expect(check(op(9), limits({ maxCost: 90 }))).toBeNull();
    expect(check(op(10), limits({ maxCost: 90 }))).toEqual({ limit: 'maxCost', max: 90, found: null });
    // Two root fields each within the limit: the total is known, and said.
    const two = under('{ a: nodes(first: 5) { id } b: nodes(first: 5) { id } }');
    expect(check(two, limits({ maxCost: 9 }))).toEqual({ limit: 'maxCost', max: 9, found: 10 });
  });

  it('says which limit and its value, and nothing about the server', () => {
    expect(violationMessage({ limit: 'maxDepth', max: 8, found: 9 }, 'mobile')).toBe('The operation exceeds the depth limit of 8 (maxDepth) for the mobile channel (found 9).');
    expect(violationMessage({ limit: 'maxTokens', max: 500, found: null }, 'web')).toBe('The operation exceeds the token limit of 500 (maxTokens) for the web channel.');
  });
});

describe('the default limits', () => {
  const api = buildSchema(printSupergraphApiSchema(readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8')));
  const byChannel = loadGatewayConfig({ supergraphFile: 'x' }).limits;

  it('let every registered client operation through on its channel, and on the agent desk', () => {
    const operations = loadClientOperations();
    expect(operations.length).toBeGreaterThan(5);
    for (const op of operations) {
      for (const channel of [op.channel as Channel, 'agent' as const]) {
        expect(check(under(op.source, {}, api), byChannel[channel]), `${op.file} on ${channel}`).toBeNull();
      }
    }
    const catalogPage = loadClientOperations().find((o) => o.name === 'CatalogPage');
    expect(check(under(catalogPage?.source ?? '', { first: 100 }, api), byChannel.web)).toBeNull();
  });

  it('refuse walking customers, their orders and their items a hundred at a time, on every channel', () => {
    const walk = under('{ customers(first: 100) { nodes { orders(first: 100) { nodes { items { quantity } } } } } }', {}, api);
    for (const channel of CHANNELS) expect(check(walk, byChannel[channel])?.limit).toBe('maxCost');
  });
});
