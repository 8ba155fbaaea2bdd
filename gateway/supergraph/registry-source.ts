/**
 * A supergraph that follows the schema registry: the gateway starts on the registry's current supergraph
 * (or on the last one it loaded, kept on disk, when the registry is down or offers one it cannot load),
 * then swaps to each new version without a restart: told through Redis pub/sub when configured, and
 * polling (with ETag) in any case. @apollo/gateway's update() loads a supergraph synchronously and
 * throws on one it cannot load; it is also how the starting supergraph is loaded (allowed while the hook
 * runs), so that "last good" always means "loaded", never "fetched". Requests in flight keep the schema
 * they started with. The gateway never moves to a lower version, another version under the same number,
 * or another store's version (a registry whose store lost its data or was restored from a snapshot)
 * unless told to (`registry.allowDowngrade`): such a version is reported in /ready, not served.
 */
import type { SupergraphSdlHook } from '@apollo/gateway';
import { createRedisConnection, type RedisClient } from '../../contracts/lib/redis-connection.ts';
import { SUPERGRAPH_CHANNEL } from '../../contracts/supergraph-notice.ts';
import { readLastGood, saveLastGood, type LastGood } from './last-good-file.ts';
import { hashSupergraph, type SupergraphState } from './static-file.ts';

export const REGISTRY_SOURCE_DEFAULTS = Object.freeze({ fetchTimeoutMs: 5_000 });

export interface RegistrySourceOptions {
  url: string;
  token?: string | undefined;
  pollIntervalMs: number;
  lastGoodFile: string;
  /** Follow a lower version or another store's (after a deliberate restore). */
  allowDowngrade?: boolean | undefined;
  redisUrl?: string | undefined;
  onLoad(state: SupergraphState): void;
  onError(message: string): void;
}

interface Current { version: number; hash: string; sdl: string; storeId?: string }

const toLastGood = (c: Current): LastGood => ({ version: c.version, sdl: c.sdl, storeId: c.storeId ?? null });

/** Why `next` must not replace `served`, or null when it may. */
export function downgradeOf(served: LastGood | null, next: LastGood): string | null {
  if (!served || served.version === null || next.version === null) return null;
  if (served.storeId && next.storeId && served.storeId !== next.storeId) {
    return `it comes from another registry store (${next.storeId}, version ${next.version}) than the one served (${served.storeId}, version ${served.version})`;
  }
  if (next.version < served.version) return `it is lower than the version served (${served.version})`;
  if (next.version === served.version && next.sdl !== served.sdl) return `it differs from the version ${served.version} served under the same number`;
  return null;
}

export function registrySupergraph(options: RegistrySourceOptions): SupergraphSdlHook {
  let etag: string | null = null;
  /** The last supergraph loaded or refused (store, version, hash): the same one is not tried twice. */
  let seen: string | null = null;
  const keyOf = (v: { version: number | null; sdl: string; storeId?: string | null }) => `${v.storeId ?? ''}:${v.version ?? ''}:${hashSupergraph(v.sdl)}`;
  let served: LastGood | null = null;

  const fetchCurrent = async (): Promise<Current | null> => {
    const res = await fetch(new URL('/supergraph', options.url), {
      headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(etag ? { 'if-none-match': etag } : {}) },
      signal: AbortSignal.timeout(REGISTRY_SOURCE_DEFAULTS.fetchTimeoutMs),
    });
    if (res.status === 304) return null;
    if (!res.ok) throw new Error(`the registry answered ${res.status}`);
    etag = res.headers.get('etag');
    return (await res.json()) as Current;
  };

  const refusal = (next: LastGood): string | null => (options.allowDowngrade ? null : downgradeOf(served, next));

  /** Loads one supergraph through update(); only once it is loaded is it reported, and (if asked) kept as last good. */
  const load = async (update: (sdl: string) => void, next: LastGood, source: string, keep: boolean): Promise<void> => {
    seen = keyOf(next);
    update(next.sdl);
    served = next;
    options.onLoad({ sdl: next.sdl, hash: hashSupergraph(next.sdl), version: next.version, loadedAt: new Date().toISOString(), source });
    if (keep) await saveLastGood(options.lastGoodFile, next).catch((error: unknown) => options.onError(`could not keep the supergraph on disk: ${(error as Error).message}`));
  };

  return async ({ update }) => {
    const problems: string[] = [];
    let current: Current | null = null;
    try { current = await fetchCurrent(); } catch (error) {
      problems.push(`registry unreachable at start: ${(error as Error).message}`);
    }
    const kept = await readLastGood(options.lastGoodFile);
    if ('problem' in kept) problems.push(kept.problem);
    const lastGood = 'found' in kept ? kept.found : null;
    served = lastGood;
    let started = false;
    if (current) {
      const next = toLastGood(current);
      const refused = refusal(next);
      if (refused) problems.push(`supergraph version ${current.version} refused: ${refused}`);
      else {
        try { await load(update, next, options.url, true); started = true; } catch (error) {
          problems.push(`supergraph version ${current.version} refused: ${(error as Error).message}`);
        }
      }
    }
    if (!started && lastGood) {
      try { await load(update, lastGood, options.lastGoodFile, false); started = true; } catch (error) {
        problems.push(`last good supergraph at ${options.lastGoodFile} cannot be loaded: ${(error as Error).message}`);
      }
      if (current) seen = keyOf(current);
    }
    for (const problem of problems) options.onError(problem);
    if (!started || !served) throw new Error(`No supergraph to start on from the registry (${options.url}) or ${options.lastGoodFile}: ${problems.join('; ') || 'nothing kept'}.`);
    const initial: LastGood = served;

    let checking = false;
    const check = async () => {
      if (checking) return;
      checking = true;
      try {
        const fetched = await fetchCurrent();
        if (fetched && keyOf(fetched) !== seen) {
          const next = toLastGood(fetched);
          const refused = refusal(next);
          try {
            if (refused) throw new Error(refused);
            await load(update, next, options.url, true);
          } catch (error) {
            // Never served: the last good supergraph stays. The same version is not retried until it changes.
            seen = keyOf(fetched);
            options.onError(`supergraph version ${fetched.version} refused: ${(error as Error).message}`);
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
    let subscriber: RedisClient | null = null;
    if (options.redisUrl) {
      // Queued and retried while away: the subscription must stand whenever Redis is back.
      subscriber = createRedisConnection(options.redisUrl, { offlineQueue: true, maxRetriesPerRequest: null, maxReconnectDelayMs: 2_000 });
      subscriber.on('error', () => {});
      subscriber.on('message', () => void check());
      // A version announced before the subscription (or while disconnected) would be missed: look once
      // the subscription stands, and after every reconnection (ioredis resubscribes by itself).
      subscriber.on('ready', () => void check());
      void subscriber.subscribe(SUPERGRAPH_CHANNEL).then(() => check(), () => {});
    }
    // The registry may have moved, or come back, while the gateway was starting.
    if (!current) void check();
    return {
      supergraphSdl: initial.sdl,
      async cleanup() {
        clearInterval(timer);
        subscriber?.disconnect();
      },
    };
  };
}
