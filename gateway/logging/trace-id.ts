/**
 * The trace id an access-log line carries, so that a line leads to its trace and to the other processes'
 * lines of the same request: the active OpenTelemetry span's (when tracing is on), else the caller's W3C
 * `traceparent`, else a fresh random one (still unique, so one request's lines can be found).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { isSpanContextValid, trace } from '@opentelemetry/api';

const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/;
const INVALID = '0'.repeat(32);

/** The active span's trace id, if any span is active here. */
export function activeTraceId(): string | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  return context && isSpanContextValid(context) ? context.traceId : undefined;
}

export function traceIdOf(headers: IncomingHttpHeaders): string {
  const active = activeTraceId();
  if (active) return active;
  const header = headers['traceparent'];
  const match = typeof header === 'string' ? TRACEPARENT.exec(header.trim().toLowerCase()) : null;
  if (match && match[1] !== INVALID) return match[1] as string;
  return randomBytes(16).toString('hex');
}
