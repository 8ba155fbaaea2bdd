/**
 * The schema registry of the dev stack: seeded with the five subgraphs at the URLs they actually run on
 * (a supergraph.yaml written for this run), with development credentials, so that the gateway can follow
 * it without overriding any routing URL and a team can publish a new subgraph version at a new URL.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { readSupergraphConfig } from '../../schema/composition/supergraph-config.ts';
import { REGISTRY_DEFAULT_PORT, startRegistry, type RunningRegistry } from '../../registry/start-registry.ts';
import { DEFAULT_SUPERGRAPH_CONFIG } from '../../registry/service/seed.ts';
import type { Backends } from './backends.ts';

import type { UsageStore } from '../../contracts/usage/usage-report.ts';

export interface StackRegistryOptions { port: number; dir?: string; redisUrl?: string; usageStore?: UsageStore }

export async function startStackRegistry(backends: Backends, options: StackRegistryOptions): Promise<{ registry: RunningRegistry; dir: string; readerToken: string }> {
  const dir = options.dir ?? await mkdtemp(join(tmpdir(), 'passerelle-registry-'));
  // PASSERELLE_REGISTRY_DIR may name a folder that does not exist yet: created owner-only, as the registry does.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const running = Object.fromEntries(Object.values(backends.subgraphs).map((s) => [s.name, s.url]));
  const config = join(dir, 'supergraph.yaml');
  await writeFile(config, stringify({
    subgraphs: Object.fromEntries(readSupergraphConfig(DEFAULT_SUPERGRAPH_CONFIG).map((s) => [s.name, { routing_url: running[s.name] ?? s.url, schema: { file: s.file } }])),
  }));
  const registry = await startRegistry({
    port: options.port, dir, dev: true, seed: 'if-empty', supergraphConfig: config, log: () => {},
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
    // The store the stack's gateway writes: reports and checks read real traffic.
    ...(options.usageStore ? { usage: { store: options.usageStore } } : {}),
  });
  return { registry, dir, readerToken: registry.devTokens?.['dev-reader'] as string };
}

export { REGISTRY_DEFAULT_PORT };
