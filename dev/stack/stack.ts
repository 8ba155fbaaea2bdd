/**
 * The whole system in one process: the back ends (stand-ins, identity provider, subgraphs) and the
 * gateway in front of them. `npm start` runs it on fixed ports; tests run it on random ones.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_PORTS } from '../../contracts/lib/stack-addresses.ts';
import { manifestFilesOf } from '../../contracts/manifest-files.ts';
import { GATEWAY_DEFAULTS, loadGatewayConfig, type GatewayConfigInput } from '../../gateway/config.ts';
import { startGateway, type RunningGateway } from '../../gateway/server.ts';
import { join } from 'node:path';
import type { RunningRegistry } from '../../registry/start-registry.ts';
import { startBackends, type BackendOptions, type Backends } from './backends.ts';
import { REGISTRY_DEFAULT_PORT, startStackRegistry } from './registry.ts';
import { reservePort } from './reserve-port.ts';
import { startTracing, tracingOptionsFromEnv, type Tracing, type TracingOptions } from '../../contracts/lib/tracing.ts';
import { openUsageStore, type UsageStoreLocation } from '../../contracts/usage/open-usage-store.ts';
import type { UsageStore } from '../../contracts/usage/usage-report.ts';

/** The documented ports are contracts/lib/stack-addresses.ts's, which the CLIs fall back on. */
export const GATEWAY_DEFAULT_PORT = DEFAULT_PORTS.gateway;
/** How often the dev stack's gateway asks the registry for a new supergraph (Redis notices come at once). */
export const STACK_REGISTRY_POLL_MS = 1_000;

export interface StackOptions extends BackendOptions {
  subgraphTimeoutMs?: number;
  redisUrl?: string;
  production?: boolean;
  /** Extra gateway configuration (merged last). */
  gateway?: Partial<GatewayConfigInput>;
  /**
   * Run the schema registry too (seeded with the running subgraphs), and have the gateway follow it
   * instead of the committed supergraph file. `dir` keeps its store; by default a new one per run.
   */
  registry?: { dir?: string; pollIntervalMs?: number };
  /** Where the whole stack (one process, one service: passerelle-stack) sends its spans; default: the environment's (off when unset). */
  tracing?: TracingOptions;
  /** Usage KPIs: one store (PGlite directory or PostgreSQL) the gateway writes and the registry reads. */
  usage?: UsageStoreLocation;
}

export interface Stack extends Backends { gateway: RunningGateway; registry: RunningRegistry | null; tracing: Tracing }

/** The registered clients and their channels (clients/clients.json). */
export const registeredClients = (): NonNullable<GatewayConfigInput['clients']> =>
  JSON.parse(readFileSync(new URL('../../clients/clients.json', import.meta.url), 'utf8'));

/** The gateway configuration that puts a gateway in front of these back ends. */
export function gatewayConfigFor(backends: Backends, options: Omit<StackOptions, Exclude<keyof BackendOptions, 'redisUrl'>> & { port: number }): GatewayConfigInput {
  return {
    port: options.port,
    production: options.production ?? false,
    supergraphFile: new URL('../../schema/supergraph.graphql', import.meta.url).pathname,
    subgraphUrls: Object.fromEntries(Object.values(backends.subgraphs).map((s) => [s.name, s.url])),
    ...(options.subgraphTimeoutMs ? { subgraphTimeoutMs: options.subgraphTimeoutMs } : {}),
    auth: { issuer: backends.idp.issuer, audience: backends.idp.audience, jwksUrl: backends.idp.jwksUrl },
    internalToken: { privateKeyPem: backends.internalKeys.privateKeyPem },
    clients: registeredClients(),
    // The channels' persisted query manifests (clients/<channel>/persisted-query-manifest.json).
    persistedOperations: { manifests: manifestFilesOf() },
    // /media/* streams the Catalogue stand-in's pictures (PASSERELLE_MEDIA_UPSTREAM_URL).
    media: { upstreamUrl: `${backends.legacy.catalogue.url}/media` },
    ...(options.redisUrl ? { cache: { redisUrl: options.redisUrl } } : {}),
    ...options.gateway,
  };
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const fixed = options.ports === 'fixed';
  // The catalog subgraph writes picture URLs on the gateway's /media: it needs the gateway's port first.
  const reserved = fixed ? null : await reservePort(GATEWAY_DEFAULTS.host);
  // Before any part starts: the gateway and the subgraphs hook their spans in only when the process traces.
  const tracing = await startTracing(options.tracing ?? tracingOptionsFromEnv('passerelle-stack'));
  const gatewayPort = reserved?.port ?? GATEWAY_DEFAULT_PORT + (options.portOffset ?? 0);
  const backends = await startBackends({ ...options, mediaBaseUrl: `http://${GATEWAY_DEFAULTS.host}:${gatewayPort}/media` })
    .catch(async (error: unknown) => { await reserved?.release(); await tracing.shutdown(); throw error; });
  let registry: RunningRegistry | null = null;
  let usageStore: UsageStore | null = null;
  try {
    if (options.usage) usageStore = await openUsageStore(options.usage);
    let config = gatewayConfigFor(backends, { ...options, port: gatewayPort });
    // The admin listener moves with the other ports (random ports: a random one too).
    // The stack's usage is flushed every 2 s, so that `npm run usage -- report` shows a request at once.
    if (options.usage) config = { ...config, usage: { flushIntervalMs: 2_000, ...config.usage } };
    if (!options.gateway?.admin) config = { ...config, admin: { port: fixed ? GATEWAY_DEFAULTS.adminPort + (options.portOffset ?? 0) : 0 } };
    if (options.registry) {
      const started = await startStackRegistry(backends, {
        port: fixed ? REGISTRY_DEFAULT_PORT + (options.portOffset ?? 0) : 0,
        ...(options.registry.dir ? { dir: options.registry.dir } : {}),
        ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
        ...(usageStore ? { usageStore } : {}),
      });
      registry = started.registry;
      const { supergraphFile: _file, subgraphUrls: _urls, ...rest } = config;
      config = {
        ...rest,
        registry: {
          url: registry.url, token: started.readerToken, pollIntervalMs: options.registry.pollIntervalMs ?? STACK_REGISTRY_POLL_MS,
          lastGoodFile: join(started.dir, 'gateway-last-good-supergraph.json'),
        },
      };
    }
    await reserved?.release();
    const gateway = await startGateway(loadGatewayConfig(config), usageStore ? { usageStore } : {});
    return {
      ...backends,
      gateway,
      registry,
      tracing,
      async stop() {
        await gateway.stop();
        await registry?.stop();
        await usageStore?.close();
        await backends.stop();
        // Last: the spans of the drain are sent too.
        await tracing.shutdown();
      },
    };
  } catch (error) {
    await reserved?.release();
    await registry?.stop();
    await usageStore?.close();
    await backends.stop();
    await tracing.shutdown();
    throw error;
  }
}
