/**
 * Development bootstrap: publishes the subgraphs of schema/supergraph.yaml (in their order, each through
 * the checks, as user "seed", with an admin's authority over cross-team changes, since the seeded graph
 * is the one the teams committed together) and registers the operations of the repository's clients
 * (clients.json with each channel's persisted query manifest). Idempotent: an unchanged subgraph is not re-published,
 * and registering a client version again replaces it.
 */
import { fileURLToPath } from 'node:url';
import { readSupergraphConfig } from '../../schema/composition/supergraph-config.ts';
import { loadRegisteredOperations } from '../checks/registered-operations.ts';
import type { RegistryService } from './registry-service.ts';

export const DEFAULT_SUPERGRAPH_CONFIG = fileURLToPath(new URL('../../schema/supergraph.yaml', import.meta.url));
export const SEED_ACTOR = 'seed';

export interface SeedOptions { supergraphConfig?: string; clientsRoot?: string }

/** One line per subgraph and client version, for the banner. */
export async function seedRegistry(service: RegistryService, options: SeedOptions = {}): Promise<string[]> {
  const lines: string[] = [];
  for (const subgraph of readSupergraphConfig(options.supergraphConfig ?? DEFAULT_SUPERGRAPH_CONFIG)) {
    const { outcome, response, reason } = await service.publish(subgraph.name, { sdl: subgraph.sdl, routingUrl: subgraph.url, actor: SEED_ACTOR, actorRole: 'admin' });
    lines.push(outcome === 'refused'
      ? `${subgraph.name}: refused (${reason}) ${[...response.report.composition.errors, ...response.report.brokenOperations.map((b) => `breaks ${b.client} ${b.operation}`)].join('; ')}`
      : `${subgraph.name}: ${outcome === 'published' ? 'published' : 'unchanged'} v${response.subgraph?.version}`);
  }
  for (const client of loadRegisteredOperations(options.clientsRoot)) {
    await service.store.putClientOperations(client);
    lines.push(`${client.client} ${client.clientVersion} (${client.channel}): ${client.operations.length} operation(s) registered`);
  }
  return lines;
}
