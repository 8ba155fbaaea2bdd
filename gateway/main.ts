#!/usr/bin/env node
/**
 * `npm run gateway -- --supergraph FILE --port N`: serves any valid supergraph with any subgraphs.
 *
 * Options (each also from the environment, flags win):
 *   --supergraph FILE         PASSERELLE_SUPERGRAPH           (default schema/supergraph.graphql)
 *   --registry URL            PASSERELLE_REGISTRY_URL (+ PASSERELLE_REGISTRY_TOKEN): follow the schema registry instead
 *   --port N / --host H       PASSERELLE_GATEWAY_PORT / _HOST (default 4000 on 127.0.0.1; defaults move by PASSERELLE_PORT_OFFSET)
 *   --admin-port N / --admin-host H   PASSERELLE_GATEWAY_ADMIN_PORT / _ADMIN_HOST: the admin listener (detailed
 *                             /ready, /metrics, cache purge; default 4300 on 127.0.0.1, 0 when --port is 0)
 *   --config FILE             a JSON file with any keys of the configuration (see gateway/config.ts)
 *   --subgraph-url NAME=URL   override a routing URL of the supergraph (repeatable)
 *   PASSERELLE_JWKS_URL or PASSERELLE_JWKS_FILE, PASSERELLE_JWT_ISSUER, PASSERELLE_JWT_AUDIENCE: bearer tokens
 *   PASSERELLE_INTERNAL_KEY_FILE: Ed25519 PKCS#8 PEM signing internal tokens (generated when absent)
 *   REDIS_URL: shared cache; PASSERELLE_CACHE_PURGE_SECRET: enables POST /admin/cache/purge
 *   PASSERELLE_CORS_ORIGINS: comma-separated browser origins allowed (exact, or scheme://host:* for any port);
 *                             default: none in production, http://localhost:*, http://127.0.0.1:*, http://[::1]:* otherwise
 *   PASSERELLE_MEDIA_UPSTREAM_URL: the legacy media origin /media/* streams from (default in development:
 *                             the Catalogue stand-in's http://127.0.0.1:5002/media; loopback only in development)
 *   PASSERELLE_SHUTDOWN_NOT_READY_MS: on SIGTERM, /ready says 503 this long before the drain (5,000 in production)
 *   PASSERELLE_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT: an OpenTelemetry collector (OTLP/HTTP) to send traces to (off when unset)
 *   NODE_ENV=production: no Sandbox, no /graphiql, no introspection, no suggestions, registered clients only
 */
import { DEFAULT_USAGE_DIR } from '../contracts/usage/open-usage-store.ts';
import { readFileSync } from 'node:fs';
import { parseCommandLine } from '../contracts/lib/cli.ts';
import { DEFAULT_PORTS, portOffset } from '../contracts/lib/stack-addresses.ts';
import { ConfigError, loadGatewayConfig, type GatewayConfigInput } from './config.ts';
import { parseOriginList } from './http/cors.ts';
import { startGateway } from './server.ts';
import { startTracing, tracingOptionsFromEnv } from '../contracts/lib/tracing.ts';
import { createLogger } from '../contracts/lib/logger.ts';

process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';

const USAGE = `Usage: npm run gateway -- [--supergraph FILE | --registry URL] [--port N] [--host H] [--admin-port N]
                          [--admin-host H] [--config FILE] [--subgraph-url NAME=URL ...]

Serves a supergraph (a file, or the schema registry's current one) with its subgraphs.

  --supergraph FILE         PASSERELLE_SUPERGRAPH (default schema/supergraph.graphql)
  --registry URL            PASSERELLE_REGISTRY_URL (+ PASSERELLE_REGISTRY_TOKEN): follow the schema registry
  --port N / --host H       PASSERELLE_GATEWAY_PORT / _HOST (default 4000 on 127.0.0.1)
  --admin-port N / --admin-host H
                            PASSERELLE_GATEWAY_ADMIN_PORT / _ADMIN_HOST: the admin listener (default 4300)
  --config FILE             a JSON file with any keys of the configuration (gateway/config.ts)
  --subgraph-url NAME=URL   override a routing URL of the supergraph (repeatable)
  -h, --help                this text
Default ports move by PASSERELLE_PORT_OFFSET. Authentication, keys, cache and shutdown come from the
environment: PASSERELLE_JWKS_URL or _JWKS_FILE, _JWT_ISSUER, _JWT_AUDIENCE, PASSERELLE_INTERNAL_KEY_FILE,
REDIS_URL, PASSERELLE_CACHE_PURGE_SECRET, PASSERELLE_SHUTDOWN_NOT_READY_MS, NODE_ENV=production;
traces go to PASSERELLE_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT (an OTLP/HTTP collector) when set.`;

