/**
 * Get-or-load for stable reference data (catalogue offerings, categories...), over a CacheStore, with a
 * time to live and a stale-while-revalidate window:
 *   fresh (younger than ttl)         -> served from the cache;
 *   stale (within ttl + stale)       -> served at once, and refreshed once in the background: one refresh
 *                                       per key per process, however many requests read it meanwhile;
 *                                       if that refresh fails, the stale value keeps being served until
 *                                       the window ends (stale-if-error, fitting for reference data);
 *   missing (or older than that)     -> loaded, the caller waits; concurrent misses of one key share a load.
 * Keys carry a name and a version: changing the cached shape means bumping the version, and old entries
 * are never read again (they expire on their own). Values are JSON; `accept` rejects an entry of another
 * shape (it then counts as missing).
 */
import { hashTagged } from '../../../contracts/lib/redis-connection.ts';
import type { CacheStore } from './cache-store.ts';
import { markServedStale } from '../transport/resilience/request-deadline.ts';

export interface CachePolicy {
  /** How long an entry is fresh. */
  ttlSeconds: number;
  /** How long after that it may still be served while it is refreshed. 0 and 0: no caching. */
  staleSeconds: number;
}

/**
 * Loads the given keys (at most one legacy call per batch); keys it leaves out do not exist. `stale` holds
 * the values being refreshed, so that a loader can revalidate them (If-None-Match) instead of re-reading.
 */
export type BatchLoader<T> = (keys: readonly string[], stale: ReadonlyMap<string, T>) => Promise<ReadonlyMap<string, T>>;

export interface EntityCacheOptions<T> {
  store: CacheStore;
  /** What is cached, e.g. "catalog:offering": part of every key. */
  name: string;
  /** Version of the cached shape: bump it whenever T changes. */
  version: number;
  policy: CachePolicy;
  /** Milliseconds since the epoch; tests pass a clock they control. */
  now?: () => number;
  accept?: (value: unknown) => value is T;
}

export interface EntityCacheStats { fresh: number; stale: number; missed: number; loads: number; refreshes: number; refreshFailures: number }

interface Envelope<T> { v: T; fresh: number; stale: number }

export class EntityCache<T> {
  readonly stats: EntityCacheStats = { fresh: 0, stale: 0, missed: 0, loads: 0, refreshes: 0, refreshFailures: 0 };
  private readonly inflight = new Map<string, Promise<T | undefined>>();
  private readonly background = new Set<Promise<void>>();
  private readonly now: () => number;
  /** The last background refresh failed (its system is failing): stale copies served are marked so. */
  private refreshesFailing = false;

  constructor(private readonly options: EntityCacheOptions<T>) {
    // Read at each call (not captured): a clock swapped later, as tests do, is the one used.
    this.now = options.now ?? (() => Date.now());
  }

  private get enabled(): boolean {
    return this.options.policy.ttlSeconds + this.options.policy.staleSeconds > 0;
  }

  /** One key; `load` receives the stale value when it refreshes one. */
  async get(key: string, load: (stale: T | undefined) => Promise<T | undefined>): Promise<T | undefined> {
    const found = await this.getMany([key], async (keys, stale) => {
      const value = await load(stale.get(key));
      return new Map(value === undefined ? [] : [[key, value]]);
    });
    return found.get(key);
  }

  /** Values by key, for the keys that exist; a DataLoader batch costs one store round trip. */
  async getMany(keys: readonly string[], load: BatchLoader<T>): Promise<Map<string, T>> {
    const unique = [...new Set(keys)];
    if (!this.enabled) return new Map(await load(unique, new Map()));
    const raw = await this.options.store.getMany(unique.map((key) => this.storeKey(key)));
    const now = this.now();
    const result = new Map<string, T>();
    const missing: string[] = [];
    const stale = new Map<string, T>();
    unique.forEach((key, i) => {
      const entry = this.decode(raw[i]);
      if (!entry || now >= entry.stale) { missing.push(key); return; }
      result.set(key, entry.v);
      if (now < entry.fresh) this.stats.fresh += 1;
      else { this.stats.stale += 1; stale.set(key, entry.v); }
    });
    // While refreshes fail, a stale copy stands in for the failing system: the answer says so.
    if (stale.size > 0 && this.refreshesFailing) markServedStale();
    this.stats.missed += missing.length;
    if (stale.size > 0) this.refreshInBackground(stale, load);
    if (missing.length > 0) {
      const loaded = await this.loadShared(missing, new Map(), load, 'loads');
      for (const [key, value] of loaded) result.set(key, value);
    }
    return result;
  }

