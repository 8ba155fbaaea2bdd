/**
 * The server side of a traced HTTP request, the same for the gateway and the subgraphs: the caller's W3C
 * `traceparent` is continued (a new trace without one), one SERVER span covers the request, and the
 * handler runs in that span's context so that every span it causes is a child. Attributes: method, path
 * (the GraphQL route, never a query string), status; no address, no header values.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import { tracingEnabled } from './tracing.ts';

export async function traceHttpRequest(
  tracer: Tracer,
  req: IncomingMessage,
  res: ServerResponse,
  attributes: Attributes,
  handle: () => Promise<unknown>,
): Promise<void> {
  if (!tracingEnabled()) { await handle(); return; }
  const method = (req.method ?? 'GET').toUpperCase();
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const span = tracer.startSpan(`${method} ${path}`, {
    kind: SpanKind.SERVER,
    attributes: { 'http.request.method': method, 'url.path': path, ...attributes },
  }, parent);
  try {
    await context.with(trace.setSpan(parent, span), handle);
  } catch (error) {
    failed(span, (error as Error).name);
    throw error;
  } finally {
    // A handler that threw has not answered yet: its caller's answer is not this span's to report.
    if (res.headersSent) {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) failed(span, String(res.statusCode));
    }
    span.end();
  }
}

/** Marks a span failed with a coded type (an error code, a status, an error's class): never a message. */
export function failed(span: Span, type: string): void {
  span.setStatus({ code: SpanStatusCode.ERROR });
  span.setAttribute('error.type', type);
}
