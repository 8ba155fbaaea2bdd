/** Subscription operations, through a real gateway: refused with a coded 400, in development and production. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../../test/support/http.ts';
import { startTinySubgraph, type TinySubgraph } from '../../test/support/tiny-subgraph.ts';
import { loadGatewayConfig } from '../config.ts';
import { startGateway, type RunningGateway } from '../server.ts';
import { SUBSCRIPTION_REFUSAL } from './plugin.ts';

const WEB = { 'apollographql-client-name': 'web-app', 'apollographql-client-version': '1.0.0' };
const REFUSED = { errors: [{ message: SUBSCRIPTION_REFUSAL, extensions: { code: 'SUBSCRIPTIONS_NOT_SUPPORTED' } }] };

describe('subscriptions', () => {
  let tiny: TinySubgraph;
  let development: RunningGateway;
  let production: RunningGateway;
  beforeAll(async () => {
    tiny = await startTinySubgraph();
    development = await startGateway(loadGatewayConfig({ port: 0, supergraphFile: tiny.supergraphFile }));
    production = await startGateway(loadGatewayConfig({ port: 0, supergraphFile: tiny.supergraphFile, production: true, clients: { 'web-app': { channel: 'web' } } }));
  });
  afterAll(async () => { await development.stop(); await production.stop(); await tiny.stop(); });

  it('refuses a subscription with 400 SUBSCRIPTIONS_NOT_SUPPORTED, never a 500', async () => {
    for (const [gateway, query] of [[development, 'subscription { hello }'], [development, 'subscription OnHello { hello }'], [production, 'subscription { hello }']] as const) {
      const res = await postJson(gateway.url, { query }, WEB);
      expect([res.status, res.body], query).toEqual([400, REFUSED]);
    }
  });

  it('refuses the operation chosen in a document, and only a subscription', async () => {
    const document = 'query Hello { hello } subscription OnHello { hello }';
    const refused = await postJson(development.url, { query: document, operationName: 'OnHello' }, WEB);
    expect([refused.status, refused.body]).toEqual([400, REFUSED]);
    const served = await postJson(development.url, { query: document, operationName: 'Hello' }, WEB);
    expect([served.status, served.body]).toEqual([200, { data: { hello: 'world' } }]);
  });

  it('still refuses a subscription that is also over a limit with its own code, before the limit analysis', async () => {
    const deep = `subscription { ${Array.from({ length: 12 }, (_, i) => `a${i}: hello`).join(' ')} }`;
    const res = await postJson(development.url, { query: deep }, WEB);
    expect([res.status, res.body.errors[0].extensions.code]).toEqual([400, 'SUBSCRIPTIONS_NOT_SUPPORTED']);
    const asQuery = await postJson(development.url, { query: deep.replace('subscription', 'query') }, WEB);
    expect([asQuery.status, asQuery.body.errors[0].extensions.code]).toEqual([400, 'OPERATION_LIMIT_EXCEEDED']);
  });
});
