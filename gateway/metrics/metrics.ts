/**
 * The gateway's counters, served at GET /metrics in Prometheus' text format. Counters are plain numbers
 * or read from where they are kept (e.g. a store's bypass count), so nothing is counted twice.
 */
export class Metrics {
  private readonly counters = new Map<string, { help: string; type: 'counter' | 'gauge'; read: () => number }>();

  /** A counter owned here; returns its increment function. */
  counter(name: string, help: string): (by?: number) => void {
    let value = 0;
    this.counters.set(name, { help, type: 'counter', read: () => value });
    return (by = 1) => { value += by; };
  }

  /** A counter kept elsewhere, read when scraped. */
  observe(name: string, help: string, read: () => number): void {
    this.counters.set(name, { help, type: 'counter', read });
  }

  /** A value that goes up and down (e.g. invalidations waiting for delivery), read when scraped. */
  gauge(name: string, help: string, read: () => number): void {
    this.counters.set(name, { help, type: 'gauge', read });
  }

  value(name: string): number {
    return this.counters.get(name)?.read() ?? 0;
  }

  render(): string {
    return [...this.counters].map(([name, c]) => `# HELP ${name} ${c.help}\n# TYPE ${name} ${c.type}\n${name} ${c.read()}\n`).join('');
  }
}