function configFromArgs(argv: string[], env: NodeJS.ProcessEnv): GatewayConfigInput {
  const { values } = parseCommandLine({
    usage: USAGE,
    args: argv,
    options: {
      supergraph: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' },
      'admin-port': { type: 'string' }, 'admin-host': { type: 'string' },
      config: { type: 'string' }, 'subgraph-url': { type: 'string', multiple: true }, registry: { type: 'string' },
    },
  });
  const fromFile: Partial<GatewayConfigInput> = values.config ? JSON.parse(readFileSync(values.config, 'utf8')) : {};
  // A second system beside `npm start`'s: the default ports move by PASSERELLE_PORT_OFFSET.
  const offset = portOffset(env);
  const shifted = (name: 'gateway' | 'gatewayAdmin') => (offset > 0 ? String(DEFAULT_PORTS[name] + offset) : undefined);
  const port = values.port ?? env['PASSERELLE_GATEWAY_PORT'] ?? (fromFile.port === undefined ? shifted('gateway') : undefined);
  const adminPort = values['admin-port'] ?? env['PASSERELLE_GATEWAY_ADMIN_PORT'] ?? (fromFile.admin?.port === undefined && Number(port ?? fromFile.port) !== 0 ? shifted('gatewayAdmin') : undefined);
  const adminHost = values['admin-host'] ?? env['PASSERELLE_GATEWAY_ADMIN_HOST'];
  const registryUrl = values.registry ?? env['PASSERELLE_REGISTRY_URL'];
  const subgraphUrls = Object.fromEntries((values['subgraph-url'] ?? []).map((pair) => {
    const [name, ...url] = pair.split('=');
    return [name, url.join('=')];
  }));
  const jwks = env['PASSERELLE_JWKS_URL'] ? { jwksUrl: env['PASSERELLE_JWKS_URL'] } : env['PASSERELLE_JWKS_FILE'] ? { jwksFile: env['PASSERELLE_JWKS_FILE'] } : null;
  return {
    ...fromFile,
    ...(registryUrl
      ? { registry: { ...fromFile.registry, url: registryUrl, ...(env['PASSERELLE_REGISTRY_TOKEN'] ? { token: env['PASSERELLE_REGISTRY_TOKEN'] } : {}) } }
      : fromFile.registry ? {} : { supergraphFile: values.supergraph ?? env['PASSERELLE_SUPERGRAPH'] ?? fromFile.supergraphFile ?? 'schema/supergraph.graphql' }),
    ...(port !== undefined ? { port: Number(port) } : {}),
    ...(values.host ?? env['PASSERELLE_GATEWAY_HOST'] ? { host: values.host ?? env['PASSERELLE_GATEWAY_HOST'] } : {}),
    ...(adminPort !== undefined || adminHost ? {
      admin: { ...fromFile.admin, ...(adminPort !== undefined ? { port: Number(adminPort) } : {}), ...(adminHost ? { host: adminHost } : {}) },
    } : {}),
    production: env['NODE_ENV'] === 'production',
    ...(env['PASSERELLE_CORS_ORIGINS'] !== undefined ? { cors: { ...fromFile.cors, allowedOrigins: parseOriginList(env['PASSERELLE_CORS_ORIGINS']) } } : {}),
    ...(env['PASSERELLE_MEDIA_UPSTREAM_URL'] ? { media: { ...fromFile.media, upstreamUrl: env['PASSERELLE_MEDIA_UPSTREAM_URL'] } } : {}),
    ...(env['PASSERELLE_SHUTDOWN_NOT_READY_MS'] ? { shutdownNotReadyMs: Number(env['PASSERELLE_SHUTDOWN_NOT_READY_MS']) } : {}),
    subgraphUrls: { ...fromFile.subgraphUrls, ...subgraphUrls },
    ...(jwks ? { auth: { issuer: env['PASSERELLE_JWT_ISSUER'] ?? '', audience: env['PASSERELLE_JWT_AUDIENCE'] ?? 'passerelle', ...jwks } } : {}),
    ...(env['PASSERELLE_INTERNAL_KEY_FILE'] ? { internalToken: { privateKeyPem: readFileSync(env['PASSERELLE_INTERNAL_KEY_FILE'], 'utf8') } } : {}),
    // Usage KPIs: PostgreSQL when DATABASE_URL is set, else embedded PGlite in PASSERELLE_USAGE_DIR (default .passerelle/usage).
    // Processes started by tests (NODE_ENV=test) get no default directory: parallel runs never share one (and record nothing unless told where).
    usage: {
      ...fromFile.usage,
      ...(env['DATABASE_URL'] ? { databaseUrl: env['DATABASE_URL'] } : {}),
      ...(env['PASSERELLE_USAGE_DIR'] || fromFile.usage?.dataDir || env['NODE_ENV'] !== 'test'
        ? { dataDir: env['PASSERELLE_USAGE_DIR'] || fromFile.usage?.dataDir || DEFAULT_USAGE_DIR } : {}),
    },
    ...(env['REDIS_URL'] || env['PASSERELLE_CACHE_PURGE_SECRET'] ? {
      cache: {
        ...fromFile.cache,
        ...(env['REDIS_URL'] ? { redisUrl: env['REDIS_URL'] } : {}),
        ...(env['PASSERELLE_CACHE_PURGE_SECRET'] ? { purgeSecret: env['PASSERELLE_CACHE_PURGE_SECRET'] } : {}),
      },
    } : {}),
  };
}

try {
  const config = loadGatewayConfig(configFromArgs(process.argv.slice(2), process.env));
  // Before the gateway: its spans are hooked in only when the process traces.
  const tracing = await startTracing(tracingOptionsFromEnv('passerelle-gateway'));
  const gateway = await startGateway(config);
  console.log(`Passerelle gateway ready at ${gateway.url} (admin at ${gateway.adminUrl}; supergraph ${gateway.supergraph()?.hash.slice(0, 12)})`);
  if (!config.internalToken.privateKeyPem) console.log(`Internal-token key generated for this run; subgraphs verify with:\n${gateway.internalTokenPublicKey}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    // The command's own status line (as npm start's "Stopping..."), not a log line.
    console.log(`${signal}: finishing in-flight requests...`);
    gateway.stop().then(() => tracing.shutdown()).then(() => process.exit(0), (error: unknown) => { createLogger('gateway').error({ err: error }, 'stop failed'); process.exit(1); });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Gateway failed to start: ${(error as Error).message}`);
  process.exit(1);
}
