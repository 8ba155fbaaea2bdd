/**
 * The runtime SoapClient (subgraphs/runtime/soap-client.ts), against the real Billing stand-in and
 * against a scripted server that misbehaves the ways a legacy SOAP system can.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBilling } from '../../../dev/legacy/billing/server.ts';
import type { StandInHandle } from '../../../dev/legacy/common/stand-in.ts';
import { SoapClient } from './soap-client.ts';
import { BILLING_NAMESPACE, BillingDataSource } from '../../billing/billing/billing-data-source.ts';

const NS = 'urn:test:scripted/';
let billing: StandInHandle;
let scripted: Server;
let scriptedUrl: string;
/** What the scripted server answers next, and the last request it received. */
let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
let lastRequest: { headers: IncomingMessage['headers']; body: string } | undefined;

const ok = (inner: string) => `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${inner}</soap:Body></soap:Envelope>`;
const client = (options: Partial<ConstructorParameters<typeof SoapClient>[0]> = {}) =>
  new SoapClient({ system: 'Test system', endpointUrl: `${scriptedUrl}/Service`, namespace: NS, timeoutMs: 1_000, maxResponseBytes: 10_000, ...options });

/** Runs a call expected to fail; returns the coded error, checking nothing about the server leaks. */
async function failure(call: Promise<unknown>): Promise<{ code: unknown; message: string }> {
  const error = await call.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as { message: string; extensions: Record<string, unknown> });
  const text = JSON.stringify({ message: error.message, extensions: error.extensions });
  expect(text).not.toMatch(/127\.0\.0\.1|localhost|:\d{2,5}\b|BILL-PRD|ORA-|SELECT|at com\.|BIL-404|Invoice not found|EVIL/);
  return { code: error.extensions['code'], message: error.message };
}

beforeAll(async () => {
  billing = await startBilling({ port: 0, dataset: { customers: 200, orders: 2000, invoices: 2400 } });
  scripted = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => { lastRequest = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }; answer(req, res); });
  });
  await new Promise<void>((resolve) => scripted.listen(0, '127.0.0.1', resolve));
  scriptedUrl = `http://127.0.0.1:${(scripted.address() as AddressInfo).port}`;
});
afterAll(async () => {
  scripted.closeAllConnections();
  await new Promise((resolve) => scripted.close(resolve));
  await billing.close();
});

