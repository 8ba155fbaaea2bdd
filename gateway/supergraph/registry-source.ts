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
 * Nor does it move to a version before every subgraph whose schema (or routing URL) changed really serves
 * the published schema (`probe`): until then the version waits for deployment (reported in /ready), the
 * served one stays, and each poll asks again.
 */
import type { SupergraphSdlHook } from '@apollo/gateway';
import { createRedisConnection, type RedisClient } from '../../contracts/lib/redis-connection.ts';
import { SERVED_SUPERGRAPH_HEADER, SUPERGRAPH_CHANNEL, type SubgraphSchemas } from '../../contracts/supergraph-notice.ts';
import { deployedVersion } from './deployed-version.ts';
import { readLastGood, saveLastGood, type LastGood } from './last-good-file.ts';
import type { SchemaProbeTarget } from './served-schema-probe.ts';
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
  /** Null when the subgraph serves its published schema, else why not; without it, versions are not gated. */
  probe?: ((target: SchemaProbeTarget) => Promise<string | null>) | undefined;
  onLoad(state: SupergraphState): void;
  onError(message: string): void;
}

interface Current { version: number; hash: string; sdl: string; storeId?: string; subgraphSchemas?: SubgraphSchemas }

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
  /** The subgraph schemas of the served version, when it came from the registry (null: probe them all). */
  let servedSchemas: SubgraphSchemas | null = null;
  /** A newer version waiting for its subgraphs' deployment, asked about again on every poll. */
  let pending: Current | null = null;

  /** Why `next` cannot be served yet: the changed subgraphs that do not serve their published schema. */
  const waitingFor = async (next: Current): Promise<string[]> => {
    const probe = options.probe;
    if (!probe || !next.subgraphSchemas) return [];
    const changed = Object.entries(next.subgraphSchemas).filter(([name, s]) =>
      servedSchemas?.[name]?.sdl !== s.sdl || servedSchemas[name]?.routingUrl !== s.routingUrl);
    const answers = await Promise.all(changed.map(([name, s]) => probe({ name, url: s.routingUrl, publishedSdl: s.sdl })));
    return answers.filter((a): a is string => a !== null);
  };
  const waitingMessage = (next: Current, waiting: string[]) =>
    `supergraph version ${next.version} waits for deployment (the version served stays): ${waiting.join('; ')}`;

  const fetchCurrent = async (): Promise<Current | null> => {
    const res = await fetch(new URL('/supergraph', options.url), {
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(etag ? { 'if-none-match': etag } : {}),
        ...(served?.version != null ? { [SERVED_SUPERGRAPH_HEADER]: String(served.version) } : {}),
      },
      signal: AbortSignal.timeout(REGISTRY_SOURCE_DEFAULTS.fetchTimeoutMs),
    });
    if (res.status === 304) return null;
    if (!res.ok) throw new Error(`the registry answered ${res.status}`);
    etag = res.headers.get('etag');
    return (await res.json()) as Current;
  };

  const refusal = (next: LastGood): string | null => (options.allowDowngrade ? null : downgradeOf(served, next));

  /** Loads one supergraph through update(); only once it is loaded is it reported, and (if asked) kept as last good. */
  const load = async (update: (sdl: string) => void, next: LastGood, source: string, keep: boolean, schemas: SubgraphSchemas | null): Promise<void> => {
    seen = keyOf(next);
    update(next.sdl);
    served = next;
    servedSchemas = schemas;
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
    /** What to serve when the current version cannot be: the last good one, else the one other gateways serve. */
    let fallback = lastGood;
    let fallbackSource = options.lastGoodFile;
    if (current) {
      const next = toLastGood(current);
      const refused = refusal(next);
      let waiting: string[] = [];
      if (!refused && !(lastGood && keyOf(lastGood) === keyOf(next))) {
        // Without a last good one, and with nothing older deployed, the current version is all there is to serve.
        const deployed = lastGood || !options.probe || !current.subgraphSchemas ? null : await deployedVersion(options.url, options.token, REGISTRY_SOURCE_DEFAULTS.fetchTimeoutMs);
        if (deployed) { fallback = deployed; fallbackSource = `${options.url} (version ${deployed.version}, served by the other gateways)`; }
        if (fallback) waiting = await waitingFor(current);
      }
      if (refused) problems.push(`supergraph version ${current.version} refused: ${refused}`);
      else if (waiting.length > 0) {
        problems.push(waitingMessage(current, waiting));
        pending = current;
      } else {
        try { await load(update, next, options.url, true, current.subgraphSchemas ?? null); started = true; } catch (error) {
          problems.push(`supergraph version ${current.version} refused: ${(error as Error).message}`);
        }
      }
    }
    if (!started && fallback) {
      try { await load(update, fallback, fallbackSource, fallback !== lastGood, null); started = true; } catch (error) {
        problems.push(`${fallback === lastGood ? 'last good supergraph at' : 'deployed supergraph from'} ${fallbackSource} cannot be loaded: ${(error as Error).message}`);
      }
      if (current && !pending) seen = keyOf(current);
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
        // 304 (null): the version waiting for deployment, if any, is asked about again.
        if (fetched) pending = keyOf(fetched) === seen ? null : fetched;
        if (pending) {
          const next = toLastGood(pending);
          const refused = refusal(next);
          const waiting = refused ? [] : await waitingFor(pending);
          if (waiting.length > 0) {
            options.onError(waitingMessage(pending, waiting));
            return;
          }
          const candidate = pending;
          pending = null;
          try {
            if (refused) throw new Error(refused);
            await load(update, next, options.url, true, candidate.subgraphSchemas ?? null);
          } catch (error) {
            // Never served: the last good supergraph stays. The same version is not retried until it changes.
            seen = keyOf(candidate);
            options.onError(`supergraph version ${candidate.version} refused: ${(error as Error).message}`);
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
