/**
 * The access log of a real gateway, in front of the tiny subgraph (its answers marked cacheable): one line
 * per request, with the trace id, client, channel, operation, document hash, status, duration, cache
 * status and error codes, and never the query text, the variables or the token.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../contracts/lib/logger.ts';
import { createTestTokens, type TestTokens } from '../../test/support/test-tokens.ts';
import { startTinySubgraph, type TinySubgraph } from '../../test/support/tiny-subgraph.ts';
import { loadGatewayConfig } from '../config.ts';
import { startGateway, type RunningGateway } from '../server.ts';

const QUERY = 'query Greeting($show: Boolean!) { hello @include(if: $show) }';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const WEB = { 'apollographql-client-name': 'web-app', 'apollographql-client-version': '2.3.1' };

describe('the gateway access log', () => {
  let tiny: TinySubgraph;
  let tokens: TestTokens;
  let gateway: RunningGateway;
  /** In front of the tiny subgraph: says its answers may be cached a minute, by anyone. */
  let cacheable: Server;
  const lines: string[] = [];
  const entries = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e['component'] === 'gateway' && e['kind'] === 'access');

  /** Sends a request and waits for its access-log line (written once the response is closed). */
  async function send(body: string, headers: Record<string, string>): Promise<Record<string, unknown>> {
    const before = entries().length;
    const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    await res.text();
    for (let i = 0; i < 100 && entries().length === before; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(entries()).toHaveLength(before + 1);
    return entries()[before] as Record<string, unknown>;
  }

  beforeAll(async () => {
    tiny = await startTinySubgraph();
    cacheable = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const upstream = await fetch(tiny.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) });
      res.writeHead(upstream.status, { 'content-type': 'application/json', 'cache-control': 'max-age=60, public' }).end(await upstream.text());
    });
    await new Promise<void>((resolve) => cacheable.listen(0, '127.0.0.1', resolve));
    tokens = await createTestTokens();
    const destination = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
    gateway = await startGateway(
      loadGatewayConfig({
        port: 0, supergraphFile: tiny.supergraphFile, auth: tokens.auth, clients: { 'web-app': { channel: 'web' } },
        subgraphUrls: { tiny: `http://127.0.0.1:${(cacheable.address() as AddressInfo).port}/` },
      }),
      { logger: createLogger('gateway', { level: 'info', destination }) },
    );
  });
  afterAll(async () => {
    await gateway?.stop();
    await tiny?.stop();
    cacheable?.closeAllConnections();
    await new Promise((resolve) => cacheable?.close(resolve));
  });

  it('says who called, what ran and how it ended, under the caller\'s trace id', async () => {
    const token = await tokens.sign('customer');
    const line = await send(JSON.stringify({ query: QUERY, variables: { show: true, note: 'ada@example.com' } }), {
      ...WEB, authorization: `Bearer ${token}`, traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01`,
    });
    expect(line).toMatchObject({
      level: 'info', traceId: TRACE_ID, method: 'POST', path: '/graphql', status: 200,
      client: 'web-app', clientVersion: '2.3.1', channel: 'web', operation: 'Greeting',
      documentHash: createHash('sha256').update(QUERY).digest('hex'), cache: 'miss',
    });
    expect(line['durationMs']).toEqual(expect.any(Number));
    expect(line).not.toHaveProperty('errorCodes');
    const written = lines.join('');
    for (const secret of [token, 'hello @include', 'ada@example.com', '"show"']) expect(written).not.toContain(secret);
  });

  it('says how the response cache answered', async () => {
    const body = JSON.stringify({ query: '{ hello }' });
    expect(await send(body, WEB)).toMatchObject({ status: 200, cache: 'miss' });
    expect(await send(body, WEB)).toMatchObject({ status: 200, cache: 'hit' });
  });

  it('logs refusals with their codes, and a fresh trace id when the caller sent none', async () => {
    const refused = await send(JSON.stringify({ query: QUERY, variables: { show: true } }), { ...WEB, authorization: 'Bearer not-a-token' });
    expect(refused).toMatchObject({ status: 401, errorCodes: ['UNAUTHENTICATED'], client: 'web-app' });
    expect(refused['traceId']).toMatch(/^[\da-f]{32}$/);
    expect(refused['traceId']).not.toBe(TRACE_ID);

    const invalid = await send('{"query": ', WEB);
    expect(invalid).toMatchObject({ status: 400, errorCodes: ['BAD_REQUEST'] });

    const unknownField = await send(JSON.stringify({ query: '{ nope }' }), WEB);
    expect(unknownField).toMatchObject({ status: 400, errorCodes: ['GRAPHQL_VALIDATION_FAILED'], channel: 'web' });
    expect(lines.join('')).not.toContain('not-a-token');
  });
});
