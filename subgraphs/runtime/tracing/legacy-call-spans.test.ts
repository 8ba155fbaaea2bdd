// A span per legacy call attempt, child of the span current when the call is made, its traceparent sent
// to the legacy system; a failed attempt (a 503, retried) is an error span with its coded error.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing, tracerOf, type Tracing } from '../../../contracts/lib/tracing.ts';
import { startOtlpReceiver, SPAN_KIND, type OtlpReceiver } from '../../../test/support/otlp-receiver.ts';
import { LegacyHttpClient } from '../transport/legacy-http.ts';
import { resilienceOptions } from '../transport/resilience/resilience-options.ts';
import { traceLegacyCalls } from './legacy-call-spans.ts';

describe('legacy-call spans', () => {
  let receiver: OtlpReceiver;
  let tracing: Tracing;
  let legacy: Server;
  const received: string[] = [];
  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    tracing = await startTracing({ endpoint: receiver.url, serviceName: 'legacy-call-spans-test' });
    traceLegacyCalls();
    legacy = createServer((req, res) => {
      received.push(String(req.headers['traceparent']));
      res.writeHead(received.length === 1 ? 503 : 200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => legacy.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await tracing.shutdown();
    await new Promise<void>((resolve) => legacy.close(() => resolve()));
    await receiver.close();
  });

  it('one client span per attempt under the current span, each sending its own traceparent', async () => {
    const port = (legacy.address() as { port: number }).port;
    const client = new LegacyHttpClient({ system: 'CRM', baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 1_000, maxResponseBytes: 1_000, resilience: resilienceOptions({ retry: { baseDelayMs: 1, maxDelayMs: 1 } }) });
    const parent = await tracerOf('test').startActiveSpan('request', async (span) => {
      await client.call({ path: '/api/clients/100001' });
      span.end();
      return span.spanContext();
    });
    await client.close();
    await tracing.forceFlush();

    const calls = receiver.spans.filter((s) => s.attributes['passerelle.legacy.system'] === 'CRM');
    expect(calls.map((s) => [s.name, s.kind, s.parentSpanId, s.traceId, s.status, s.attributes['passerelle.legacy.attempt'], s.attributes['http.response.status_code'], s.attributes['error.type']])).toEqual([
      ['CRM GET /api/clients/:id', SPAN_KIND.client, parent.spanId, parent.traceId, 2, 1, 503, 'UPSTREAM_UNAVAILABLE'],
      ['CRM GET /api/clients/:id', SPAN_KIND.client, parent.spanId, parent.traceId, 0, 2, 200, undefined],
    ]);
    expect(received).toEqual(calls.map((s) => `00-${s.traceId}-${s.spanId}-01`));
    expect(JSON.stringify(calls)).not.toContain('100001');
  });
});
