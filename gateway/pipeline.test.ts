/**
 * The request path is the one REQUEST_PATH lists. The plugins: read off the very array server.ts hands
 * Apollo Server (its constructor is wrapped to see it), not off the list. The stages outside the plugins
 * (HTTP layer, Apollo's checks, identity): a real gateway is sent requests that trip two stages at once,
 * and the answer must be the earlier stage's.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GraphQLResponse } from '../test/support/http.ts';
import { createTestTokens, type TestTokens } from '../test/support/test-tokens.ts';
import { startTinySubgraph, type TinySubgraph } from '../test/support/tiny-subgraph.ts';
import { loadGatewayConfig, type GatewayConfigInput } from './config.ts';
import { REQUEST_PATH, stageOf, type Stage } from './pipeline.ts';
import { startGateway, type RunningGateway } from './server.ts';
import { startTracing } from '../contracts/lib/tracing.ts';

/** The `plugins` option of every ApolloServer built with a gateway (the tiny subgraph's server has none). */
const built = vi.hoisted(() => [] as unknown[][]);
vi.mock('@apollo/server', async (importOriginal) => {
  const apollo = await importOriginal<typeof import('@apollo/server')>();
  class WatchedApolloServer<C extends import('@apollo/server').BaseContext> extends apollo.ApolloServer<C> {
    constructor(config: import('@apollo/server').ApolloServerOptions<C>) {
      super(config);
      if ('gateway' in config && config.gateway) built.push([...(config.plugins ?? [])]);
    }
  }
  return { ...apollo, ApolloServer: WatchedApolloServer };
});

const PLUGINS_IN_ORDER = ['access-log', 'explorer', 'request-metrics', 'persisted-operations', 'parse-limits', 'subscriptions', 'operation-limits', 'authorization', 'response-cache', 'invalidation', 'usage'];
const APP = 'https://app.example';
const WEB = { 'apollographql-client-name': 'web-app', 'apollographql-client-version': '1.0.0' };
const BAD_TOKEN = { authorization: 'Bearer not-a-token' };
const position = (stage: Stage): number => REQUEST_PATH.findIndex((entry) => entry.stage === stage);

async function send(url: string, init: { method?: string; body?: string; headers?: Record<string, string> }): Promise<GraphQLResponse> {
  // An empty header value means "send no such header" (e.g. a GET with no content type, as a page's form sends it).
  const headers = Object.fromEntries(Object.entries({ 'content-type': 'application/json', ...init.headers }).filter(([, value]) => value !== ''));
  const res = await fetch(url, { method: init.method ?? 'POST', headers, ...(init.body !== undefined ? { body: init.body } : {}) });
  const text = await res.text();
  let body: unknown = text;
  try { body = JSON.parse(text); } catch { /* an HTML page or an empty body */ }
  return { status: res.status, headers: res.headers, body };
}
const codeOf = (res: GraphQLResponse): string => (typeof res.body === 'object' ? res.body?.errors?.[0]?.extensions?.code ?? 'data' : 'text');

