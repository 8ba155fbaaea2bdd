#!/usr/bin/env node
/**
 * `npm run registry -- [--port 4200] [--store file|redis] [--dir DIR] [--credentials FILE] [--state FILE]
 *   [--accept-store] [--allow-volatile-redis] [--dev] [--seed]`
 *
 * The schema registry as its own process. Environment: PASSERELLE_REGISTRY_PORT, REDIS_URL (the Redis
 * store, and supergraph notices with either store), PASSERELLE_REGISTRY_DIR, PASSERELLE_REGISTRY_CREDENTIALS,
 * PASSERELLE_REGISTRY_STATE, PASSERELLE_REGISTRY_ALLOW_VOLATILE_REDIS=true.
 * --accept-store: an administrator accepts a store the registry refuses (empty, older or another one than
 * it last saw; GET /health says why). It is a flag of one start, never an environment variable, so that
 * it cannot stay set by accident.
 * An empty store is seeded from schema/supergraph.yaml and the repository's clients; --seed seeds anyway.
 * --dev adds credentials with known secrets, printed below (development only).
 */
import { exitWithUsage, orUsageError, parseCommandLine } from '../contracts/lib/cli.ts';
import { offsetPort } from '../contracts/lib/stack-addresses.ts';
import { REGISTRY_DEFAULT_PORT, startRegistry } from './start-registry.ts';

const USAGE = `Usage: npm run registry -- [--port N] [--host H] [--store file|redis] [--dir DIR] [--credentials FILE]
                           [--state FILE] [--accept-store] [--allow-volatile-redis] [--dev] [--seed]

The schema registry as its own process.

  --port N                 PASSERELLE_REGISTRY_PORT (default 4200, moved by PASSERELLE_PORT_OFFSET)
  --host H                 default 127.0.0.1
  --store file|redis       PASSERELLE_REGISTRY_STORE (default file; redis uses REDIS_URL)
  --dir DIR                PASSERELLE_REGISTRY_DIR: the file store's folder (created when missing, mode 0700)
  --credentials FILE       PASSERELLE_REGISTRY_CREDENTIALS
  --state FILE             PASSERELLE_REGISTRY_STATE
  --accept-store           accept a store the registry refuses (empty, older or another one than last seen)
  --allow-volatile-redis   PASSERELLE_REGISTRY_ALLOW_VOLATILE_REDIS=true: a Redis store without persistence
  --dev                    development credentials with known secrets; docs page public on loopback
  --seed                   seed from schema/supergraph.yaml even when the store is not empty
  -h, --help               this text`;

const { values } = parseCommandLine({
  usage: USAGE,
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    store: { type: 'string' },
    dir: { type: 'string' },
    credentials: { type: 'string' },
    state: { type: 'string' },
    'accept-store': { type: 'boolean', default: false },
    'allow-volatile-redis': { type: 'boolean', default: false },
    dev: { type: 'boolean', default: false },
    seed: { type: 'boolean', default: false },
  },
});

const env = process.env;
const port = Number(values.port ?? env['PASSERELLE_REGISTRY_PORT'] ?? orUsageError(USAGE, () => offsetPort(REGISTRY_DEFAULT_PORT)));
const store = values.store ?? env['PASSERELLE_REGISTRY_STORE'] ?? 'file';
if (!Number.isInteger(port) || port < 0 || port > 65_535) exitWithUsage(USAGE, `--port ${values.port ?? env['PASSERELLE_REGISTRY_PORT']} is not a port.`);
if (store !== 'file' && store !== 'redis') exitWithUsage(USAGE, `--store must be file or redis, not "${store}".`);

const started = Date.now();
const registry = await startRegistry({
  host: values.host, port, store, dev: values.dev, seed: values.seed ? true : 'if-empty',
  redisUrl: env['REDIS_URL'] ?? null,
  // On SIGTERM, /ready says 503 this long before the drain, so that load balancers stop sending first.
  notReadyMs: Number(env['PASSERELLE_SHUTDOWN_NOT_READY_MS'] ?? (env['NODE_ENV'] === 'production' ? 5_000 : 0)),
  acceptStore: values['accept-store'],
  allowVolatileRedis: values['allow-volatile-redis'] || env['PASSERELLE_REGISTRY_ALLOW_VOLATILE_REDIS'] === 'true',
  ...(values.state ?? env['PASSERELLE_REGISTRY_STATE'] ? { stateFile: values.state ?? env['PASSERELLE_REGISTRY_STATE'] } : {}),
  ...(values.dir ?? env['PASSERELLE_REGISTRY_DIR'] ? { dir: values.dir ?? env['PASSERELLE_REGISTRY_DIR'] } : {}),
  // Usage KPIs (routes /usage/*, the usage check): PostgreSQL, or a PGlite directory no gateway process holds open.
  ...(env['DATABASE_URL'] || env['PASSERELLE_USAGE_DIR'] ? { usage: {
    ...(env['DATABASE_URL'] ? { databaseUrl: env['DATABASE_URL'] } : { dataDir: env['PASSERELLE_USAGE_DIR'] as string }),
    ...(env['PASSERELLE_USAGE_CHECK_DAYS'] ? { windowDays: Number(env['PASSERELLE_USAGE_CHECK_DAYS']) } : {}),
  } } : {}),
  ...(values.credentials ?? env['PASSERELLE_REGISTRY_CREDENTIALS'] ? { credentialsFile: values.credentials ?? env['PASSERELLE_REGISTRY_CREDENTIALS'] } : {}),
}).catch((error: unknown) => {
  console.error(`Registry failed to start: ${(error as Error).message}`);
  process.exit(1);
});

const lines = [`Schema registry at ${registry.url} (${registry.storeKind} store${env['REDIS_URL'] ? ', supergraph notices on Redis' : ''})`];
for (const line of registry.seeded) lines.push(`  seed  ${line}`);
if (registry.refusal) {
  lines.push(`  STORE REFUSED: ${registry.refusal}`);
  lines.push('  GET /health answers 503 "refused"; every other route STORE_REFUSED until the store is accepted.');
}
if (registry.devTokens) {
  lines.push('  DEVELOPMENT credentials (known secrets, in memory only; never use --dev in production):');
  for (const [id, token] of Object.entries(registry.devTokens)) lines.push(`    ${id.padEnd(16)} ${token}`);
  lines.push(`  e.g. export PASSERELLE_REGISTRY_URL=${registry.url} PASSERELLE_REGISTRY_TOKEN=${registry.devTokens['dev-catalog'] ?? registry.devTokens['dev-admin']}`);
}
if (registry.credentialCount === 0) {
  lines.push('  No credentials yet: every request will be refused. Create one with');
  lines.push('    npm run schema -- credentials create --role admin     (or --role owner --subgraph NAME, --role reader)');
}
lines.push(`Ready in ${Date.now() - started} ms (Ctrl-C to stop)`);
console.log(lines.join('\n'));

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A second signal, or a stop that takes too long, exits at once: the store is consistent at every step.
    if (stopping) process.exit(1);
    stopping = true;
    setTimeout(() => process.exit(1), 20_000).unref();
    void registry.stop().then(() => process.exit(0), () => process.exit(1));
  });
}
