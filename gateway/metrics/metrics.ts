/**
 * The gateway's metrics on a prom-client Registry of its own (contracts/lib/metrics.ts), served at the
 * admin listener's GET /metrics. The small helpers below keep the counters the cache and load shedding
 * own where they are kept (e.g. a store's bypass count), read when scraped, so nothing is counted twice;
 * labelled metrics (request-metrics.ts, subgraph fetches, token failures) are made on `registry` directly.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import { createMetricsRegistry, renderMetrics } from '../../contracts/lib/metrics.ts';

export class Metrics {
  readonly registry: Registry = createMetricsRegistry();

  /** A counter owned here; returns its increment function. */
  counter(name: string, help: string): (by?: number) => void {
    const counter = new Counter({ name, help, registers: [this.registry] });
    return (by = 1) => counter.inc(by);
  }

  /** A counter kept elsewhere (it only grows), read when scraped. */
  observe(name: string, help: string, read: () => number): void {
    new Counter({ name, help, registers: [this.registry], collect() { this.reset(); this.inc(read()); } });
  }

  /** A value that goes up and down (e.g. invalidations waiting for delivery), read when scraped. */
  gauge(name: string, help: string, read: () => number): void {
    new Gauge({ name, help, registers: [this.registry], collect() { this.set(read()); } });
  }

  /** Prometheus' text format: these metrics and the process's. */
  render(): Promise<string> {
    return renderMetrics(this.registry);
  }
}
