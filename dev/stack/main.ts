/**
 * `npm start`: the whole system on its default ports, with a banner that says how to use it.
 * REDIS_URL switches the gateway's cache to Redis; without it the cache is in memory.
 * PASSERELLE_PORT_OFFSET=N moves every port by N (gateway 4000+N, identity 4100+N, ...).
 * PASSERELLE_CORS_ORIGINS (comma-separated) replaces the browser origins the gateway allows (default in
 * development: any http://localhost or http://127.0.0.1 port, e.g. a Vite app on http://localhost:5173).
 */
import { parseOriginList } from '../../gateway/http/cors.ts';
import { startStack } from './stack.ts';

process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';

const t0 = Date.now();
const portOffset = Number(process.env['PASSERELLE_PORT_OFFSET'] ?? 0);
if (!Number.isInteger(portOffset) || portOffset < 0 || portOffset > 50_000) {
  console.error('PASSERELLE_PORT_OFFSET must be an integer between 0 and 50000.');
  process.exit(2);
}
const registryDir = process.env['PASSERELLE_REGISTRY_DIR'];
const stack = await startStack({
  ports: 'fixed', portOffset,
  // The gateway follows the schema registry, so that a published change is served without a restart.
  registry: registryDir ? { dir: registryDir } : {},
  ...(process.env['REDIS_URL'] ? { redisUrl: process.env['REDIS_URL'] } : {}),
  ...(process.env['PASSERELLE_CORS_ORIGINS'] !== undefined ? { gateway: { cors: { allowedOrigins: parseOriginList(process.env['PASSERELLE_CORS_ORIGINS']) } } } : {}),
}).catch((error: unknown) => {
  const message = (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
    ? `A port is already in use (${(error as Error).message}): is another "npm start" running?`
    : `Start-up failed: ${(error as Error).message}`;
  console.error(message);
  process.exit(1);
});

const sandbox = stack.gateway.url.replace(/\/graphql$/, '/');
// Issued to the mobile app, as the headers below declare (a token's client and the declared client must agree).
const customerToken = await stack.idp.tokenFor('customer', { client: 'passerelle-mobile' });
const line = (label: string, value: string) => console.log(`  ${label.padEnd(22)} ${value}`);
console.log('\nPasserelle is running.\n');
line('Apollo Sandbox', sandbox);
line('GraphQL endpoint', stack.gateway.url);
line('Gateway admin', `${stack.gateway.adminUrl}/ready, ${stack.gateway.adminUrl}/metrics  (loopback only)`);
line('Identity provider', `${stack.idp.issuer}  (users: ${stack.idp.users.map((u) => u.username).join(', ')})`);
if (stack.registry) line('Schema registry', `${stack.registry.url}  (docs: ${stack.registry.url}/docs; ${registryDir ? `store ${registryDir}` : 'a new store for this run'})`);
for (const [name, s] of Object.entries(stack.subgraphs)) line(`subgraph ${name}`, s.url);
for (const [name, h] of Object.entries(stack.legacy)) line(`legacy ${name}`, `${h.url}  (${h.url}/__admin/stats)`);
console.log(`
To call the graph as a demo customer, paste this into Sandbox's Headers panel (or get another with
"npm run token -- --as customer|customer-many|partner|agent|customer:<id> [--client mobile|web] --header${portOffset ? ` --idp ${stack.idp.issuer}` : ''}"):

  {"Authorization": "Bearer ${customerToken}", "apollographql-client-name": "passerelle-mobile", "apollographql-client-version": "1.0.0"}
`);
if (stack.registry) {
  console.log(`To publish a subgraph change as its owner (the gateway picks it up without a restart):

  PASSERELLE_REGISTRY_URL=${stack.registry.url} PASSERELLE_REGISTRY_TOKEN=${stack.registry.devTokens?.['dev-catalog']} \\
    npm run schema -- publish --subgraph catalog --file subgraphs/catalog/schema.graphql
`);
}
console.log(`Ready in ${Date.now() - t0} ms: Sandbox at ${sandbox} (Ctrl-C to stop)`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping...');
  stack.stop().then(() => { console.log('Stopped.'); process.exit(0); }, (error: unknown) => { console.error(error); process.exit(1); });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
