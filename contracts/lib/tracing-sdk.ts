/**
 * The OpenTelemetry SDK half of contracts/lib/tracing.ts, loaded only when a process traces (the SDK and
 * its exporter take a noticeable share of a start-up that does not need them): the process's provider,
 * batching spans to the collector over OTLP/HTTP (JSON).
 *
 * The API's global tracer provider is registered once per process and forwards each span to the current
 * provider: @apollo/gateway keeps the tracer it first got for good, so a provider started again in the
 * same process (tests, a restarted stack) must be reached through the same registered object.
 */
import { ProxyTracerProvider, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/**
 * The provider registered with the API (its register() also installs the AsyncLocalStorage context
 * manager and the propagator): it records nothing itself, each span goes to the current provider, or nowhere.
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

/** A provider exporting to `endpoint` under `serviceName`, made the current one. */
export function startProvider(endpoint: string, serviceName: string): NodeTracerProvider {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: endpoint }))],
  });
  if (!registered) {
    registered = new CurrentTracerProvider();
    // W3C trace context only: baggage could carry anything a client puts in it.
    registered.register({ propagator: new W3CTraceContextPropagator() });
  }
  registered.current = provider;
  return provider;
}

/** Sends what is left and stops; spans started afterwards go nowhere. */
export async function stopProvider(provider: NodeTracerProvider): Promise<void> {
  if (registered?.current === provider) registered.current = null;
  await provider.shutdown();
}
