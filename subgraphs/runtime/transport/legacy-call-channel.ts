/**
 * Every attempt of every legacy call, REST or SOAP, published on one node:diagnostics_channel tracing
 * channel, the way undici and node:http publish theirs: logs, metrics and traces subscribe to it instead
 * of each editing the transport. A subscriber's `start` runs synchronously before the attempt, in its
 * async context (it may bind a store, e.g. an active span) and may add request headers (traceparent);
 * `asyncEnd` and `error` see how it ended. Without subscribers the attempt runs as it is.
 */
import { tracingChannel } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';

export interface LegacyCallContext {
  /** Human name of the system ("CRM", "Billing system"). */
  system: string;
  protocol: 'rest' | 'soap';
  /** Low-cardinality name of what is called: "GET /clients/:id", or the SOAP operation. */
  route: string;
  method: string;
  /** 1 for the first attempt, 2 for the first retry... */
  attempt: number;
  /** The request's headers: a subscriber may add to them before the request leaves. */
  headers: Record<string, string>;
  /** Set when the attempt ends: HTTP status (absent when no answer came), duration, coded error. */
  status?: number;
  durationMs?: number;
  errorCode?: string;
}

export const LEGACY_CALL_CHANNEL = 'passerelle:legacy-call';
export const legacyCallChannel = tracingChannel<unknown, LegacyCallContext>(LEGACY_CALL_CHANNEL);

/** Runs one attempt, published on the channel; `statusOf` reads the HTTP status off its result. */
export function observeLegacyCall<T>(context: LegacyCallContext, attempt: () => Promise<T>): Promise<T> {
  const timed = async (): Promise<T> => {
    const started = performance.now();
    try {
      return await attempt();
    } catch (error) {
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      context.errorCode = typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
      throw error;
    } finally {
      context.durationMs = performance.now() - started;
    }
  };
  return legacyCallChannel.hasSubscribers ? legacyCallChannel.tracePromise(timed, context) : timed();
}

/** A path segment that names one record ("100001", "ORD-0000001"), not a route part ("v2", "offerings"). */
const isIdentifier = (segment: string): boolean => segment.length > 40 || (/\d/.test(segment) && !/^v\d{1,2}$/.test(segment));

/** "GET /clients/100001/orders" -> "GET /clients/:id/orders": identifiers never become label values. */
export function routeOf(method: string, path: string): string {
  return `${method} ${path.split('?')[0]?.split('/').map((s) => (isIdentifier(s) ? ':id' : s)).join('/')}`;
}
