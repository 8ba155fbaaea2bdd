/**
 * The legacy-call log: one line per attempt with system, route, status, duration and attempt, and the
 * SOAP fault text at warn level on the server side, never the identifiers, headers or bodies.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../contracts/lib/logger.ts';
import { legacyCallChannel } from './legacy-call-channel.ts';
import { installLegacyCallLog, subscribeLegacyCallLog } from './legacy-call-log.ts';
import { LegacyHttpClient } from './legacy-http.ts';
import { resilienceOptions } from './resilience/resilience-options.ts';
import { SoapClient } from './soap-client.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({ write(chunk, _encoding, done) { lines.push(JSON.parse(String(chunk)) as Record<string, unknown>); done(); } });
  return { log: createLogger('legacy', { level: 'info', destination }), lines };
}

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the legacy-call log', () => {
  it('writes one line per attempt: system, route, status, duration, attempt, error code', async () => {
    let calls = 0;
    const url = await serve((_req, res) => { calls += 1; res.writeHead(calls === 1 ? 503 : 200, { 'content-type': 'application/json' }).end('{"email":"ada@example.com"}'); });
    const { log, lines } = capture();
    const unsubscribe = subscribeLegacyCallLog(log);
    try {
      const client = new LegacyHttpClient({ system: 'CRM', baseUrl: url, timeoutMs: 1_000, maxResponseBytes: 1_000, resilience: resilienceOptions({ retry: { baseDelayMs: 1, maxDelayMs: 1 } }) });
      await client.call({ path: '/clients/100001', headers: { authorization: 'Bearer legacy-secret' } });
      await client.close();
    } finally {
      unsubscribe();
    }
    expect(lines).toEqual([
      expect.objectContaining({ level: 'warn', component: 'legacy', kind: 'legacy-call', system: 'CRM', protocol: 'rest', route: 'GET /clients/:id', attempt: 1, status: 503, errorCode: 'UPSTREAM_UNAVAILABLE', durationMs: expect.any(Number) }),
      expect.objectContaining({ level: 'info', system: 'CRM', route: 'GET /clients/:id', attempt: 2, status: 200, durationMs: expect.any(Number) }),
    ]);
    expect(lines[1]).not.toHaveProperty('errorCode');
    const written = JSON.stringify(lines);
    for (const hidden of ['100001', 'legacy-secret', 'ada@example.com', '127.0.0.1']) expect(written).not.toContain(hidden);
  });

  it('logs an undocumented SOAP fault at warn level, its text scrubbed of personal data', async () => {
    const url = await serve((_req, res) => res.writeHead(500, { 'content-type': 'text/xml' }).end(
      '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>'
      + '<faultcode>soap:Server</faultcode><faultstring>ORA-00942 for jean.dupont@example.com</faultstring></soap:Fault></soap:Body></soap:Envelope>'));
    const { log, lines } = capture();
    const client = new SoapClient({ system: 'Billing system', endpointUrl: `${url}/BillingService`, namespace: 'urn:test/', timeoutMs: 1_000, maxResponseBytes: 10_000, log });
    await expect(client.call('GetInvoice', { InvoiceNumber: 'F1' })).rejects.toMatchObject({ extensions: { code: 'UPSTREAM_ERROR' } });
    await client.close();
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', kind: 'soap-fault', system: 'Billing system', operation: 'GetInvoice', faultCode: 'Server', msg: expect.stringContaining('ORA-00942 for [REDACTED]') })]);
  });

  it('is subscribed once per process however many subgraphs install it, until the last one stops', () => {
    const before = legacyCallChannel.asyncEnd.hasSubscribers;
    const first = installLegacyCallLog();
    const second = installLegacyCallLog();
    expect(legacyCallChannel.asyncEnd.hasSubscribers).toBe(true);
    first();
    first();
    expect(legacyCallChannel.asyncEnd.hasSubscribers).toBe(true);
    second();
    expect(legacyCallChannel.asyncEnd.hasSubscribers).toBe(before);
  });
});
