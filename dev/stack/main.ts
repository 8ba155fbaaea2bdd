/**
 * `npm start`: the whole system on its default ports, with a banner that says how to use it.
 * REDIS_URL switches the gateway's cache to Redis; without it the cache is in memory.
 * PASSERELLE_PORT_OFFSET=N moves every port by N (gateway 4000+N, identity 4100+N, ...).
 * PASSERELLE_CORS_ORIGINS (comma-separated) replaces the browser origins the gateway allows (default in
 * development: any http://localhost or http://127.0.0.1 port, e.g. a Vite app on http://localhost:5173).
 * It writes its addresses to the stack file (.passerelle/stack.json), so that every helper command
 * (`npm run token`, `npm run schema`, ...) finds it on whatever ports it runs; removed on a clean exit.
 */
import { parseCommandLine } from '../../contracts/lib/cli.ts';
import { portOffset as readPortOffset } from '../../contracts/lib/stack-addresses.ts';
import { parseOriginList } from '../../gateway/http/cors.ts';
import { sandboxHeadersLine } from '../identity/sandbox-headers.ts';
import { createLogger } from '../../contracts/lib/logger.ts';
import { usageLocationFromEnv } from '../../contracts/usage/open-usage-store.ts';
import { startStack } from './stack.ts';
import { stackFileOf, writeStackFile } from './stack-file.ts';

process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';

parseCommandLine({
  options: {},
  usage: `Usage: npm start

Runs the whole system (legacy stand-ins, identity provider, subgraphs, schema registry, gateway) in one
process and prints where each part listens. Its addresses go to .passerelle/stack.json while it runs.

Environment:
  PASSERELLE_PORT_OFFSET=N    move every port by N (gateway 4000+N, identity 4100+N, registry 4200+N, ...)
  PASSERELLE_REGISTRY_DIR     keep the schema registry's store in this folder (created when missing)
  PASSERELLE_STACK_FILE       write the addresses here instead of .passerelle/stack.json
  REDIS_URL                   the gateway's response cache in Redis (in memory without it)
  PASSERELLE_OTLP_ENDPOINT    send traces to this OpenTelemetry collector (OTLP/HTTP, e.g. http://127.0.0.1:4318;
                              or OTEL_EXPORTER_OTLP_ENDPOINT); no traces when unset
  DATABASE_URL                usage KPIs in PostgreSQL (without it: embedded PGlite in PASSERELLE_USAGE_DIR)
  PASSERELLE_USAGE_DIR        the embedded usage store's folder (default .passerelle/usage)`,
});

let portOffset: number;
try { portOffset = readPortOffset(); } catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const registryDir = process.env['PASSERELLE_REGISTRY_DIR'];
const stack = await startStack({
  ports: 'fixed', portOffset,
  // The gateway follows the schema registry, so that a published change is served without a restart.
  registry: registryDir ? { dir: registryDir } : {},
  // Usage KPIs: the gateway writes, the registry reads (reports, checks against real traffic), one store.
  usage: usageLocationFromEnv(),
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
// A development registry shows its docs page to a browser on this machine without a credential.
const docsUrl = stack.registry ? `${stack.registry.url}/docs` : null;
const stackFile = writeStackFile(stackFileOf(stack, portOffset, docsUrl));
// Issued to the mobile app, as the headers below declare (a token's client and the declared client must agree).
const customerToken = await stack.idp.tokenFor('customer', { client: 'passerelle-mobile' });
const line = (label: string, value: string) => console.log(`  ${label.padEnd(22)} ${value}`);
console.log('\nPasserelle is running.\n');
line('Apollo Sandbox', sandbox);
line('GraphQL endpoint', stack.gateway.url);
line('GraphiQL (offline)', `${sandbox}graphiql  (no internet needed; Sandbox falls back to it)`);
line('Gateway admin', `${stack.gateway.adminUrl}/ready, ${stack.gateway.adminUrl}/metrics  (loopback only)`);
line('Identity provider', `${stack.idp.issuer}  (users: ${stack.idp.users.map((u) => u.username).join(', ')})`);
if (stack.registry) line('Schema registry', `${stack.registry.url}  (${registryDir ? `store ${registryDir}` : 'a new store for this run'})`);
if (docsUrl) line('Schema docs', `${docsUrl}  (open in a browser)`);
// Every Prometheus endpoint of the stack: the gateway's admin listener, each subgraph, the registry (with a credential).
line('Metrics', [`${stack.gateway.adminUrl}/metrics`, ...Object.values(stack.subgraphs).map((s) => new URL('metrics', s.url).href),
  ...(stack.registry ? [`${stack.registry.url}/metrics (Bearer ${stack.registry.devTokens?.['dev-reader'] ?? 'a reader credential'})`] : [])].join(', '));
for (const [name, s] of Object.entries(stack.subgraphs)) line(`subgraph ${name}`, s.url);
for (const [name, h] of Object.entries(stack.legacy)) line(`legacy ${name}`, `${h.url}  (${h.url}/__admin/stats)`);
line('Addresses file', `${stackFile.path}  (read by the npm run commands)`);
console.log(`
To call the graph as a demo customer, paste this into Sandbox's Headers panel (or get another with
"npm run token -- --as customer|customer-many|partner|agent|customer:<id> [--client mobile|web] --header"):

  ${sandboxHeadersLine(customerToken)}
`);
if (stack.registry) {
  console.log(`To publish a subgraph change as its owner (the gateway picks it up without a restart):

  PASSERELLE_REGISTRY_TOKEN=${stack.registry.devTokens?.['dev-catalog']} \\
    npm run schema -- publish --subgraph catalog --file subgraphs/catalog/schema.graphql
`);
}
if (stack.registry) {
  const usageStore = process.env['DATABASE_URL'] ? 'PostgreSQL (DATABASE_URL)' : usageLocationFromEnv().dataDir;
  console.log(`Usage KPIs (what clients really run; store: ${usageStore}), and who still reads a field:

  PASSERELLE_REGISTRY_TOKEN=${stack.registry.devTokens?.['dev-reader']} npm run usage -- report [--client passerelle-mobile] [--since 7d]
  PASSERELLE_REGISTRY_TOKEN=${stack.registry.devTokens?.['dev-reader']} npm run schema -- usage --field Product.name
`);
}
// From the start of the process (module loading included), not from after loading: what the user waited.
console.log(`Ready in ${Math.round(performance.now())} ms: Sandbox at ${sandbox} (Ctrl-C to stop)`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping...');
  stackFile.remove();
  stack.stop().then(() => { console.log('Stopped.'); process.exit(0); }, (error: unknown) => { createLogger('stack').error({ err: error }, 'stop failed'); process.exit(1); });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
