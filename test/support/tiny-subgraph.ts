/**
 * A small subgraph that is not ours (no internal-token check), to show that the gateway serves any
 * supergraph. `slow(ms)` holds a request open, for graceful-shutdown tests.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { composeSubgraphs } from '../../schema/composition/compose.ts';

const SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Query {
  hello: String
  slow(ms: Int!): String
  "Whether the request carried the gateway's internal token header."
  sawInternalToken: Boolean
}`;

export interface TinySubgraph { url: string; supergraphFile: string; stop(): Promise<void> }

export async function startTinySubgraph(): Promise<TinySubgraph> {
  const server = new ApolloServer<{ token: boolean }>({
    schema: buildSubgraphSchema([{
      typeDefs: parse(SDL),
      resolvers: {
        Query: {
          hello: () => 'world',
          slow: async (_: unknown, { ms }: { ms: number }) => { await new Promise((r) => setTimeout(r, ms)); return `waited ${ms}`; },
          sawInternalToken: (_: unknown, __: unknown, ctx: { token: boolean }) => ctx.token,
        },
      },
    }]),
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ token: typeof req.headers['passerelle-internal-token'] === 'string' }),
  });
  const result = composeSubgraphs([{ name: 'tiny', url, sdl: SDL }]);
  if (!result.supergraphSdl) throw new Error(result.errors.join('\n'));
  const supergraphFile = join(tmpdir(), `passerelle-tiny-${process.pid}-${Date.now()}.graphql`);
  writeFileSync(supergraphFile, result.supergraphSdl);
  return { url, supergraphFile, stop: () => server.stop() };
}
