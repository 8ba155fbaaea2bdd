/**
 * A CLIENT span per subgraph fetch actually sent (a request that joins an identical fetch in flight
 * shares its span), under @apollo/gateway's `gateway.fetch`; and the `traceparent` of that span on the
 * fetch's headers, so that the subgraph's server span is its child. Attributes: the subgraph's name, the
 * HTTP status; never the subgraph operation's text or variables.
 */
import { context, propagation, SpanKind } from '@opentelemetry/api';
import { failed } from '../../contracts/lib/trace-http.ts';
import { tracingEnabled } from '../../contracts/lib/tracing.ts';
import { gatewayTracer } from './http-span.ts';

export function traceSubgraphFetch<T extends { http?: { status?: number } | undefined }>(subgraph: string, fetch: () => Promise<T>): Promise<T> {
  if (!tracingEnabled()) return fetch();
  const attributes = { 'passerelle.subgraph': subgraph, 'http.request.method': 'POST' };
  return gatewayTracer.startActiveSpan(`subgraph ${subgraph}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      const response = await fetch();
      const status = response.http?.status;
      if (status !== undefined) span.setAttribute('http.response.status_code', status);
      return response;
    } catch (error) {
      failed(span, (error as Error).name);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Writes the current span's `traceparent` on a subgraph request's headers (nothing while tracing is off). */
export function injectTraceContext(headers: { set(name: string, value: string): unknown } | undefined): void {
  if (!headers || !tracingEnabled()) return;
  propagation.inject(context.active(), headers, { set: (carrier, name, value) => { carrier.set(name, value); } });
}
