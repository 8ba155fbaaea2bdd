/**
 * A supergraph that follows the schema registry: the gateway starts on the registry's current supergraph
 * (or, if the registry is down, on the last one it served, kept on disk), then swaps to each new version
 * without a restart: told through Redis pub/sub when configured, and polling (with ETag) in any case.
 * @apollo/gateway's update() keeps requests in flight on the schema they started with and throws on a
 * supergraph it cannot load: the last good one then stays, and the failure shows in /ready.
 */
import type { SupergraphSdlHook } from '@apollo/gateway';
import { Redis } from 'ioredis';
import { SUPERGRAPH_CHANNEL } from '../../schema/registry/types.ts';
import { readLastGood, saveLastGood } from './last-good-file.ts';
import { hashSupergraph, type SupergraphState } from './static-file.ts';

export interface RegistrySourceOptions {
  url: string;
  token?: string | undefined;
  pollIntervalMs: number;
  lastGoodFile: string;
  redisUrl?: string | undefined;
  onLoad(state: SupergraphState): void;
  onError(message: string): void;
}

interface Current { version: number; hash: string; sdl: string }

export function registrySupergraph(options: RegistrySourceOptions): SupergraphSdlHook {
  let etag: string | null = null;
  let served: string | null = null;

  const fetchCurrent = async (): Promise<Current | null> => {
    const res = await fetch(new URL('/supergraph', options.url), {
      headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(etag ? { 'if-none-match': etag } : {}) },
      signal: AbortSignal.timeout(5_000),
    });
    if (res.status === 304) return null;
    if (!res.ok) throw new Error(`the registry answered ${res.status}`);
    etag = res.headers.get('etag');
    return (await res.json()) as Current;
  };

  const loaded = async (current: { version: number | null; sdl: string }, source: string) => {
    served = hashSupergraph(current.sdl);
    options.onLoad({ sdl: current.sdl, hash: served, version: current.version, loadedAt: new Date().toISOString(), source });
    await saveLastGood(options.lastGoodFile, current).catch((error: unknown) => options.onError(`could not keep the supergraph on disk: ${(error as Error).message}`));
  };

  return async ({ update }) => {
    let initial: { version: number | null; sdl: string } | null = null;
    try {
      initial = await fetchCurrent();
    } catch (error) {
      options.onError(`registry unreachable at start: ${(error as Error).message}; serving the last good supergraph`);
    }
    if (initial) await loaded(initial, options.url);
    else {
      initial = await readLastGood(options.lastGoodFile);
      if (!initial) throw new Error(`The registry (${options.url}) is unreachable and no last good supergraph is kept at ${options.lastGoodFile}.`);
      served = hashSupergraph(initial.sdl);
      options.onLoad({ sdl: initial.sdl, hash: served, version: initial.version, loadedAt: new Date().toISOString(), source: options.lastGoodFile });
    }

    let checking = false;
    const check = async () => {
      if (checking) return;
      checking = true;
      try {
        const next = await fetchCurrent();
        if (next && hashSupergraph(next.sdl) !== served) {
          try {
            update(next.sdl);
            await loaded(next, options.url);
          } catch (error) {
            // Never served: the last good supergraph stays. The same version is not retried until it changes.
            served = hashSupergraph(next.sdl);
            options.onError(`supergraph version ${next.version} refused: ${(error as Error).message}`);
          }
        }
      } catch (error) {
        options.onError(`registry unreachable: ${(error as Error).message}`);
      } finally {
        checking = false;
      }
    };

    const timer = setInterval(() => void check(), options.pollIntervalMs);
    timer.unref();
    let subscriber: Redis | null = null;
    if (options.redisUrl) {
      subscriber = new Redis(options.redisUrl, { maxRetriesPerRequest: null, retryStrategy: (n) => Math.min(n * 200, 2_000) });
      subscriber.on('error', () => {});
      subscriber.on('message', () => void check());
      // A version announced before the subscription (or while disconnected) would be missed: look once
      // the subscription stands, and after every reconnection (ioredis resubscribes by itself).
      subscriber.on('ready', () => void check());
      void subscriber.subscribe(SUPERGRAPH_CHANNEL).then(() => check(), () => {});
    }
    // The registry may have moved while the gateway was starting.
    if (initial.version === null) void check();
    return {
      supergraphSdl: initial.sdl,
      async cleanup() {
        clearInterval(timer);
        subscriber?.disconnect();
      },
    };
  };
}
