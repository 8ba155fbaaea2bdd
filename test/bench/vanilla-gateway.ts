/**
 * The benchmark's baseline: @apollo/gateway on @apollo/server's standalone server with default settings,
 * over the same subgraphs, adding only what they require: an internal token (signed once, for the
 * benchmark's principal). No JWT verification, no plugins.
 *   node --import tsx test/bench/vanilla-gateway.ts <config.json>
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createInternalTokenSigner, INTERNAL_TOKEN_HEADER } from '../../gateway/auth/internal-token.ts';
import type { Principal } from '../../gateway/auth/principal.ts';

process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
const config = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as {
  supergraphFile: string; subgraphUrls: Record<string, string>; privateKeyPem: string; principal: Principal;
};
const sign = createInternalTokenSigner(config.privateKeyPem, 3600);
const tokens = Object.fromEntries(await Promise.all(Object.keys(config.subgraphUrls).map(async (name) => [name, await sign(config.principal, name)])));

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(config.supergraphFile, 'utf8'),
  buildService: ({ name }) => new RemoteGraphQLDataSource({
    url: config.subgraphUrls[name] as string,
    willSendRequest: ({ request }) => { request.http?.headers.set(INTERNAL_TOKEN_HEADER, tokens[name] as string); },
  }),
});
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
console.log(`vanilla gateway ready at ${url}`);
process.on('SIGTERM', () => { server.stop().then(() => process.exit(0)); });
