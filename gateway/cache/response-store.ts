/**
 * Where whole responses are kept, indexed by the entities they contain. Two implementations: in memory
 * (one process, memory-response-store.ts) and Redis (shared by every gateway replica, so an invalidation
 * is seen by all, redis-response-store.ts). Both obey the same contract, tested by one suite:
 *
 * - Read-your-writes: a response whose computation started before one of its entities was invalidated
 *   is never stored, and the check and the write are one atomic step, so a read racing a mutation cannot
 *   put pre-mutation data back in the cache.
 * - Lossless invalidation: an invalidation that cannot be delivered is never dropped; until it is, the
 *   entities it names count as invalid here (their entries are neither served nor stored).
 * - Bounded: no entry over `maxEntryBytes` is kept, and the memory store evicts the least recently used
 *   entries past its byte budget (Redis is bounded by its own `maxmemory`, see docs/caching.md, "Bounded stores").
 */
export interface CachedResponse {
  /** The JSON of the response's result (data, extensions): never errors, which are never stored. */
  body: string;
  etag: string;
  storedAt: number;
  maxAgeSeconds: number;
  scope: 'PUBLIC' | 'PRIVATE';
  /** The entities the response holds ("Customer:100001"): what invalidates it. */
  tags: readonly string[];
}

export interface InvalidationOutcome {
  /** Entries removed. */
  removed: number;
  /** False when the store could not be reached in time: the invalidation is pending, retried in the background. */
  delivered: boolean;
}

export interface ResponseStore {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<CachedResponse | undefined>;
  /**
   * Keeps the entry `keepSeconds` (its max age plus the stale-if-error window), unless one of its
   * entities was invalidated at or after `computedSince` (the earliest start of anything it was built
   * from). Returns whether it was stored.
   */
  set(key: string, entry: CachedResponse, keepSeconds: number, computedSince: number): Promise<boolean>;
  /** Removes every entry tagged with one of these entities, and remembers when (against older reads). */
  invalidate(tags: readonly string[]): Promise<InvalidationOutcome>;
  /** Whether one of these entities was invalidated at or after `since` (or has an undelivered invalidation). */
  invalidatedSince(tags: readonly string[], since: number): Promise<boolean>;
  /** Operations that could not reach the store (Redis down or slow) and went on without it. */
  readonly bypasses: number;
  /** Entities whose invalidation is not yet delivered to the shared store. */
  readonly pendingInvalidations: number;
  close(): Promise<void>;
}

export const RESPONSE_STORE_DEFAULTS = Object.freeze({
  /** Budget of the in-memory store, all entries together (bodies and keys, approximately). */
  memoryBytes: 64 * 1024 * 1024,
  /** Larger responses are served but never cached (either store). */
  maxEntryBytes: 512 * 1024,
  /** How long a mutation waits for its invalidation to reach Redis before answering with it pending. */
  invalidationWaitMs: 1_000,
});

/** How long an invalidation is remembered against reads that started before it. */
export const INVALIDATION_MEMORY_SECONDS = 60;

/** Whether an invalidation mark at `markedAt` concerns data read since `since` (same clock; ties count). */
export const invalidatedAtOrAfter = (markedAt: number | undefined, since: number): boolean =>
  markedAt !== undefined && markedAt >= since;

export interface ResponseStoreLimits { memoryBytes: number; maxEntryBytes: number; invalidationWaitMs: number }
