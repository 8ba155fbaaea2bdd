/**
 * Where whole responses are kept, indexed by the entities they contain. Two implementations: in memory
 * (one process) and Redis (shared by every gateway replica, so an invalidation is seen by all).
 *
 * Read-your-writes: a response whose computation started before one of its entities was invalidated is
 * never stored, so a read racing a mutation cannot put pre-mutation data back in the cache.
 */
export interface CachedResponse {
  /** The JSON of the response's result (data, extensions): never errors, which are never stored. */
  body: string;
  etag: string;
  storedAt: number;
  maxAgeSeconds: number;
  scope: 'PUBLIC' | 'PRIVATE';
}

export interface ResponseStore {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<CachedResponse | undefined>;
  /** Keeps the entry `keepSeconds` (its max age plus the stale-if-error window), tagged with its entities. */
  set(key: string, entry: CachedResponse, keepSeconds: number, tags: readonly string[], computedSince: number): Promise<void>;
  /** Removes every entry tagged with one of these entities; returns how many. */
  invalidate(tags: readonly string[]): Promise<number>;
  /** Operations that could not reach the store (Redis down) and went on without it. */
  readonly bypasses: number;
}

export const MEMORY_RESPONSE_ENTRIES = 10_000;
/** How long an invalidation is remembered against reads that started before it. */
export const INVALIDATION_MEMORY_SECONDS = 60;

export class MemoryResponseStore implements ResponseStore {
  readonly kind = 'memory';
  readonly bypasses = 0;
  private readonly entries = new Map<string, { entry: CachedResponse; expiresAt: number; tags: readonly string[] }>();
  private readonly byTag = new Map<string, Set<string>>();
  private readonly invalidatedAt = new Map<string, number>();

  constructor(private readonly maxEntries = MEMORY_RESPONSE_ENTRIES) {}

  async get(key: string): Promise<CachedResponse | undefined> {
    const found = this.entries.get(key);
    if (!found) return undefined;
    if (found.expiresAt <= Date.now()) { this.remove(key); return undefined; }
    return found.entry;
  }

  async set(key: string, entry: CachedResponse, keepSeconds: number, tags: readonly string[], computedSince: number): Promise<void> {
    if (tags.some((tag) => (this.invalidatedAt.get(tag) ?? 0) >= computedSince)) return;
    if (this.entries.size >= this.maxEntries) this.remove(this.entries.keys().next().value as string);
    this.remove(key);
    this.entries.set(key, { entry, expiresAt: Date.now() + keepSeconds * 1000, tags });
    for (const tag of tags) (this.byTag.get(tag) ?? this.byTag.set(tag, new Set()).get(tag))?.add(key);
  }

  async invalidate(tags: readonly string[]): Promise<number> {
    let removed = 0;
    const now = Date.now();
    for (const tag of tags) {
      this.invalidatedAt.set(tag, now);
      for (const key of this.byTag.get(tag) ?? []) removed += this.remove(key) ? 1 : 0;
      this.byTag.delete(tag);
    }
    for (const [tag, at] of this.invalidatedAt) if (at < now - INVALIDATION_MEMORY_SECONDS * 1000) this.invalidatedAt.delete(tag);
    return removed;
  }

  private remove(key: string): boolean {
    const found = this.entries.get(key);
    if (!found) return false;
    this.entries.delete(key);
    for (const tag of found.tags) this.byTag.get(tag)?.delete(key);
    return true;
  }
}
