/**
 * Starts a registry: opens its store (file by default, Redis when asked, whose persistence is checked),
 * guards it (store-guard.ts: refused when empty, older or another store than last seen, until accepted),
 * loads credentials, seeds it when asked (or when empty and seeding is 'if-empty', never a refused store),
 * and serves the HTTP API. For `npm run registry`, the dev stack and tests (port 0 for a random one).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PORTS } from '../contracts/lib/stack-addresses.ts';
import { readSupergraphConfig } from '../schema/composition/supergraph-config.ts';
import type { CheckRunnerOptions } from './checks/check-runner.ts';
import { Authenticator } from './credentials/authenticator.ts';
import { DEFAULT_CREDENTIALS_FILE } from './credentials/credentials-file.ts';
import { devCredentials } from './credentials/dev-credentials.ts';
import { renderSchemaDocs } from './docs/render-schema-docs.ts';
import { REGISTRY_HTTP_DEFAULTS } from './http/api-context.ts';
import { startRegistryHttp } from './http/registry-http-server.ts';
import { readClientChannels } from './service/client-channels.ts';
import { RegistryService } from './service/registry-service.ts';
import { SchemaDocs } from './service/schema-docs.ts';
import { DEFAULT_SUPERGRAPH_CONFIG, seedRegistry } from './service/seed.ts';
import { RedisSupergraphNotifier } from './service/supergraph-notifier.ts';
import { DEFAULT_REGISTRY_DIR, FileRegistryStore } from './store/file-store.ts';
import { RedisRegistryStore } from './store/redis-store.ts';
import { defaultStateFile } from './store/registry-state.ts';
import type { RegistryStore } from './store/registry-store.ts';
import { GuardedStore } from './store/store-guard.ts';
import { registryLog } from './registry-log.ts';
import { openUsageStore } from '../contracts/usage/open-usage-store.ts';
import type { UsageStore } from '../contracts/usage/usage-report.ts';

export const REGISTRY_DEFAULT_PORT = DEFAULT_PORTS.registry;

export interface RegistryOptions {
  host?: string;
  /** Default 4200; 0 for a random port. */
  port?: number;
  /** On stop, how long `/ready` answers 503 while requests are still served (default 0). */
  notReadyMs?: number;
  store?: 'file' | 'redis';
  /** The file store's directory (and the default credentials file's). */
  dir?: string;
  /** Redis: the shared store when store is 'redis', and SupergraphNotices whenever set. */
  redisUrl?: string | null;
  redisKeyPrefix?: string;
  credentialsFile?: string;
  /** What the registry last saw of its store (registry-state.ts); default: registry-state.json beside the store directory. */
  stateFile?: string;
  /** An administrator accepts the store as it is, although it is empty, older or another than last seen. */
  acceptStore?: boolean;
  /** Starts on a Redis store without AOF persistence or with eviction (tests, throw-away stacks). */
  allowVolatileRedis?: boolean;
  /** Adds in-memory dev credentials with known secrets (dev-credentials.ts); also makes the docs page public on loopback. */
  dev?: boolean;
  /** true: seed now; 'if-empty': seed when nothing was ever published; false: never. */
  seed?: boolean | 'if-empty';
  supergraphConfig?: string;
  /** The clients/ directory: clients.json and each channel's manifest. */
  clientsRoot?: string;
  maxBodyBytes?: number;
  /** The check worker's budget, queue and schema size limits (checks/check-runner.ts). */
  checkRunner?: CheckRunnerOptions;
  /** Where the registry's warnings go (default: the process's logger, component "registry"). */
  log?: (line: string, fields?: Record<string, unknown>) => void;
  /**
   * Usage KPIs the gateways record: a store to share (the dev stack's, tests'), or where to open one
   * (PostgreSQL URL, or a PGlite directory no other process has open). Absent: no usage routes, no usage check.
   */
  usage?: { store?: UsageStore; databaseUrl?: string; dataDir?: string; windowDays?: number; now?: () => number };
}

export interface RunningRegistry {
  url: string;
  port: number;
  storeKind: string;
  /** The dev tokens by credential id, when started with dev. */
  devTokens: Record<string, string> | null;
  /** Credentials accepted at startup (file and dev): with none, every request but /health is refused. */
  credentialCount: number;
  /** What seeding did, one line each; empty when it did not run. */
  seeded: string[];
  /** Why the store is refused (nothing served or written until accepted); null when trusted. */
  refusal: string | null;
  service: RegistryService;
  stop(): Promise<void>;
}

