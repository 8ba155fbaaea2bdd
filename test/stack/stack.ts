/**
 * The whole system in one process: the back ends (stand-ins, identity provider, subgraphs) and the
 * gateway in front of them. `npm start` runs it on fixed ports; tests run it on random ones.
 */
import { readFileSync } from 'node:fs';
import { manifestFilesOf } from '../../clients/persisted/manifest-files.ts';
import { loadGatewayConfig, type GatewayConfigInput } from '../../gateway/config.ts';
import { startGateway, type RunningGateway } from '../../gateway/server.ts';
import { startBackends, type BackendOptions, type Backends } from './backends.ts';

export const GATEWAY_DEFAULT_PORT = 4000;

export interface StackOptions extends BackendOptions {
  subgraphTimeoutMs?: number;
  redisUrl?: string;
  production?: boolean;
  /** Extra gateway configuration (merged last). */
  gateway?: Partial<GatewayConfigInput>;
}

export interface Stack extends Backends { gateway: RunningGateway }

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
    ...(options.redisUrl ? { cache: { redisUrl: options.redisUrl } } : {}),
    ...options.gateway,
  };
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const backends = await startBackends(options);
  try {
    const gateway = await startGateway(loadGatewayConfig(gatewayConfigFor(backends, { ...options, port: options.ports === 'fixed' ? GATEWAY_DEFAULT_PORT + (options.portOffset ?? 0) : 0 })));
    return {
      ...backends,
      gateway,
      async stop() {
        await gateway.stop();
        await backends.stop();
      },
    };
  } catch (error) {
    await backends.stop();
    throw error;
  }
}
