// Issue 13 (traces): one mobile AccountHome, sent with the client's W3C traceparent, is ONE connected
// trace across the gateway, the subgraphs and the legacy calls, exported over OTLP/HTTP (JSON) to a
// collector; the legacy systems receive a traceparent of that trace; no query text, variables or
// personal data ride on the spans.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadClientOperations } from '../../clients/operations.ts';
import { postJson } from '../support/http.ts';
import { SPAN_KIND, startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver.ts';
import { customerWith, startE2E, type E2E } from './harness.ts';

const ACCOUNT_HOME = loadClientOperations().find((op) => op.name === 'AccountHome')?.source as string;
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

describe('traces: one request, one trace', () => {
  let receiver: OtlpReceiver;
  let e2e: E2E;
  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    e2e = await startE2E({ tracing: { endpoint: receiver.url, serviceName: 'passerelle-stack' } });
  });
  afterAll(async () => {
    await e2e?.stack.stop();
    await receiver?.close();
  });

  /** Flushes until the gateway's server span (the last to end) has arrived. */
  async function spansOfRequest(clientSpanId: string): Promise<ReceivedSpan[]> {
    for (let i = 0; i < 50; i += 1) {
      await e2e.stack.tracing.forceFlush();
      if (receiver.spans.some((s) => s.parentSpanId === clientSpanId)) return [...receiver.spans];
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the gateway\'s server span never reached the collector');
  }

  it('connects the gateway, its subgraph fetches, the subgraphs and every legacy call under the client\'s span', async () => {
    // Whatever start-up exported is not this request's.
    await e2e.stack.tracing.forceFlush();
    receiver.spans.length = 0;
    e2e.stack.resetLegacyCalls();

    const customer = customerWith(e2e.dataset, { orders: 3, openBills: true });
    const token = await e2e.stack.idp.tokenFor(`customer:${customer.id}`, { client: 'passerelle-mobile' });
    const traceId = hex(16);
    const clientSpanId = hex(8);
    const res = await postJson(e2e.stack.gateway.url, { query: ACCOUNT_HOME }, {
      authorization: `Bearer ${token}`, 'apollographql-client-name': 'passerelle-mobile', 'apollographql-client-version': '1.0.0',
      traceparent: `00-${traceId}-${clientSpanId}-01`,
    });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();

    const spans = await spansOfRequest(clientSpanId);
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const ancestors = (span: ReceivedSpan): ReceivedSpan[] => {
      const chain: ReceivedSpan[] = [];
      for (let up = byId.get(span.parentSpanId); up && chain.length <= spans.length; up = byId.get(up.parentSpanId)) chain.push(up);
      return chain;
    };

    // One trace, the client's; one root, the gateway's server span, child of the client's span; a tree.
    expect(new Set(spans.map((span) => span.traceId))).toEqual(new Set([traceId]));
    expect(byId.size).toBe(spans.length);
    const roots = spans.filter((span) => !byId.has(span.parentSpanId));
    expect(roots).toHaveLength(1);
    const root = roots[0] as ReceivedSpan;
    expect(root).toMatchObject({ service: 'passerelle-stack', scope: 'passerelle-gateway', kind: SPAN_KIND.server, name: 'POST /graphql', parentSpanId: clientSpanId });
    for (const span of spans) if (span !== root) expect(ancestors(span).at(-1), span.name).toBe(root);
    expect(root.attributes).toMatchObject({
      'graphql.operation.name': 'AccountHome', 'graphql.operation.type': 'query', 'passerelle.operation.hash': expect.stringMatching(/^[0-9a-f]{64}$/),
      'passerelle.client.name': 'passerelle-mobile', 'passerelle.client.version': '1.0.0', 'passerelle.client.channel': 'mobile',
      'http.response.status_code': 200,
    });

    // Parsing, validation and planning (a document and a plan the gateway did not hold yet).
    const names = spans.map((span) => span.name);
    for (const phase of ['graphql.parse', 'graphql.validate', 'gateway.plan']) expect(names).toContain(phase);

    // A client span per subgraph fetch; each subgraph's server span is the child of the fetch that called it.
    const fetches = spans.filter((span) => span.scope === 'passerelle-gateway' && span.kind === SPAN_KIND.client);
    expect(fetches.map((span) => span.attributes['passerelle.subgraph']).sort()).toEqual(['billing', 'catalog', 'ordering', 'party']);
    const subgraphServers = spans.filter((span) => span.scope === 'passerelle-subgraph' && span.kind === SPAN_KIND.server);
    expect(subgraphServers).toHaveLength(fetches.length);
    for (const server of subgraphServers) {
      expect(byId.get(server.parentSpanId)?.attributes['passerelle.subgraph']).toBe(server.attributes['passerelle.subgraph']);
    }

    // A client span per legacy call, REST and SOAP, under its subgraph's server span.
    const legacy = spans.filter((span) => span.attributes['passerelle.legacy.system'] !== undefined);
    expect(new Set(legacy.map((span) => `${span.attributes['passerelle.legacy.system']}/${span.attributes['passerelle.legacy.protocol']}`)))
      .toEqual(new Set(['CRM/rest', 'OMS/rest', 'Catalogue/rest', 'Billing system/soap']));
    expect(legacy).toHaveLength(Object.values(e2e.stack.legacyCalls()).reduce((sum, n) => sum + n, 0));
    for (const call of legacy) {
      expect(call).toMatchObject({ kind: SPAN_KIND.client, status: 0, attributes: { 'passerelle.legacy.attempt': 1, 'http.response.status_code': 200 } });
      expect(ancestors(call).find((span) => span.kind === SPAN_KIND.server)?.scope).toBe('passerelle-subgraph');
    }

    // The legacy systems were sent the traceparent of their call's span.
    const systemOf = { crm: 'CRM', oms: 'OMS', catalogue: 'Catalogue', billing: 'Billing system' } as const;
    for (const [name, system] of Object.entries(systemOf)) {
      const received = e2e.stack.legacy[name as keyof typeof systemOf].stats().lastTraceparent;
      const spanId = new RegExp(`^00-${traceId}-([0-9a-f]{16})-01$`).exec(received ?? '')?.[1];
      expect(legacy.find((span) => span.spanId === spanId)?.attributes['passerelle.legacy.system'], `${name}: ${received}`).toBe(system);
    }

    // Nothing of the query, the variables or the person: no document, no token, no customer id or name.
    const exported = JSON.stringify(spans);
    for (const secret of [token, String(customer.id), customer.familyName, customer.tradingName, 'displayName', 'unpaidBills']) {
      if (secret) expect(exported).not.toContain(secret);
    }
  });

  it('marks a failed phase: a document that does not parse is an error parse span, its code on the request\'s span', async () => {
    receiver.spans.length = 0;
    const traceId = hex(16);
    const clientSpanId = hex(8);
    const res = await postJson(e2e.stack.gateway.url, { query: '{ me { id ' }, {
      'apollographql-client-name': 'passerelle-web', 'apollographql-client-version': '1.0.0', traceparent: `00-${traceId}-${clientSpanId}-01`,
    });
    expect(res.status).toBe(400);
    const spans = await spansOfRequest(clientSpanId);
    expect(spans.find((span) => span.name === 'graphql.parse')).toMatchObject({ traceId, status: 2, attributes: { 'error.type': 'GRAPHQL_PARSE_FAILED' } });
    expect(spans.find((span) => span.parentSpanId === clientSpanId)?.attributes).toMatchObject({ 'passerelle.error.code': 'GRAPHQL_PARSE_FAILED', 'http.response.status_code': 400 });
    expect(spans.map((span) => span.name)).not.toContain('graphql.validate');
  });

  it('starts a new trace at the gateway when the client sends none (or a malformed one)', async () => {
    for (const traceparent of [undefined, '00-not-a-trace-01']) {
      receiver.spans.length = 0;
      const res = await postJson(e2e.stack.gateway.url, { query: '{ __typename }' }, {
        'apollographql-client-name': 'passerelle-web', 'apollographql-client-version': '1.0.0', ...(traceparent ? { traceparent } : {}),
      });
      expect(res.body).toEqual({ data: { __typename: 'Query' } });
      let root: ReceivedSpan | undefined;
      for (let i = 0; i < 50 && !root; i += 1) {
        await e2e.stack.tracing.forceFlush();
        root = receiver.spans.find((span) => span.name === 'POST /graphql');
        if (!root) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(root).toMatchObject({ parentSpanId: '', kind: SPAN_KIND.server, attributes: { 'passerelle.client.name': 'passerelle-web', 'passerelle.client.channel': 'web' } });
      expect(receiver.spans.every((span) => span.traceId === root?.traceId)).toBe(true);
    }
  });
});