const CLIENTS_ROOT = fileURLToPath(new URL('../clients', import.meta.url));

export async function startRegistry(options: RegistryOptions = {}): Promise<RunningRegistry> {
  const dir = options.dir ?? DEFAULT_REGISTRY_DIR;
  const redisUrl = options.redisUrl ?? null;
  if (options.store === 'redis' && !redisUrl) throw new Error('The Redis store needs a Redis URL (REDIS_URL).');
  const log = options.log ?? registryLog;
  // A named directory that does not exist yet is created, owner-only (credentials and state live there).
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const inner: RegistryStore = options.store === 'redis'
    ? await RedisRegistryStore.open(redisUrl as string, options.redisKeyPrefix)
    : await FileRegistryStore.open(dir);
  let notifier: RedisSupergraphNotifier | null = null;
  try {
    if (inner instanceof RedisRegistryStore) {
      const persistence = await inner.checkPersistence();
      if (persistence.status === 'unknown') log(`Could not check the Redis store's persistence: ${persistence.reason}. It must keep data across restarts (appendonly yes, appendfsync everysec or always, maxmemory-policy noeviction).`);
      if (persistence.status === 'unsafe' && !options.allowVolatileRedis) {
        throw new Error(`The Redis store would lose the schema history on a restart or under memory pressure: ${persistence.problems.join('; ')}. Configure it (docs/registry.md, "Storage"), or start with --allow-volatile-redis for a throw-away registry.`);
      }
    }
  } catch (error) {
    await inner.close();
    throw error;
  }
  const store = await GuardedStore.open(inner, { stateFile: options.stateFile ?? defaultStateFile(dir), accept: options.acceptStore ?? false, log })
    .catch(async (error: unknown) => { await inner.close(); throw error; });
  notifier = redisUrl ? new RedisSupergraphNotifier(redisUrl) : null;
  let ownUsage: UsageStore | null = null;
  try {
    const usageOptions = options.usage;
    if (usageOptions && !usageOptions.store) ownUsage = await openUsageStore({ databaseUrl: usageOptions.databaseUrl, dataDir: usageOptions.dataDir });
    const usage = usageOptions?.store ?? ownUsage;
    const supergraphConfig = options.supergraphConfig ?? DEFAULT_SUPERGRAPH_CONFIG;
    const dev = options.dev ? await devCredentials(readSupergraphConfig(supergraphConfig).map((s) => s.name)) : null;
    const authenticator = new Authenticator(options.credentialsFile ?? (options.dir ? join(dir, 'credentials.json') : DEFAULT_CREDENTIALS_FILE), dev?.credentials ?? []);
    const credentialCount = await authenticator.load();
    const docs = new SchemaDocs(store, renderSchemaDocs);
    const service = new RegistryService({
      store, notifier, checkRunner: options.checkRunner, onSupergraph: (supergraph) => docs.regenerate(supergraph),
      ...(usage ? { usage: { store: usage, windowDays: usageOptions?.windowDays, now: usageOptions?.now } } : {}),
    });
    const clientsRoot = options.clientsRoot ?? CLIENTS_ROOT;
    const refusal = await store.refusal();
    if (refusal) log(`REFUSING the store: ${refusal}`);
    const empty = refusal === null && (await store.currentSupergraph()) === null;
    const seeded = refusal === null && (options.seed === true || (options.seed === 'if-empty' && empty))
      ? await seedRegistry(service, { supergraphConfig, clientsRoot })
      : [];
    const http = await startRegistryHttp(
      { service, store, docs, clientChannels: readClientChannels(clientsRoot), publicDocsOnLoopback: options.dev === true, maxBodyBytes: options.maxBodyBytes ?? REGISTRY_HTTP_DEFAULTS.maxBodyBytes,
        usage, ...(options.usage?.now ? { now: options.usage.now } : {}) },
      authenticator,
      { host: options.host ?? '127.0.0.1', port: options.port ?? REGISTRY_DEFAULT_PORT, notReadyMs: options.notReadyMs ?? 0, log },
    );
    return {
      url: http.url, port: http.port, storeKind: store.kind, credentialCount, devTokens: dev?.tokens ?? null, seeded, refusal, service,
      async stop() {
        await http.close();
        await service.close();
        await notifier?.close();
        await ownUsage?.close();
        await store.close();
      },
    };
  } catch (error) {
    await notifier?.close();
    await ownUsage?.close();
    await store.close();
    throw error;
  }
}
