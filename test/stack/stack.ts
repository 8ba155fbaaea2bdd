/**
 * The whole system in one process, each part on its own HTTP port: legacy stand-ins, identity provider,
 * the five subgraphs and the gateway. `npm start` runs it on fixed ports; tests run it on random ones.
 */
import { readFileSync } from 'node:fs';
import { generateInternalKeyPair } from '../../gateway/auth/internal-token.ts';
import { loadGatewayConfig, type GatewayConfigInput } from '../../gateway/config.ts';
import { startGateway, type RunningGateway } from '../../gateway/server.ts';
import { SUBGRAPHS, SUBGRAPH_NAMES, type LegacySystem, type SubgraphName } from '../../subgraphs/registry.ts';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/runtime/serve.ts';
import type { DatasetOptions } from '../legacy/common/dataset.ts';
import type { Knobs, StandInHandle } from '../legacy/common/stand-in.ts';
import { LEGACY_SYSTEMS } from '../legacy/systems.ts';
import { startIdentityProvider, type IdentityProvider } from '../identity/server.ts';

export const DEFAULT_PORTS = Object.freeze({ gateway: 4000, identity: 4100 });

export interface StackOptions {
  /** 'fixed': the documented default ports; 'random': free ports (tests). */
  ports: 'fixed' | 'random';
  dataset?: Partial<DatasetOptions>;
  /** Per legacy call, in the subgraphs. */
  legacyTimeoutMs?: number;
  subgraphTimeoutMs?: number;
  redisUrl?: string;
  production?: boolean;
  knobs?: Partial<Record<LegacySystem, Partial<Knobs>>>;
  /** Extra gateway configuration (merged last). */
  gateway?: Partial<GatewayConfigInput>;
}

export interface Stack {
  gateway: RunningGateway;
  idp: IdentityProvider;
  legacy: Record<LegacySystem, StandInHandle>;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  /** Total legacy requests served since the last reset, per system. */
  legacyCalls(): Record<LegacySystem, number>;
  resetLegacyCalls(): void;
  stop(): Promise<void>;
}

const registeredClients = (): Record<string, { channel: 'mobile' | 'web' | 'partner' | 'agent' }> =>
  JSON.parse(readFileSync(new URL('../../clients/clients.json', import.meta.url), 'utf8'));

export async function startStack(options: StackOptions): Promise<Stack> {
  const fixed = options.ports === 'fixed';
  const systems = Object.keys(LEGACY_SYSTEMS) as LegacySystem[];
  const started: { close(): Promise<void> }[] = [];
  try {
    const [idp, ...handles] = await Promise.all([
      startIdentityProvider({ port: fixed ? DEFAULT_PORTS.identity : 0, ...(options.dataset ? { dataset: options.dataset } : {}) }),
      ...systems.map((name) => LEGACY_SYSTEMS[name].start({
        port: fixed ? LEGACY_SYSTEMS[name].defaultPort : 0,
        ...(options.dataset ? { dataset: options.dataset } : {}),
        ...(options.knobs?.[name] ? { knobs: options.knobs[name] } : {}),
      })),
    ]);
    started.push(idp, ...handles);
    const legacy = Object.fromEntries(systems.map((name, i) => [name, handles[i] as StandInHandle])) as Record<LegacySystem, StandInHandle>;

    const keys = generateInternalKeyPair();
    const running = await Promise.all(SUBGRAPH_NAMES.map((name) => {
      const entry = SUBGRAPHS[name];
      const definition = entry.build(process.env, { legacyUrl: legacy[entry.legacy].url, ...(options.legacyTimeoutMs ? { timeoutMs: options.legacyTimeoutMs } : {}) });
      return startSubgraph(definition, { port: fixed ? entry.defaultPort : 0, internalTokenPublicKey: keys.publicKeyPem });
    }));
    started.push(...running.map((s) => ({ close: () => s.stop() })));
    const subgraphs = Object.fromEntries(running.map((s) => [s.name, s])) as Record<SubgraphName, RunningSubgraph>;

    const gateway = await startGateway(loadGatewayConfig({
      port: fixed ? DEFAULT_PORTS.gateway : 0,
      production: options.production ?? false,
      supergraphFile: new URL('../../schema/supergraph.graphql', import.meta.url).pathname,
      subgraphUrls: Object.fromEntries(running.map((s) => [s.name, s.url])),
      ...(options.subgraphTimeoutMs ? { subgraphTimeoutMs: options.subgraphTimeoutMs } : {}),
      auth: { issuer: idp.issuer, audience: idp.audience, jwksUrl: idp.jwksUrl },
      internalToken: { privateKeyPem: keys.privateKeyPem },
      clients: registeredClients(),
      ...(options.redisUrl ? { cache: { redisUrl: options.redisUrl } } : {}),
      ...options.gateway,
    }));

    return {
      gateway, idp, legacy, subgraphs,
      legacyCalls: () => Object.fromEntries(systems.map((n) => [n, legacy[n].stats().total])) as Record<LegacySystem, number>,
      resetLegacyCalls: () => { for (const n of systems) legacy[n].resetStats(); },
      async stop() {
        await gateway.stop();
        await Promise.all(started.map((s) => s.close()));
      },
    };
  } catch (error) {
    await Promise.allSettled(started.map((s) => s.close()));
    throw error;
  }
}
