/**
 * One CLIENT span per legacy call attempt, REST or SOAP, from the transport's diagnostics channel
 * (transport/legacy-call-channel.ts): started in the attempt's `start` (a child of the subgraph request's
 * span), its `traceparent` added to the attempt's headers so that the legacy system, or whatever stands
 * in front of it, sees the same trace, and ended in `asyncEnd` with the outcome. Attributes: system,
 * protocol, route (identifiers replaced), attempt, HTTP status, coded error; never a body or an id.
 */
import { context, propagation, SpanKind, trace, type Span } from '@opentelemetry/api';
import { failed } from '../../../contracts/lib/trace-http.ts';
import { tracerOf, tracingEnabled } from '../../../contracts/lib/tracing.ts';
import { legacyCallChannel, type LegacyCallContext } from '../transport/legacy-call-channel.ts';

const tracer = tracerOf('passerelle-subgraph');
const spans = new WeakMap<LegacyCallContext, Span>();
let subscribed = false;

const subscribers = {
  start(call: LegacyCallContext) {
    if (!tracingEnabled()) return;
    const span = tracer.startSpan(`${call.system} ${call.route}`, {
      kind: SpanKind.CLIENT,
      attributes: {
        'passerelle.legacy.system': call.system, 'passerelle.legacy.protocol': call.protocol,
        'passerelle.legacy.route': call.route, 'passerelle.legacy.attempt': call.attempt, 'http.request.method': call.method,
      },
    });
    spans.set(call, span);
    propagation.inject(trace.setSpan(context.active(), span), call.headers);
  },
  end() {},
  asyncStart() {},
  asyncEnd(call: LegacyCallContext) {
    const span = spans.get(call);
    if (!span) return;
    spans.delete(call);
    if (call.status !== undefined) span.setAttribute('http.response.status_code', call.status);
    if (call.errorCode) failed(span, call.errorCode);
    span.end();
  },
  error() {},
};

/** Subscribes once per process; each attempt is traced only while the process traces. */
export function traceLegacyCalls(): void {
  if (subscribed) return;
  subscribed = true;
  legacyCallChannel.subscribe(subscribers);
}
