/**
 * The registry's metrics (prom-client, a Registry of its own plus the process metrics): publishes,
 * rollbacks and checks by subgraph and outcome, counted around the service the API routes call, and the
 * `GET /metrics` route that serves them.
 *
 * The route needs a credential (any role; a `reader` credential for Prometheus): its series name every
 * subgraph and how often its owners publish, which the API shows to credential holders only. Only
 * /health and /ready are public, and they show no subgraph.
 */
import { Counter } from 'prom-client';
import { boundedLabel, createMetricsRegistry, METRICS_CONTENT_TYPE, renderMetrics } from '../../contracts/lib/metrics.ts';
import { RegistryError } from '../service/registry-error.ts';
import { LockTimeoutError } from '../store/redis-lock.ts';
import type { RegistryService } from '../service/registry-service.ts';
import type { Route } from './router.ts';

const LABELS = ['subgraph', 'outcome'] as const;

/** The code the API answers a failure with (registry-http-server.ts does the same mapping). */
const outcomeOf = (error: unknown): string =>
  error instanceof RegistryError ? error.code : error instanceof LockTimeoutError ? 'CONFLICT' : 'INTERNAL_SERVER_ERROR';

export function createRegistryMetrics() {
  const registry = createMetricsRegistry();
  const publishes = new Counter({ name: 'passerelle_registry_publishes_total', help: 'Subgraph publishes, by subgraph and outcome (published, unchanged, refused, or the error code).', labelNames: LABELS, registers: [registry] });
  const rollbacks = new Counter({ name: 'passerelle_registry_rollbacks_total', help: 'Subgraph rollbacks, by subgraph and outcome (published, unchanged, refused, or the error code).', labelNames: LABELS, registers: [registry] });
  const checks = new Counter({ name: 'passerelle_registry_checks_total', help: 'Schema checks asked of the registry, by subgraph and outcome (passed, failed, or the error code).', labelNames: LABELS, registers: [registry] });
  // Any reader may check a schema under any name: a cap keeps made-up names from growing the series.
  const subgraph = boundedLabel(100);

  async function counted<T>(counter: Counter<'subgraph' | 'outcome'>, name: string, work: () => Promise<T>, outcome: (result: T) => string): Promise<T> {
    try {
      const result = await work();
      counter.inc({ subgraph: subgraph(name), outcome: outcome(result) });
      return result;
    } catch (error) {
      counter.inc({ subgraph: subgraph(name), outcome: outcomeOf(error) });
      throw error;
    }
  }

  return {
    /** The service as the routes use it: the same object, its publish, rollback and check counted. */
    observe(service: RegistryService): RegistryService {
      const wrapped: Partial<RegistryService> = {
        publish: (name, request) => counted(publishes, name, () => service.publish(name, request), (r) => r.outcome),
        rollback: (name, ...rest) => counted(rollbacks, name, () => service.rollback(name, ...rest), (r) => r.outcome),
        check: (name, ...rest) => counted(checks, name, () => service.check(name, ...rest), (r) => (r.report.ok ? 'passed' : 'failed')),
      };
      return new Proxy(service, {
        get(target, property) {
          if (Object.hasOwn(wrapped, property)) return wrapped[property as keyof RegistryService];
          const value: unknown = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    },
    route: {
      method: 'GET', path: '/metrics', access: 'read',
      handle: async ({ res }) => { res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' }).end(await renderMetrics(registry)); },
    } satisfies Route,
  };
}
