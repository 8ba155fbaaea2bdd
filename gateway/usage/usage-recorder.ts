/**
 * Owns the aggregation between flushes: a timer (unref'd, off the request path) writes the minutes to the
 * store, a failed write puts them back for the next try, stop() flushes what is left. The store is opened
 * at the first flush, so a gateway that serves nothing never opens a database.
 */
import type { UsageStore } from '../../contracts/usage/usage-report.ts';
import { UsageAggregator, type RecordedRequest } from './usage-aggregator.ts';

export interface UsageRecorderOptions {
  openStore: () => Promise<UsageStore>;
  flushIntervalMs: number;
  retentionIntervalMs: number;
  maxKeys?: number;
  now?: () => number;
  onError?: (message: string) => void;
}

export class UsageRecorder {
  readonly aggregator: UsageAggregator;
  private store: Promise<UsageStore> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private lastRetention = 0;
  private readonly now: () => number;

  constructor(private readonly options: UsageRecorderOptions) {
    this.aggregator = new UsageAggregator(options.maxKeys);
    this.now = options.now ?? Date.now;
    this.timer = setInterval(() => { void this.flush(); }, options.flushIntervalMs);
    this.timer.unref();
  }

  add(request: Omit<RecordedRequest, 'at'>): void {
    this.aggregator.add({ ...request, at: this.now() });
  }

  /** Writes what is aggregated (one flush at a time; a caller waits for the one in progress). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  private async write(): Promise<void> {
    const minutes = this.aggregator.drain();
    try {
      if (minutes.length > 0) {
        const store = await this.openStore();
        await store.record(minutes);
      }
      if (this.store && this.now() - this.lastRetention >= this.options.retentionIntervalMs) {
        this.lastRetention = this.now();
        await (await this.store).applyRetention(this.now());
      }
    } catch (error) {
      this.aggregator.restore(minutes);
      this.options.onError?.(`usage flush failed: ${(error as Error).message}`);
    }
  }

  private openStore(): Promise<UsageStore> {
    if (!this.store) {
      this.store = this.options.openStore();
      this.store.catch(() => { this.store = null; });
    }
    return this.store;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
    if (this.store) await (await this.store.catch(() => null))?.close();
    this.store = null;
  }
}

/** A store someone else owns (and closes): the recorder's stop() leaves it open. */
export function borrowedStore(store: UsageStore): UsageStore {
  return {
    record: (minutes) => store.record(minutes),
    operations: (query) => store.operations(query),
    fieldUsage: (coordinates, query) => store.fieldUsage(coordinates, query),
    applyRetention: (now) => store.applyRetention(now),
    close: async () => {},
  };
}
