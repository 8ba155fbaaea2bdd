/**
 * One running subgraph and two compositions of it: v1 without `greeting`, v2 with it, as a subgraph team
 * would publish a new field. The subgraph resolves both, so only the supergraph decides what is served.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { composeSubgraphs } from '../../schema/composition/compose.ts';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const V1 = `${LINK}\ntype Query { hello: String }`;
const V2 = `${LINK}\ntype Query { hello: String greeting: String }`;

export interface VersionedSubgraph { v1: string; v2: string; stop(): Promise<void> }

export async function startVersionedSubgraph(): Promise<VersionedSubgraph> {
  const server = new ApolloServer({
    schema: buildSubgraphSchema([{ typeDefs: parse(V2), resolvers: { Query: { hello: () => 'world', greeting: () => 'bonjour' } } }]),
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  const compose = (sdl: string) => {
    const result = composeSubgraphs([{ name: 'greetings', url, sdl }]);
    if (!result.supergraphSdl) throw new Error(result.errors.join('\n'));
    return result.supergraphSdl;
  };
  return { v1: compose(V1), v2: compose(V2), stop: () => server.stop() };
}
