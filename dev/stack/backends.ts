/**
 * Everything behind the gateway, in one process, each part on its own HTTP port: legacy stand-ins,
 * identity provider and the five subgraphs, whose internal tokens are verified with a fresh key pair.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_PORTS } from '../../contracts/lib/stack-addresses.ts';
import { generateInternalKeyPair, type InternalKeyPair } from '../../contracts/internal-token.ts';
import { SUBGRAPHS, SUBGRAPH_NAMES, type LegacySystem, type SubgraphName } from '../../subgraphs/registry.ts';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/runtime/serving/serve.ts';
import type { DatasetOptions } from '../legacy/common/dataset.ts';
import type { Knobs, StandInHandle } from '../legacy/common/stand-in.ts';
import { LEGACY_SYSTEMS } from '../legacy/systems.ts';
import { startIdentityProvider, type IdentityProvider } from '../identity/server.ts';
import type { ResilienceOverrides } from '../../subgraphs/runtime/transport/resilience/resilience-options.ts';

export const IDENTITY_DEFAULT_PORT = DEFAULT_PORTS.identity;
const LEGACY_NAMES = Object.keys(LEGACY_SYSTEMS) as LegacySystem[];

export interface BackendOptions {
  /** 'fixed': the documented default ports; 'random': free ports (tests, benchmarks). */
  ports: 'fixed' | 'random';
  /** Added to every fixed port, to run a second stack beside the first (PASSERELLE_PORT_OFFSET). */
  portOffset?: number;
  dataset?: Partial<DatasetOptions>;
  /** Per legacy call, in the subgraphs. */
  legacyTimeoutMs?: number;
  /** Overrides of every legacy system's breaker, retries and bulkhead (tests). */
  resilience?: ResilienceOverrides;
  knobs?: Partial<Record<LegacySystem, Partial<Knobs>>>;
  /** Redis for the subgraphs' caches (the catalogue's reference data); in memory without it. */
  redisUrl?: string;
  /** The public base of pictures the catalog subgraph writes (PASSERELLE_MEDIA_BASE_URL): the gateway's /media. */
  mediaBaseUrl?: string;
}

export interface Backends {
  idp: IdentityProvider;
  legacy: Record<LegacySystem, StandInHandle>;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  /** The key pair of the internal tokens: the gateway signs with the private half. */
  internalKeys: InternalKeyPair;
  /** Total legacy requests served since the last reset, per system. */
  legacyCalls(): Record<LegacySystem, number>;
  resetLegacyCalls(): void;
  stop(): Promise<void>;
}

export async function startBackends(options: BackendOptions): Promise<Backends> {
  const fixed = options.ports === 'fixed';
  const port = (defaultPort: number): number => (fixed ? defaultPort + (options.portOffset ?? 0) : 0);
  const started: { close(): Promise<void> }[] = [];
  try {
    const [idp, ...handles] = await Promise.all([
      startIdentityProvider({ port: port(IDENTITY_DEFAULT_PORT), ...(options.dataset ? { dataset: options.dataset } : {}) }),
      ...LEGACY_NAMES.map((name) => LEGACY_SYSTEMS[name].start({
        port: port(LEGACY_SYSTEMS[name].defaultPort),
        ...(options.dataset ? { dataset: options.dataset } : {}),
        ...(options.knobs?.[name] ? { knobs: options.knobs[name] } : {}),
      })),
    ]);
    started.push(idp, ...handles);
    const legacy = Object.fromEntries(LEGACY_NAMES.map((name, i) => [name, handles[i] as StandInHandle])) as Record<LegacySystem, StandInHandle>;

    const internalKeys = generateInternalKeyPair();
    const running = await Promise.all(SUBGRAPH_NAMES.map((name) => {
      const entry = SUBGRAPHS[name];
      const env = options.mediaBaseUrl ? { ...process.env, PASSERELLE_MEDIA_BASE_URL: options.mediaBaseUrl } : process.env;
      const definition = entry.build(env, {
        legacyUrl: legacy[entry.legacy].url,
        ...(options.legacyTimeoutMs ? { timeoutMs: options.legacyTimeoutMs } : {}),
        ...(options.resilience ? { resilience: options.resilience } : {}),
        // The stack decides, not the environment; on random ports its stand-ins (and their data) are its
        // own, so its cache entries must be too.
        redisUrl: options.redisUrl ?? null,
        ...(fixed ? {} : { cacheKeyPrefix: `passerelle:stack:${randomUUID()}:` }),
      });
      return startSubgraph(definition, { port: port(entry.defaultPort), internalTokenPublicKey: internalKeys.publicKeyPem });
    }));
    started.push(...running.map((s) => ({ close: () => s.stop() })));

    return {
      idp, legacy, internalKeys,
      subgraphs: Object.fromEntries(running.map((s) => [s.name, s])) as Record<SubgraphName, RunningSubgraph>,
      legacyCalls: () => Object.fromEntries(LEGACY_NAMES.map((n) => [n, legacy[n].stats().total])) as Record<LegacySystem, number>,
      resetLegacyCalls: () => { for (const n of LEGACY_NAMES) legacy[n].resetStats(); },
      stop: async () => { await Promise.all(started.map((s) => s.close())); },
    };
  } catch (error) {
    await Promise.allSettled(started.map((s) => s.close()));
    throw error;
  }
}
