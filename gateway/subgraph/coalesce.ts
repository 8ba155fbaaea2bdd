/**
 * Identical queries in flight to the same subgraph for the same principal are sent once and shared:
 * a burst of identical requests (a double tap, a retry, a popular page on a cold cache) costs the
 * subgraph one fetch. Mutations are never coalesced (see data-source.ts).
 *
 * What is shared is the whole outcome of the fetch, not only its data: its cache hint and when it
 * started travel with it, so that every request using it restricts its own cache policy exactly as if
 * it had made the fetch, and knows how old the data may be. Followers get their own copy of the value,
 * as the gateway mutates what it merges.
 */
export interface SharedFetch<T> {
  value: T;
  /** When the fetch was sent (ms since the epoch): data older than any request that joined it later. */
  startedAt: number;
  /** True for a request that joined a fetch another request started. */
  joined: boolean;
}

export class Coalescer<T> {
  private readonly inFlight = new Map<string, Promise<{ value: T; startedAt: number }>>();
  /** Requests that shared another's fetch: a metric of what coalescing saved. */
  shared = 0;

  async run(key: string, fetch: () => Promise<T>): Promise<SharedFetch<T>> {
    const pending = this.inFlight.get(key);
    if (pending) {
      this.shared += 1;
      const { value, startedAt } = await pending;
      return { value: structuredClone(value), startedAt, joined: true };
    }
    const startedAt = Date.now();
    const started = fetch().then((value) => ({ value, startedAt })).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return { ...(await started), joined: false };
  }
}
