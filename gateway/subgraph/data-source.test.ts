// The subgraph data source, against a real HTTP subgraph stand-in: every request that uses a fetch, its
// own or one it joined, takes that fetch's cache hint and start time; a request that joined a fetch sent
// before an invalidation it may have seen fetches again; failures name no subgraph.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS_WEB, type Principal } from '../../contracts/principal.ts';
import { newRequestEntities, type GatewayContext } from '../context.ts';
import { createSubgraphAgent, SubgraphDataSource } from './data-source.ts';

interface Hint { maxAge?: number; scope?: string }
const CUSTOMER: Principal = Object.freeze({ role: 'customer', subject: '100001', scopes: [], channel: 'mobile', client: null });

/** What Apollo Server's request context offers the data source, with the hints recorded. */
function incomingRequest(principal: Principal, startedAt = Date.now()) {
  const hints: Hint[] = [];
  const contextValue: GatewayContext = { principal, entities: newRequestEntities(startedAt), startedAt, deadline: startedAt + 10_000, clientAddress: '127.0.0.1' };
  const options = {
    kind: 'incoming operation',
    request: { query: '{ x }', variables: {} },
    context: contextValue,
    incomingRequestContext: { overallCachePolicy: { restrict: (hint: Hint) => hints.push(hint) } },
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
  return { options, hints, context: contextValue };
}

describe('subgraph data source', () => {
  let server: Server;
  let url = '';
  let served = 0;
  let delayMs = 60;
  let cacheControl = 'max-age=10, private';
  let invalidated = false;
  const agent = createSubgraphAgent(2_000);
  const sourceFor = (target: string) => new SubgraphDataSource({
    name: 'party', url: target, timeoutMs: 2_000, agent, sign: async () => 'signed',
    invalidatedSince: async (tags) => invalidated && tags.includes('Customer:100001'),
  });

  beforeAll(async () => {
    server = createServer((_req, res) => {
      served += 1;
      const body = JSON.stringify({ data: { x: served }, extensions: { passerelleEntities: { returned: ['Customer:100001'], invalidated: [] } } });
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json', 'cache-control': cacheControl }).end(body), delayMs);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => { await agent.close(); server.close(); });

  it('gives a request that joined another\'s fetch that fetch\'s hint, entities and start, as if it had sent it', async () => {
    const source = sourceFor(url);
    const before = served;
    const first = incomingRequest(CUSTOMER);
    const pending = source.process(first.options);
    await new Promise((r) => setTimeout(r, 20));
    const second = incomingRequest(CUSTOMER);
    const [a, b] = await Promise.all([pending, source.process(second.options)]);
    expect(served - before).toBe(1);
    expect(source.coalesced).toBe(1);
    expect(b.data).toEqual(a.data);
    for (const request of [first, second]) {
      expect(request.hints).toEqual([{ maxAge: 10, scope: 'PRIVATE' }]);
      expect([...request.context.entities.returned]).toEqual(['Customer:100001']);
    }
    // The joiner's data is as old as the fetch it joined, older than the joiner itself.
    expect(second.context.entities.dataSince).toBeGreaterThanOrEqual(first.context.startedAt);
    expect(second.context.entities.dataSince).toBeLessThan(second.context.startedAt);
  });

  it('is private unless the subgraph says public', async () => {
    const source = sourceFor(url);
    for (const [header, scope] of [['max-age=300', 'PRIVATE'], ['max-age=300, public', 'PUBLIC']] as const) {
      cacheControl = header;
      const request = incomingRequest(ANONYMOUS_WEB);
      await source.process(request.options);
      expect(request.hints).toEqual([{ maxAge: 300, scope }]);
    }
    cacheControl = 'max-age=10, private';
  });

  it('fetches afresh when a fetch it joined began before an invalidation of what it returned', async () => {
    const source = sourceFor(url);
    const before = served;
    const first = incomingRequest(CUSTOMER);
    const pending = source.process(first.options);
    await new Promise((r) => setTimeout(r, 20));
    invalidated = true;
    const second = incomingRequest(CUSTOMER);
    const [a, b] = await Promise.all([pending, source.process(second.options)]);
    invalidated = false;
    expect(served - before).toBe(2);
    expect(b.data).not.toEqual(a.data);
    expect(second.context.entities.dataSince).toBeGreaterThanOrEqual(second.context.startedAt);
  });

  it('answers SUBGRAPH_UNAVAILABLE naming no subgraph, host or port, and leaves the request uncacheable', async () => {
    const source = sourceFor('http://127.0.0.1:1/graphql');
    const request = incomingRequest(CUSTOMER);
    const response = await source.process(request.options);
    expect(response.errors?.[0]?.extensions?.['code']).toBe('SUBGRAPH_UNAVAILABLE');
    expect(JSON.stringify(response.errors)).not.toMatch(/party|127\.0\.0\.1|:1\b/);
    expect(request.hints).toEqual([{ maxAge: 0, scope: 'PRIVATE' }]);
  });
});
