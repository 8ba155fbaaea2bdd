import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { legacyCallChannel, routeOf, type LegacyCallContext } from './legacy-call-channel.ts';
import { LegacyHttpClient } from './legacy-http.ts';
import { resilienceOptions } from './resilience/resilience-options.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe('the legacy-call channel', () => {
  it('names routes without their identifiers', () => {
    expect(routeOf('GET', '/clients/100001/orders?page=2')).toBe('GET /clients/:id/orders');
    expect(routeOf('POST', '/oms/orders')).toBe('POST /oms/orders');
    expect(routeOf('GET', '/catalog/v2/offerings/PO-0001')).toBe('GET /catalog/v2/offerings/:id');
  });

  it('publishes every attempt with its route, status, duration and retries, and sends the headers subscribers add', async () => {
    const seen: string[] = [];
    let calls = 0;
    server = createServer((req, res) => {
      seen.push(String(req.headers['traceparent']));
      calls += 1;
      res.writeHead(calls === 1 ? 503 : 200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const ended: LegacyCallContext[] = [];
    const subscribers = {
      start: (context: LegacyCallContext) => { context.headers['traceparent'] = `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01`; },
      end: () => {}, asyncStart: () => {}, error: () => {},
      asyncEnd: (context: LegacyCallContext) => { ended.push({ ...context }); },
    };
    legacyCallChannel.subscribe(subscribers);
    try {
      const port = (server.address() as { port: number }).port;
      const client = new LegacyHttpClient({ system: 'CRM', baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 1_000, maxResponseBytes: 1_000, resilience: resilienceOptions({ retry: { baseDelayMs: 1, maxDelayMs: 1 } }) });
      await client.call({ path: '/clients/100001' });
      await client.close();
    } finally {
      legacyCallChannel.unsubscribe(subscribers);
    }
    expect(ended.map((c) => [c.route, c.attempt, c.status, c.errorCode, typeof c.durationMs])).toEqual([
      ['GET /clients/:id', 1, 503, 'UPSTREAM_UNAVAILABLE', 'number'],
      ['GET /clients/:id', 2, 200, undefined, 'number'],
    ]);
    expect(seen).toEqual([`00-${'1'.repeat(32)}-${'2'.repeat(16)}-01`, `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01`]);
  });
});
