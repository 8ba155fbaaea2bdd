/**
 * Distributed tracing for every deployable, OFF unless an OTLP endpoint is configured: then one
 * NodeTracerProvider per process (named after the process: gateway, subgraph, dev stack) batches spans
 * to an OpenTelemetry collector over OTLP/HTTP (JSON), with the AsyncLocalStorage context manager and the
 * W3C trace-context propagator (traceparent only: baggage could carry anything a client puts in it).
 * Unset, nothing is registered and nothing is sent: every span is the API's no-op.
 *
 * The API's global tracer provider is registered once per process and forwards each span to the tracing
 * started last: @apollo/gateway keeps the tracer it first got for good, so a provider started again in the
 * same process (tests, a restarted stack) must be reached through the same registered object.
 */
import { propagation, ProxyTracerProvider, trace, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

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

/**
 * The provider registered with the API, once per process (its register() also installs the context manager
 * and the propagator): it records nothing itself, each span goes to the current provider, or nowhere.
 */
class CurrentTracerProvider extends NodeTracerProvider {
  current: NodeTracerProvider | null = null;
  private readonly off: TracerProvider = new ProxyTracerProvider();

  override getTracer(name: string, version?: string, options?: { schemaUrl?: string }): Tracer {
    const tracer = (): Tracer => (this.current ?? this.off).getTracer(name, version, options);
    return {
      startSpan: (spanName, spanOptions, context) => tracer().startSpan(spanName, spanOptions, context),
      startActiveSpan: ((...args: unknown[]) => {
        const target = tracer();
        return Reflect.apply(target.startActiveSpan, target, args);
      }) as Tracer['startActiveSpan'],
    };
  }
}

let registered: CurrentTracerProvider | null = null;
let active: { provider: NodeTracerProvider; handles: number } | null = null;

/** Whether spans are being recorded in this process (hooks skip their work when not). */
export const tracingEnabled = (): boolean => active !== null;

const DISABLED: Tracing = Object.freeze({ enabled: false, forceFlush: async () => {}, shutdown: async () => {} });

/**
 * Starts this process's tracing (or joins the one already started: one provider per process, the first
 * service name wins). Without an endpoint: a handle that does nothing, and nothing registered.
 */
export function startTracing(options: TracingOptions): Tracing {
  if (!options.endpoint) return DISABLED;
  if (!active) {
    const provider = new NodeTracerProvider({
      resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
      spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: options.endpoint }))],
    });
    if (!registered) {
      registered = new CurrentTracerProvider();
      // The AsyncLocalStorage context manager, and W3C trace context only.
      registered.register({ propagator: new W3CTraceContextPropagator() });
    }
    registered.current = provider;
    active = { provider, handles: 0 };
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
      if (active === mine) { active = null; if (registered) registered.current = null; }
      await mine.provider.shutdown();
    },
  };
}

/** A tracer of the API (a no-op one while tracing is off). */
export const tracerOf = (scope: string): Tracer => trace.getTracer(scope);

/** The propagator, for code that only needs to read or write `traceparent`. */
export { propagation };
