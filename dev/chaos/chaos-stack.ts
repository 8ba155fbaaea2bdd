/**
 * What the chaos run plays against: the back ends in this process (stand-ins, identity provider,
 * subgraphs, registry), a Redis of its own that it may stop, and two gateway replicas as separate
 * processes following the registry and sharing that Redis, so that their memory is their own.
 */
import { writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ownRedis, type RedisProcess } from '../../test/support/redis-process.ts';
import { SUBGRAPHS, type SubgraphName } from '../../subgraphs/registry.ts';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/runtime/serving/serve.ts';
import { startChild, type Child } from '../bench/processes.ts';
import { startBackends, type Backends } from '../stack/backends.ts';
import { startStackRegistry } from '../stack/registry.ts';
import { gatewayConfigFor } from '../stack/stack.ts';
import type { RunningRegistry } from '../../registry/start-registry.ts';

export interface Replica { url: string; adminUrl: string; pid: number; stop(): Promise<void> }

export interface ChaosStack {
  backends: Backends;
  redis: RedisProcess;
  registry: RunningRegistry;
  gateways: Replica[];
  /** The subgraph currently serving `name` (a restarted one replaces the first). */
  subgraph(name: SubgraphName): RunningSubgraph;
  restartSubgraph(name: SubgraphName): Promise<void>;
  killSubgraph(name: SubgraphName): Promise<void>;
  stop(): Promise<void>;
}

const READY = /ready at (\S+) \(admin at ([^;\s)]+)/;

export async function startChaosStack(options: { replicas: number }): Promise<ChaosStack> {
  const redis = await ownRedis();
  const backends = await startBackends({ ports: 'random', redisUrl: redis.url, legacyTimeoutMs: 2_000 });
  const { registry, dir, readerToken } = await startStackRegistry(backends, { port: 0, redisUrl: redis.url });
  const current = new Map<SubgraphName, RunningSubgraph>(Object.entries(backends.subgraphs) as [SubgraphName, RunningSubgraph][]);
  const gateways: Replica[] = [];
  const children: Child[] = [];
  try {
    for (let i = 0; i < options.replicas; i += 1) {
      const { supergraphFile: _f, subgraphUrls: _u, ...config } = gatewayConfigFor(backends, { port: 0, redisUrl: redis.url });
      const file = join(dir, `gateway-${i}.json`);
      await writeFile(file, JSON.stringify({
        ...config,
        registry: { url: registry.url, token: readerToken, pollIntervalMs: 1_000, lastGoodFile: join(dir, `gateway-${i}-last-good.json`) },
      }));
      // Development mode: the run sends documents, as the e2e tests do (production asks mobile for ids).
      const child = await startChild('gateway/main.ts', ['--config', file], READY, { NODE_ENV: 'development', REDIS_URL: redis.url });
      children.push(child);
      const [, url, adminUrl] = READY.exec(child.line) as RegExpExecArray;
      gateways.push({ url: url as string, adminUrl: adminUrl as string, pid: child.process.pid as number, stop: () => child.stop() });
    }
  } catch (error) {
    await Promise.allSettled([...children.map((c) => c.stop()), registry.stop(), backends.stop(), redis.stop()]);
    throw error;
  }
  const restarted = new Set<RunningSubgraph>();
  return {
    backends, redis, registry, gateways,
    subgraph: (name) => current.get(name) as RunningSubgraph,
    async killSubgraph(name) { await current.get(name)?.stop(); },
    async restartSubgraph(name) {
      const entry = SUBGRAPHS[name];
      const port = Number(new URL((current.get(name) as RunningSubgraph).url).port);
      const running = await startSubgraph(entry.build(process.env, {
        legacyUrl: backends.legacy[entry.legacy].url, timeoutMs: 2_000, redisUrl: redis.url,
      }), { port, internalTokenPublicKey: backends.internalKeys.publicKeyPem });
      current.set(name, running);
      restarted.add(running);
    },
    async stop() {
      await Promise.allSettled(gateways.map((g) => g.stop()));
      await Promise.allSettled([...restarted].map((s) => s.stop()));
      await registry.stop();
      await backends.stop();
      await redis.stop();
    },
  };
}

/** Resident memory of a process in MiB (Linux /proc), or null once it has exited. */
export function residentMiB(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