  /** Resolves once every background refresh started so far has finished (tests, shutdown). */
  async settle(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background]);
  }

  private refreshInBackground(stale: Map<string, T>, load: BatchLoader<T>): void {
    // A key already being loaded or refreshed in this process is not refreshed twice: no stampede.
    for (const key of [...stale.keys()]) if (this.inflight.has(key)) stale.delete(key);
    if (stale.size === 0) return;
    const refresh = this.loadShared([...stale.keys()], stale, load, 'refreshes').then(
      () => { this.refreshesFailing = false; },
      () => { this.stats.refreshFailures += 1; this.refreshesFailing = true; },
    );
    this.background.add(refresh);
    void refresh.then(() => this.background.delete(refresh));
  }

  /** Loads `keys`, except those another caller is already loading, whose load it joins. */
  private async loadShared(keys: string[], stale: ReadonlyMap<string, T>, load: BatchLoader<T>, counter: 'loads' | 'refreshes'): Promise<Map<string, T>> {
    const joined = keys.filter((key) => this.inflight.has(key)).map((key) => [key, this.inflight.get(key)!] as const);
    const own = keys.filter((key) => !this.inflight.has(key));
    const batch = own.length > 0 ? this.loadAndStore(own, stale, load, counter) : undefined;
    for (const key of own) {
      const one = batch!.then((values) => values.get(key));
      this.inflight.set(key, one);
      const forget = (): void => { if (this.inflight.get(key) === one) this.inflight.delete(key); };
      one.then(forget, forget);
    }
    const result = new Map<string, T>(batch ? await batch : []);
    for (const [key, pending] of joined) {
      const value = await pending;
      if (value !== undefined) result.set(key, value);
    }
    return result;
  }

  private async loadAndStore(keys: string[], stale: ReadonlyMap<string, T>, load: BatchLoader<T>, counter: 'loads' | 'refreshes'): Promise<ReadonlyMap<string, T>> {
    this.stats[counter] += 1;
    const loaded = await load(keys, stale);
    const { ttlSeconds, staleSeconds } = this.options.policy;
    const now = this.now();
    const envelope = { fresh: now + ttlSeconds * 1000, stale: now + (ttlSeconds + staleSeconds) * 1000 };
    const entries = keys.filter((key) => loaded.has(key)).map((key) => ({
      key: this.storeKey(key),
      value: JSON.stringify({ v: loaded.get(key), ...envelope }),
      ttlMs: (ttlSeconds + staleSeconds) * 1000,
    }));
    // A refreshed key the system no longer knows is dropped, not served stale until it expires.
    const gone = keys.filter((key) => !loaded.has(key) && stale.has(key)).map((key) => this.storeKey(key));
    // Awaited (one pipelined round trip, bounded by the store's timeout) so that the next reader, here or
    // in another instance, finds what this one paid for.
    await Promise.all([this.options.store.setMany(entries), this.options.store.deleteMany(gone)]);
    return loaded;
  }

  /**
   * One hash tag per cached kind and version: a batch's MGET, pipelined SETs and DEL stay in one slot of a
   * Redis Cluster (a multi-key command across slots is refused there), and kinds spread over the cluster.
   */
  private storeKey(key: string): string {
    return `${hashTagged(`${this.options.name}:v${this.options.version}`)}:${key}`;
  }

  private decode(raw: string | undefined): Envelope<T> | undefined {
    if (raw === undefined) return undefined;
    try {
      const entry = JSON.parse(raw) as Partial<Envelope<T>> | null;
      if (!entry || typeof entry.fresh !== 'number' || typeof entry.stale !== 'number' || !('v' in entry)) return undefined;
      return !this.options.accept || this.options.accept(entry.v) ? (entry as Envelope<T>) : undefined;
    } catch {
      return undefined;
    }
  }
}
