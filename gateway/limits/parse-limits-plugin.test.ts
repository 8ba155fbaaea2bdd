import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../../test/support/http.ts';
import { startTinySubgraph, type TinySubgraph } from '../../test/support/tiny-subgraph.ts';
import { loadGatewayConfig } from '../config.ts';
import { VISITS } from './bounded-walk.ts';
import { nestedInlineFragments } from './hostile-shapes.ts';
import { startGateway, type RunningGateway } from '../server.ts';
import { parseTokenCeiling } from './parse-limits-plugin.ts';

const mobile = { 'apollographql-client-name': 'app-mobile', 'apollographql-client-version': '1.0.0' };
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('tokens and nesting, refused before Apollo parses the document', () => {
  let tiny: TinySubgraph;
  let gateway: RunningGateway;
  beforeAll(async () => {
    tiny = await startTinySubgraph();
    gateway = await startGateway(loadGatewayConfig({
      port: 0,
      supergraphFile: tiny.supergraphFile,
      clients: { 'app-mobile': { channel: 'mobile' } },
      limits: { channels: { mobile: { maxTokens: 30, maxNesting: 4 } } },
    }));
  });
  afterAll(async () => { await gateway.stop(); await tiny.stop(); });

  it('answers 5,000 nested inline fragments with 400 OPERATION_LIMIT_EXCEEDED naming maxNesting, not a parse failure', async () => {
    const before = VISITS.scan;
    const res = await postJson(gateway.url, { query: nestedInlineFragments(5_000) });
    expect([res.status, res.body.errors]).toEqual([400, [{
      message: 'The operation exceeds the nesting limit of 20 (maxNesting) for the web channel.',
      extensions: { code: 'OPERATION_LIMIT_EXCEEDED' },
    }]]);
    // The gateway runs in this process: its scan read a few dozen tokens, not the 20,000 of the document.
    expect(VISITS.scan - before).toBeLessThan(200);
  });

  it('applies the caller\'s channel, tokens included', async () => {
    const deep = '{ ... on Query { ... on Query { ... on Query { ... on Query { hello } } } } }';
    expect((await postJson(gateway.url, { query: deep })).status).toBe(200);
    const res = await postJson(gateway.url, { query: deep }, mobile);
    expect([res.status, res.body.errors[0].message]).toEqual([400, 'The operation exceeds the nesting limit of 4 (maxNesting) for the mobile channel.']);
    const long = await postJson(gateway.url, { query: `{ ${'hello '.repeat(40)}}` }, mobile);
    expect([long.status, long.body.errors[0].message]).toEqual([400, 'The operation exceeds the token limit of 30 (maxTokens) for the mobile channel.']);
  });

  it('registers no refused document as an automatic persisted query', async () => {
    const query = nestedInlineFragments(50);
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    const refused = await postJson(gateway.url, { query, extensions });
    expect([refused.status, refused.body.errors[0].extensions.code]).toEqual([400, 'OPERATION_LIMIT_EXCEEDED']);
    const byHash = await postJson(gateway.url, { extensions });
    expect(byHash.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('keeps serving normal queries, and bounds Apollo\'s own parser by the largest channel\'s tokens', async () => {
    expect((await postJson(gateway.url, { query: '{ hello }' }, mobile)).body).toEqual({ data: { hello: 'world' } });
    expect(parseTokenCeiling(loadGatewayConfig({ supergraphFile: 'x' }).limits)).toBe(2_000);
  });
});
