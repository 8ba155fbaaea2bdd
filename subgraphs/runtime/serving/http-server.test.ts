// The subgraph HTTP server: health, readiness, GraphQL, refusals, and a drain load balancers can follow.
import { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSubgraphHttp } from './http-server.ts';

const graphql = (url: string, body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('subgraph HTTP server', () => {
  let apollo: ApolloServer;
  beforeAll(async () => {
    apollo = new ApolloServer({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'world' } } });
    await apollo.start();
  });
  afterAll(() => apollo.stop());

  it('serves GraphQL, /health and /ready, and refuses bad bodies and other paths with codes', async () => {
    const http = await serveSubgraphHttp(apollo, { port: 0, host: '127.0.0.1', notReadyMs: 0, context: async () => ({}) });
    try {
      expect(await (await graphql(http.url, '{"query":"{ hello }"}')).json()).toEqual({ data: { hello: 'world' } });
      expect((await fetch(`${http.url}health`)).status).toBe(200);
      expect(await (await fetch(`${http.url}ready`)).json()).toEqual({ ready: true });
      const bad = await graphql(http.url, '{"query":');
      expect([bad.status, ((await bad.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code]).toEqual([400, 'BAD_REQUEST']);
      expect((await fetch(`${http.url}elsewhere`)).status).toBe(404);
    } finally {
      await http.close();
    }
  });

  it('on close, says not ready while still serving, then stops accepting', async () => {
    const http = await serveSubgraphHttp(apollo, { port: 0, host: '127.0.0.1', notReadyMs: 1_500, context: async () => ({}) });
    const closed = http.close();
    const ready = await fetch(`${http.url}ready`);
    expect([ready.status, await ready.json()]).toEqual([503, { ready: false }]);
    expect(await (await graphql(http.url, '{"query":"{ hello }"}')).json()).toEqual({ data: { hello: 'world' } });
    await closed;
    await expect(fetch(`${http.url}health`)).rejects.toThrow();
  });
});
