/**
 * The channel rules through a real gateway: a privileged channel (its higher limits) is reached only with
 * a token issued to its client, never by naming that client in a header; production refuses what
 * development serves on the default channel.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../../test/support/http.ts';
import { createTestTokens, type TestTokens } from '../../test/support/test-tokens.ts';
import { startTinySubgraph, type TinySubgraph } from '../../test/support/tiny-subgraph.ts';
import { loadGatewayConfig } from '../config.ts';
import { startGateway, type RunningGateway } from '../server.ts';

const clients = JSON.parse(readFileSync(new URL('../../clients/clients.json', import.meta.url), 'utf8'));
const DESK = { 'apollographql-client-name': 'agent-desk', 'apollographql-client-version': '1.0.0' };
const WEB = { 'apollographql-client-name': 'passerelle-web', 'apollographql-client-version': '1.0.0' };
/** 10 root fields: over the web channel's 8, within the agent desk's 12 (the default limits). */
const TEN_ROOT_FIELDS = `{ ${Array.from({ length: 10 }, (_, i) => `a${i}: hello`).join(' ')} }`;
const WEB_LIMIT = expect.stringMatching(/^The operation exceeds the root-field limit of 8 \(maxRootFields\) for the web channel/);

describe('channels come from verified tokens, not headers', () => {
  let tiny: TinySubgraph;
  let tokens: TestTokens;
  let development: RunningGateway;
  let production: RunningGateway;
  const ask = async (gateway: RunningGateway, headers: Record<string, string>) => {
    const res = await postJson(gateway.url, { query: TEN_ROOT_FIELDS }, headers);
    return [res.status, res.body.errors?.[0]?.extensions?.code ?? 'data', res.body.errors?.[0]?.message ?? ''] as const;
  };
  const bearer = async (role: 'customer' | 'agent', client?: string) => ({ authorization: `Bearer ${await tokens.sign(role, client)}` });

  beforeAll(async () => {
    tiny = await startTinySubgraph();
    tokens = await createTestTokens();
    const base = { port: 0, supergraphFile: tiny.supergraphFile, auth: tokens.auth, clients };
    development = await startGateway(loadGatewayConfig(base));
    production = await startGateway(loadGatewayConfig({ ...base, production: true }));
  });
  afterAll(async () => { await development.stop(); await production.stop(); await tiny.stop(); });

  it('an anonymous caller naming the agent desk gets the unregistered caller\'s limits in development, 403 in production', async () => {
    expect(await ask(development, DESK)).toEqual([400, 'OPERATION_LIMIT_EXCEEDED', WEB_LIMIT]);
    expect((await ask(production, DESK)).slice(0, 2)).toEqual([403, 'CLIENT_NOT_ALLOWED']);
  });

  it('a customer token with the agent desk\'s header: likewise, whether the token names the web app, the desk or no client', async () => {
    for (const client of ['passerelle-web', 'agent-desk', undefined]) {
      const headers = { ...DESK, ...(await bearer('customer', client)) };
      expect(await ask(development, headers), String(client)).toEqual([400, 'OPERATION_LIMIT_EXCEEDED', WEB_LIMIT]);
      expect((await ask(production, headers)).slice(0, 2), String(client)).toEqual([403, 'CLIENT_NOT_ALLOWED']);
    }
  });

  it('an agent token issued to the agent desk gets the agent channel, with or without the header', async () => {
    for (const gateway of [development, production]) {
      expect((await ask(gateway, { ...DESK, ...(await bearer('agent', 'agent-desk')) }))[0]).toBe(200);
      expect((await ask(gateway, await bearer('agent', 'agent-desk')))[0]).toBe(200);
    }
  });

  it('production refuses a declared client that contradicts the token\'s; development serves the header\'s public channel', async () => {
    const agentAsWeb = { ...WEB, ...(await bearer('agent', 'agent-desk')) };
    expect(await ask(production, agentAsWeb)).toEqual([403, 'CLIENT_NOT_ALLOWED', 'The apollographql-client-name header names another client than the one the token was issued to.']);
    expect(await ask(development, agentAsWeb)).toEqual([400, 'OPERATION_LIMIT_EXCEEDED', WEB_LIMIT]);
  });
});
