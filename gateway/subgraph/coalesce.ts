/**
 * Identical queries in flight to the same subgraph for the same principal are sent once and shared:
 * a burst of identical requests (a popular page on a cold cache) costs the subgraph one fetch.
 * Mutations are never coalesced. Followers get their own copy, as the gateway mutates what it merges.
 */
export class Coalescer<T> {
  private readonly inFlight = new Map<string, Promise<T>>();
  /** Requests that shared another's fetch: a metric of what coalescing saved. */
  shared = 0;

  async run(key: string, fetch: () => Promise<T>): Promise<T> {
    const pending = this.inFlight.get(key);
    if (pending) {
      this.shared += 1;
      return structuredClone(await pending);
    }
    const started = fetch().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }
}
