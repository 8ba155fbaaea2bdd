/**
 * The benchmark's baseline: @apollo/gateway on @apollo/server's standalone server with default settings,
 * over the same subgraphs, adding only what they require: an internal token for the caller, whose
 * customer id is read from the bearer token's payload without verifying it (no JWKS, no JWT check, no
 * plugins); without a bearer token the caller is anonymous on the web channel.
 *   node --import tsx dev/bench/vanilla-gateway.ts <config.json>
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createInternalTokenSigner, INTERNAL_TOKEN_HEADER } from '../../contracts/internal-token.ts';
import { ANONYMOUS_WEB, type Principal } from '../../contracts/principal.ts';

process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
const config = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as {
  supergraphFile: string; subgraphUrls: Record<string, string>; privateKeyPem: string;
};
// The signer keeps each principal's token until half its life: one signature per customer and subgraph.
const sign = createInternalTokenSigner(config.privateKeyPem, 3600);

function principalOf(authorization: string | undefined): Principal {
  const payload = authorization?.startsWith('Bearer ') ? authorization.slice(7).split('.')[1] : undefined;
  if (!payload) return ANONYMOUS_WEB;
  const { sub } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub: string };
  return { role: 'customer', subject: sub, scopes: [], channel: 'mobile', client: null };
}

interface Context { principal: Principal }

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(config.supergraphFile, 'utf8'),
  buildService: ({ name }) => new RemoteGraphQLDataSource<Context>({
    url: config.subgraphUrls[name] as string,
    willSendRequest: async ({ request, context }) => {
      request.http?.headers.set(INTERNAL_TOKEN_HEADER, await sign(context.principal ?? ANONYMOUS_WEB, name));
    },
  }),
});
const server = new ApolloServer<Context>({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: 0, host: '127.0.0.1' },
  context: async ({ req }) => ({ principal: principalOf(req.headers.authorization) }),
});
console.log(`vanilla gateway ready at ${url}`);
process.on('SIGTERM', () => { server.stop().then(() => process.exit(0)); });
