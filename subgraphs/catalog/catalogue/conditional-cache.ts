/**
 * Bodies the Catalogue already sent, with their ETags, so that the next read of the same resource is a
 * conditional request: a 304 costs the Catalogue no serialisation and us no transfer or parsing.
 * Bounded (least recently used first out) because it lives as long as the subgraph, across requests.
 */
export interface Tagged<T> { etag: string; value: T }

export class ConditionalCache<T> {
  private readonly entries = new Map<string, Tagged<T>>();

  constructor(private readonly maxEntries: number) {}

  get(key: string): Tagged<T> | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // Map keeps insertion order: re-inserting marks the entry as the most recently used.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: Tagged<T>): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