describe('the request path', () => {
  let tiny: TinySubgraph;
  let tokens: TestTokens;
  const gateways: RunningGateway[] = [];
  let development: RunningGateway;
  let production: RunningGateway;
  const start = async (config: Partial<GatewayConfigInput>) => {
    const gateway = await startGateway(loadGatewayConfig({ port: 0, supergraphFile: tiny.supergraphFile, auth: tokens.auth, ...config }));
    gateways.push(gateway);
    return { gateway, plugins: built.at(-1) as unknown[] };
  };
  const pluginStages: Record<string, (string | undefined)[]> = {};

  beforeAll(async () => {
    tiny = await startTinySubgraph();
    tokens = await createTestTokens();
    // usage: a store to record into (the process's in-memory one), else the stage is not built.
    const common = { clients: { 'web-app': { channel: 'web' as const } }, cors: { allowedOrigins: [APP] }, maxBodyBytes: 16 * 1024, usage: { dataDir: 'memory' } };
    const dev = await start(common);
    const prod = await start({ ...common, production: true });
    const uncached = await start({ ...common, cache: { responses: false } });
    // Built while the process traces (stopped at once: no request reaches it, no span is made or sent).
    const tracing = await startTracing({ endpoint: 'http://127.0.0.1:9/v1/traces', serviceName: 'pipeline-test' });
    const traced = await start(common).finally(() => tracing.shutdown());
    development = dev.gateway;
    production = prod.gateway;
    for (const [name, { plugins }] of Object.entries({ development: dev, production: prod, uncached, traced })) pluginStages[name] = plugins.map((p) => stageOf(p as object));
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.stop();
    await tiny.stop();
  });

  describe('the plugins server.ts hands Apollo Server', () => {
    it('run in this order: access log, explorer, request metrics, persisted operations, (tracing,) parse limits, subscriptions, operation limits, authorization, response cache, invalidation, usage', () => {
      expect(pluginStages['development']).toEqual(PLUGINS_IN_ORDER);
      expect(pluginStages['production']).toEqual(['access-log', 'explorer', 'no-suggestions', ...PLUGINS_IN_ORDER.slice(2)]);
      expect(pluginStages['uncached']).toEqual(PLUGINS_IN_ORDER.filter((s) => s !== 'response-cache'));
      // Tracing on: its plugin right after persisted operations (their choice of document is what it names).
      expect(pluginStages['traced']).toEqual([...PLUGINS_IN_ORDER.slice(0, 4), 'tracing', ...PLUGINS_IN_ORDER.slice(4)]);
    });

    it('are all built from REQUEST_PATH (none added beside it), in its order', () => {
      for (const stages of Object.values(pluginStages)) {
        expect(stages.every((s) => s !== undefined)).toBe(true);
        const positions = stages.map((s) => position(s as Stage));
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        for (const s of stages) expect(REQUEST_PATH[position(s as Stage)]?.layer).toBe('plugin');
      }
    });
  });

  describe('the stages around the plugins, on a real gateway: a request tripping two gets the earlier one\'s answer', () => {
    const big = JSON.stringify({ query: `{ hello ${' '.repeat(20 * 1024)}}` });
    const probes: { first: Stage; then: Stage; production?: boolean; query?: string; request: Parameters<typeof send>[1]; expected: (res: GraphQLResponse) => unknown[]; answer: unknown[] }[] = [
      // CORS headers are on the answer although the body is refused.
      { first: 'cors', then: 'body', request: { body: big, headers: { origin: APP } }, expected: (r) => [r.status, codeOf(r), r.headers.get('access-control-allow-origin')], answer: [413, 'PAYLOAD_TOO_LARGE', APP] },
      { first: 'body', then: 'csrf-prevention', request: { body: big, headers: { 'content-type': 'text/plain' } }, expected: (r) => [r.status, codeOf(r)], answer: [413, 'PAYLOAD_TOO_LARGE'] },
      // A browser asking for the page gets it whatever its token: the explorer answers before CSRF and identity.
      { first: 'explorer', then: 'csrf-prevention', request: { method: 'GET', headers: { accept: 'text/html', ...BAD_TOKEN, 'content-type': '' } }, expected: (r) => [r.status, codeOf(r), r.headers.get('content-type')], answer: [200, 'text', expect.stringMatching(/^text\/html/)] },
      { first: 'csrf-prevention', then: 'authentication', query: '?query=%7B%20hello%20%7D', request: { method: 'GET', headers: { ...BAD_TOKEN, 'content-type': '' } }, expected: (r) => [r.status, codeOf(r), r.body.errors[0].message], answer: [400, 'BAD_REQUEST', expect.stringMatching(/CSRF/)] },
      { first: 'authentication', then: 'client-identification', production: true, request: { body: '{"query":"{ hello }"}', headers: { ...BAD_TOKEN, 'apollographql-client-name': 'curl' } }, expected: (r) => [r.status, codeOf(r)], answer: [401, 'UNAUTHENTICATED'] },
      { first: 'client-identification', then: 'no-batching', production: true, request: { body: '[{"query":"{ hello }"},{"query":"{ hello }"}]', headers: { 'apollographql-client-name': 'curl' } }, expected: (r) => [r.status, codeOf(r)], answer: [403, 'CLIENT_NOT_ALLOWED'] },
      { first: 'no-batching', then: 'subscriptions', request: { body: '[{"query":"subscription { hello }"}]', headers: WEB }, expected: (r) => [r.status, codeOf(r)], answer: [400, 'BAD_REQUEST'] },
      { first: 'parse-limits', then: 'subscriptions', request: { body: JSON.stringify({ query: `subscription { ${'hello '.repeat(1_100)}}` }), headers: WEB }, expected: (r) => [r.status, codeOf(r), r.body.errors[0].message], answer: [400, 'OPERATION_LIMIT_EXCEEDED', expect.stringMatching(/token limit/)] },
      { first: 'subscriptions', then: 'operation-limits', request: { body: JSON.stringify({ query: `subscription { ${Array.from({ length: 12 }, (_, i) => `a${i}: hello`).join(' ')} }` }), headers: WEB }, expected: (r) => [r.status, codeOf(r)], answer: [400, 'SUBSCRIPTIONS_NOT_SUPPORTED'] },
    ];

    for (const probe of probes) {
      it(`${probe.first} before ${probe.then}`, async () => {
        expect(position(probe.first)).toBeLessThan(position(probe.then));
        const url = (probe.production ? production : development).url;
        const res = await send(`${url}${probe.query ?? ''}`, probe.request);
        expect(probe.expected(res)).toEqual(probe.answer);
      });
    }
  });
});