describe('SoapClient requests', () => {
  it('escapes values in the envelope and sends the quoted SOAPAction', async () => {
    answer = (_req, res) => res.writeHead(200, { 'content-type': 'text/xml' }).end(ok(`<EchoResponse xmlns="${NS}"><Value>a &amp; &lt;b&gt; &#233;</Value></EchoResponse>`));
    const nasty = `<x>&"'</tns:Value><tns:Injected>1`;
    const result = await client().call<{ Value: string }>('Echo', { Value: nasty, Items: ['1', '2'], Skipped: undefined });
    expect(result.Value).toBe('a & <b> é');
    expect(lastRequest?.headers['soapaction']).toBe(`"${NS}Echo"`);
    expect(lastRequest?.headers['content-type']).toMatch(/^text\/xml; charset=utf-8/);
    expect(lastRequest?.body).not.toContain('<tns:Injected>');
    const parsed = new XMLParser({ removeNSPrefix: true, parseTagValue: false }).parse(lastRequest!.body);
    expect(parsed.Envelope.Body.Echo).toEqual({ Value: nasty, Items: ['1', '2'] });
  });

  it('refuses values XML cannot carry, without calling the server', async () => {
    lastRequest = undefined;
    expect(await failure(client().call('Echo', { Value: 'a\u0000b' }))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(lastRequest).toBeUndefined();
  });
});

describe('SoapClient responses', () => {
  it('maps a real Billing fault to NOT_FOUND or UPSTREAM_ERROR without its text, detail or address', async () => {
    const source = new BillingDataSource({ baseUrl: billing.url, timeoutMs: 2_000, maxResponseBytes: 100_000 });
    try {
      expect(await failure(source.bill('F0000-000000'))).toEqual({ code: 'NOT_FOUND', message: 'No CustomerBill has this id.' });
      billing.setKnobs({ errorRate: 1 });
      expect(await failure(source.bill('F0000-000000'))).toEqual({ code: 'UPSTREAM_ERROR', message: 'The Billing system reported an error.' });
    } finally {
      billing.setKnobs({ errorRate: 0 });
      await source.close();
    }
    // Without a classifier, even a "not found" fault is only an UPSTREAM_ERROR.
    const raw = new SoapClient({ system: 'Billing system', endpointUrl: `${billing.url}/BillingService`, namespace: BILLING_NAMESPACE, timeoutMs: 2_000, maxResponseBytes: 100_000 });
    expect((await failure(raw.call('GetInvoice', { InvoiceNumber: `<x>&"'` }))).code).toBe('UPSTREAM_ERROR');
    await raw.close();
  });

  it('refuses a response with a DOCTYPE or entity declarations', async () => {
    answer = (_req, res) => res.writeHead(200, { 'content-type': 'text/xml' })
      .end(`<?xml version="1.0"?><!DOCTYPE soap:Envelope [<!ENTITY evil "EVIL"><!ENTITY ext SYSTEM "file:///etc/passwd">]>${ok(`<EchoResponse xmlns="${NS}"><Value>&evil;&ext;</Value></EchoResponse>`).replace('<?xml version="1.0"?>', '')}`);
    expect(await failure(client().call('Echo', {}))).toEqual({ code: 'UPSTREAM_ERROR', message: 'The Test system sent a response that was refused.' });
  });

  it('refuses an oversized response, declared or streamed', async () => {
    const big = ok(`<EchoResponse xmlns="${NS}"><Value>${'x'.repeat(20_000)}</Value></EchoResponse>`);
    answer = (_req, res) => res.writeHead(200, { 'content-type': 'text/xml' }).end(big);
    expect(await failure(client().call('Echo', {}))).toMatchObject({ code: 'UPSTREAM_ERROR', message: 'The Test system sent an oversized response.' });
    answer = (_req, res) => { res.writeHead(200, { 'content-type': 'text/xml', 'transfer-encoding': 'chunked' }); res.write(big.slice(0, 6_000)); setTimeout(() => res.end(big.slice(6_000)), 20); };
    expect(await failure(client().call('Echo', {}))).toMatchObject({ code: 'UPSTREAM_ERROR', message: 'The Test system sent an oversized response.' });
  });

  it('maps a hang to UPSTREAM_TIMEOUT, 503 and a closed port to UPSTREAM_UNAVAILABLE, junk to UPSTREAM_ERROR', async () => {
    answer = () => { /* never answers */ };
    const started = Date.now();
    expect(await failure(client({ timeoutMs: 200 }).call('Echo', {}))).toEqual({ code: 'UPSTREAM_TIMEOUT', message: 'The Test system did not answer in time.' });
    expect(Date.now() - started).toBeLessThan(1_000);
    answer = (_req, res) => res.writeHead(503, { 'content-type': 'text/html' }).end('<html>Service Unavailable on host 10.1.2.3</html>');
    expect((await failure(client().call('Echo', {}))).code).toBe('UPSTREAM_UNAVAILABLE');
    expect((await failure(client({ endpointUrl: 'http://127.0.0.1:1/Service' }).call('Echo', {}))).code).toBe('UPSTREAM_UNAVAILABLE');
    for (const junk of ['not xml at all <', ok('<SomethingElse/>'), '{"json": true}']) {
      answer = (_req, res) => res.writeHead(200, { 'content-type': 'text/xml' }).end(junk);
      expect(await failure(client().call('Echo', {}))).toEqual({ code: 'UPSTREAM_ERROR', message: 'The Test system sent an unreadable response.' });
    }
  });
});
