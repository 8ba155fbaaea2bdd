/**
 * Starts a registry: opens its store (file by default, Redis when asked), loads credentials, seeds it
 * when asked (or when empty and seeding is 'if-empty'), and serves the HTTP API. For `npm run registry`,
 * the dev stack and tests (port 0 for a random one).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSupergraphConfig } from '../composition/supergraph-config.ts';
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
import type { RegistryStore } from './store/registry-store.ts';

export const REGISTRY_DEFAULT_PORT = 4200;

export interface RegistryOptions {
  host?: string;
  /** Default 4200; 0 for a random port. */
  port?: number;
  store?: 'file' | 'redis';
  /** The file store's directory (and the default credentials file's). */
  dir?: string;
  /** Redis: the shared store when store is 'redis', and SupergraphNotices whenever set. */
  redisUrl?: string | null;
  redisKeyPrefix?: string;
  credentialsFile?: string;
  /** Adds in-memory dev credentials with known secrets (dev-credentials.ts). */
  dev?: boolean;
  /** true: seed now; 'if-empty': seed when nothing was ever published; false: never. */
  seed?: boolean | 'if-empty';
  supergraphConfig?: string;
  /** The clients/ directory: clients.json and each channel's manifest. */
  clientsRoot?: string;
  maxBodyBytes?: number;
  log?: (line: string) => void;
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
  service: RegistryService;
  stop(): Promise<void>;
}

const CLIENTS_ROOT = fileURLToPath(new URL('../../clients', import.meta.url));

export async function startRegistry(options: RegistryOptions = {}): Promise<RunningRegistry> {
  const dir = options.dir ?? DEFAULT_REGISTRY_DIR;
  const redisUrl = options.redisUrl ?? null;
  if (options.store === 'redis' && !redisUrl) throw new Error('The Redis store needs a Redis URL (REDIS_URL).');
  const store: RegistryStore = options.store === 'redis'
    ? await RedisRegistryStore.open(redisUrl as string, options.redisKeyPrefix)
    : await FileRegistryStore.open(dir);
  const notifier = redisUrl ? new RedisSupergraphNotifier(redisUrl) : null;
  try {
    const supergraphConfig = options.supergraphConfig ?? DEFAULT_SUPERGRAPH_CONFIG;
    const dev = options.dev ? await devCredentials(readSupergraphConfig(supergraphConfig).map((s) => s.name)) : null;
    const authenticator = new Authenticator(options.credentialsFile ?? (options.dir ? join(dir, 'credentials.json') : DEFAULT_CREDENTIALS_FILE), dev?.credentials ?? []);
    const credentialCount = await authenticator.load();
    const docs = new SchemaDocs(store, renderSchemaDocs);
    const service = new RegistryService({ store, notifier, onSupergraph: (supergraph) => docs.regenerate(supergraph) });
    const clientsRoot = options.clientsRoot ?? CLIENTS_ROOT;
    const empty = (await store.currentSupergraph()) === null;
    const seeded = options.seed === true || (options.seed === 'if-empty' && empty)
      ? await seedRegistry(service, { supergraphConfig, clientsRoot })
      : [];
    const http = await startRegistryHttp(
      { service, store, docs, clientChannels: readClientChannels(clientsRoot), maxBodyBytes: options.maxBodyBytes ?? REGISTRY_HTTP_DEFAULTS.maxBodyBytes },
      authenticator,
      { host: options.host ?? '127.0.0.1', port: options.port ?? REGISTRY_DEFAULT_PORT, ...(options.log ? { log: options.log } : {}) },
    );
    return {
      url: http.url, port: http.port, storeKind: store.kind, credentialCount, devTokens: dev?.tokens ?? null, seeded, service,
      async stop() {
        await http.close();
        await notifier?.close();
        await store.close();
      },
    };
  } catch (error) {
    await notifier?.close();
    await store.close();
    throw error;
  }
}
