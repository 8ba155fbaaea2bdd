/**
 * Responses in this process's memory: a least-recently-used map bounded in bytes, not entries, so that
 * many distinct large answers (a comment or a variable changes the key) cannot exhaust the heap.
 * Invalidation is local and synchronous, hence always delivered.
 */
import {
  INVALIDATION_MEMORY_SECONDS, invalidatedAtOrAfter, RESPONSE_STORE_DEFAULTS,
  type CachedResponse, type InvalidationOutcome, type ResponseStore, type ResponseStoreLimits,
} from './response-store.ts';

/** Bookkeeping per entry (Map slot, tag index, expiry): counted so that tiny entries are not free. */
const ENTRY_OVERHEAD_BYTES = 256;

interface Slot { entry: CachedResponse; expiresAt: number; bytes: number }

const sizeOf = (key: string, entry: CachedResponse): number =>
  // JavaScript strings hold UTF-16: two bytes a character, whatever the JSON's encoding on the wire.
  2 * (key.length + entry.body.length + entry.etag.length + entry.tags.reduce((n, t) => n + t.length, 0)) + ENTRY_OVERHEAD_BYTES;

export class MemoryResponseStore implements ResponseStore {
  readonly kind = 'memory';
  readonly bypasses = 0;
  readonly pendingInvalidations = 0;
  private readonly entries = new Map<string, Slot>();
  private readonly byTag = new Map<string, Set<string>>();
  private readonly invalidatedAt = new Map<string, number>();
  private bytes = 0;

  constructor(private readonly limits: Pick<ResponseStoreLimits, 'memoryBytes' | 'maxEntryBytes'> = RESPONSE_STORE_DEFAULTS) {}

  /** Bytes held now (approximate): never above the budget. */
  get size(): number { return this.bytes; }

  async get(key: string): Promise<CachedResponse | undefined> {
    const slot = this.entries.get(key);
    if (!slot) return undefined;
    if (slot.expiresAt <= Date.now()) { this.remove(key); return undefined; }
    // Most recently used last: eviction takes from the front.
    this.entries.delete(key);
    this.entries.set(key, slot);
    return slot.entry;
  }

  async set(key: string, entry: CachedResponse, keepSeconds: number, computedSince: number): Promise<boolean> {
    if (entry.tags.some((tag) => invalidatedAtOrAfter(this.invalidatedAt.get(tag), computedSince))) return false;
    const bytes = sizeOf(key, entry);
    if (bytes > this.limits.maxEntryBytes || bytes > this.limits.memoryBytes) return false;
    this.remove(key);
    while (this.bytes + bytes > this.limits.memoryBytes) this.remove(this.entries.keys().next().value as string);
    this.entries.set(key, { entry, expiresAt: Date.now() + keepSeconds * 1000, bytes });
    this.bytes += bytes;
    for (const tag of entry.tags) (this.byTag.get(tag) ?? this.byTag.set(tag, new Set()).get(tag))?.add(key);
    return true;
  }

  async invalidate(tags: readonly string[]): Promise<InvalidationOutcome> {
    let removed = 0;
    const now = Date.now();
    for (const tag of tags) {
      this.invalidatedAt.set(tag, now);
      for (const key of this.byTag.get(tag) ?? []) removed += this.remove(key) ? 1 : 0;
      this.byTag.delete(tag);
    }
    for (const [tag, at] of this.invalidatedAt) if (at < now - INVALIDATION_MEMORY_SECONDS * 1000) this.invalidatedAt.delete(tag);
    return { removed, delivered: true };
  }

  async invalidatedSince(tags: readonly string[], since: number): Promise<boolean> {
    return tags.some((tag) => invalidatedAtOrAfter(this.invalidatedAt.get(tag), since));
  }

  async close(): Promise<void> {}

  private remove(key: string): boolean {
    const slot = this.entries.get(key);
    if (!slot) return false;
    this.entries.delete(key);
    this.bytes -= slot.bytes;
    for (const tag of slot.entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
    return true;
  }
}
