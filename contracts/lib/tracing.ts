/**
 * Distributed tracing for every deployable, OFF unless an OTLP endpoint is configured: then one
 * NodeTracerProvider per process (named after the process: gateway, subgraph, dev stack) batches spans
 * to an OpenTelemetry collector over OTLP/HTTP (JSON), with the AsyncLocalStorage context manager and the
 * W3C trace-context propagator (tracing-sdk.ts, loaded only then). Unset, nothing is loaded, registered or
 * sent: every span is the API's no-op.
 */
import { trace, type Tracer } from '@opentelemetry/api';

export interface TracingOptions {
  /** OTLP/HTTP traces URL (…/v1/traces); null: tracing off. */
  endpoint: string | null;
  serviceName: string;
}

export interface Tracing {
  readonly enabled: boolean;
  /** Sends the spans ended so far (tests, before reading the collector). */
  forceFlush(): Promise<void>;
  /** Sends what is left and stops; the last handle of the process turns tracing off. */
  shutdown(): Promise<void>;
}

/**
 * The traces URL from the environment: PASSERELLE_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT (a base:
 * /v1/traces is added, as OpenTelemetry specifies), or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (used as is).
 * OTEL_SDK_DISABLED=true turns it off; OTEL_SERVICE_NAME renames the process.
 */
export function tracingOptionsFromEnv(serviceName: string, env: NodeJS.ProcessEnv = process.env): TracingOptions {
  const name = env['OTEL_SERVICE_NAME'] || serviceName;
  if (env['OTEL_SDK_DISABLED']?.toLowerCase() === 'true') return { endpoint: null, serviceName: name };
  const base = env['PASSERELLE_OTLP_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  const endpoint = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] || (base ? `${base.replace(/\/+$/, '')}/v1/traces` : null);
  return { endpoint, serviceName: name };
}

interface ProcessProvider { forceFlush(): Promise<void> }
let active: { provider: ProcessProvider; handles: number; stop(): Promise<void> } | null = null;

/** Whether spans are being recorded in this process (hooks skip their work when not). */
export const tracingEnabled = (): boolean => active !== null;

const DISABLED: Tracing = Object.freeze({ enabled: false, forceFlush: async () => {}, shutdown: async () => {} });

/**
 * Starts this process's tracing (or joins the one already started: one provider per process, the first
 * service name wins). Without an endpoint: a handle that does nothing, and nothing registered.
 */
export async function startTracing(options: TracingOptions): Promise<Tracing> {
  if (!options.endpoint) return DISABLED;
  if (!active) {
    const sdk = await import('./tracing-sdk.ts');
    // Another start may have won while the SDK loaded: then this one joins it.
    if (!active) {
      const provider = sdk.startProvider(options.endpoint, options.serviceName);
      active = { provider, handles: 0, stop: () => sdk.stopProvider(provider) };
    }
  }
  const mine = active;
  mine.handles += 1;
  let stopped = false;
  return {
    enabled: true,
    forceFlush: () => mine.provider.forceFlush(),
    async shutdown() {
      if (stopped) return;
      stopped = true;
      mine.handles -= 1;
      if (mine.handles > 0) return;
      if (active === mine) active = null;
      await mine.stop();
    },
  };
}

/** A tracer of the API (a no-op one while tracing is off). */
export const tracerOf = (scope: string): Tracer => trace.getTracer(scope);

