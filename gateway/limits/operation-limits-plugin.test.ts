import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../../test/support/http.ts';
import { createTestTokens, type TestTokens } from '../../test/support/test-tokens.ts';
import { startTinySubgraph, type TinySubgraph } from '../../test/support/tiny-subgraph.ts';
import { loadGatewayConfig } from '../config.ts';
import { startGateway, type RunningGateway } from '../server.ts';

const as = (client: string | null): Record<string, string> => (client ? { 'apollographql-client-name': client, 'apollographql-client-version': '1.0.0' } : {});
const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: hello`).join(' ')} }`;

describe('operation limits per channel, through the gateway', () => {
  let tiny: TinySubgraph;
  let gateway: RunningGateway;
  let tokens: TestTokens;
  beforeAll(async () => {
    tiny = await startTinySubgraph();
    tokens = await createTestTokens();
    gateway = await startGateway(loadGatewayConfig({
      port: 0,
      supergraphFile: tiny.supergraphFile,
      auth: tokens.auth,
      clients: { 'app-mobile': { channel: 'mobile' }, 'app-agent': { channel: 'agent', kind: 'confidential', roles: ['agent'] } },
      limits: {
        default: { maxAliases: 3, maxDirectives: 2 },
        channels: { agent: { maxAliases: 6 }, mobile: { maxRootFields: 2, maxTokens: 20 } },
      },
    }));
  });
  afterAll(async () => { await gateway.stop(); await tiny.stop(); });

  it('lets an operation within the limits through', async () => {
    const res = await postJson(gateway.url, { query: aliases(3) }, as(null));
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ a0: 'world', a1: 'world', a2: 'world' });
  });

  it('refuses one over a limit with 400 OPERATION_LIMIT_EXCEEDED naming the limit, and no data', async () => {
    const res = await postJson(gateway.url, { query: aliases(4) }, as(null));
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toEqual([{
      message: 'The operation exceeds the alias limit of 3 (maxAliases) for the web channel.',
      extensions: { code: 'OPERATION_LIMIT_EXCEEDED' },
    }]);
  });

  it('applies the caller\'s channel: the same document passes on the agent desk, then still fails on the web', async () => {
    const agent = { ...as('app-agent'), authorization: `Bearer ${await tokens.sign('agent', 'app-agent')}` };
    expect((await postJson(gateway.url, { query: aliases(5) }, agent)).status).toBe(200);
    const web = await postJson(gateway.url, { query: aliases(5) }, as('unregistered-app'));
    expect(web.status).toBe(400);
    expect(web.body.errors[0].extensions.code).toBe('OPERATION_LIMIT_EXCEEDED');
    expect((await postJson(gateway.url, { query: aliases(7) }, agent)).body.errors[0].message).toMatch(/alias limit of 6/);
  });

  it('never lifts a caller to the agent desk\'s limits on the strength of its header alone', async () => {
    const customer = `Bearer ${await tokens.sign('customer')}`;
    for (const headers of [as('app-agent'), { ...as('app-agent'), authorization: customer }]) {
      const res = await postJson(gateway.url, { query: aliases(5) }, headers);
      expect([res.status, res.body.errors?.[0]?.message]).toEqual([400, expect.stringMatching(/^The operation exceeds the alias limit of 3 \(maxAliases\) for the web channel/)]);
    }
  });

  it('applies root-field, token and directive limits', async () => {
    const roots = await postJson(gateway.url, { query: '{ hello sawInternalToken a: hello }' }, as('app-mobile'));
    expect([roots.status, roots.body.errors[0].message]).toEqual([400, 'The operation exceeds the root-field limit of 2 (maxRootFields) for the mobile channel.']);
    const tokens = await postJson(gateway.url, { query: `{ hello ${'__typename '.repeat(20)}}` }, as('app-mobile'));
    expect([tokens.status, tokens.body.errors[0].message]).toEqual([400, 'The operation exceeds the token limit of 20 (maxTokens) for the mobile channel.']);
    const directives = await postJson(gateway.url, { query: '{ hello @include(if: true) @skip(if: false) sawInternalToken @skip(if: false) }' }, as(null));
    expect([directives.status, directives.body.errors[0].extensions.code]).toEqual([400, 'OPERATION_LIMIT_EXCEEDED']);
    expect(directives.body.errors[0].message).toMatch(/directive limit of 2/);
  });

  it('judges the whole document for depth, aliases, directives and tokens, whichever operation is named', async () => {
    const document = `query Small { hello } query Big ${aliases(4)}`;
    const res = await postJson(gateway.url, { query: document, operationName: 'Small' });
    expect([res.status, res.body.errors[0].extensions.code]).toEqual([400, 'OPERATION_LIMIT_EXCEEDED']);
  });

  it('refuses a document without a single operation to run with 400 BAD_REQUEST, not a 500', async () => {
    for (const body of [{ query: '{ hello }', operationName: 'Nope' }, { query: 'query A { hello } query B { hello }' }]) {
      const res = await postJson(gateway.url, body);
      expect([res.status, res.body.errors[0].extensions.code]).toEqual([400, 'BAD_REQUEST']);
    }
  });
});
