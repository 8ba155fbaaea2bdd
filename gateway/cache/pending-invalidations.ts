/**
 * Invalidations the shared store has not acknowledged yet (Redis down, stalled or slow). They are never
 * dropped: until one is delivered, its entities count as invalid in this process (their entries are
 * neither served nor stored here), and delivery is retried in the background with a capped backoff.
 * A timed-out attempt may still run later in Redis; delivering an invalidation twice is harmless.
 */
export const PENDING_RETRY = Object.freeze({ firstDelayMs: 50, maxDelayMs: 2_000 });

export class PendingInvalidations {
  /** Entity tag -> when it was invalidated (the earliest undelivered time). */
  private readonly tags = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private delay: number = PENDING_RETRY.firstDelayMs;
  private closed = false;

  /** `deliver` sends tags to the store; it throws when the store cannot be reached. */
  constructor(private readonly deliver: (tags: readonly string[]) => Promise<unknown>) {}

  get size(): number { return this.tags.size; }

  add(tags: readonly string[], at: number): void {
    for (const tag of tags) if (!this.tags.has(tag)) this.tags.set(tag, at);
  }

  /** Acknowledged by the store: forget these tags, unless invalidated again after `since`. */
  delivered(tags: readonly string[], since: number): void {
    for (const tag of tags) if ((this.tags.get(tag) ?? Infinity) <= since) this.tags.delete(tag);
  }

  has(tags: readonly string[]): boolean {
    return this.tags.size > 0 && tags.some((tag) => this.tags.has(tag));
  }

  /** Starts (or keeps) retrying delivery until every pending tag is acknowledged. */
  retry(): void {
    if (this.timer || this.closed || this.tags.size === 0) return;
    this.timer = setTimeout(() => { void this.attempt(); }, this.delay);
    this.timer.unref();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async attempt(): Promise<void> {
    this.timer = null;
    const tags = [...this.tags.keys()];
    const startedAt = Date.now();
    try {
      await this.deliver(tags);
      this.delivered(tags, startedAt);
      this.delay = PENDING_RETRY.firstDelayMs;
    } catch {
      this.delay = Math.min(this.delay * 2, PENDING_RETRY.maxDelayMs);
    }
    this.retry();
  }
}
