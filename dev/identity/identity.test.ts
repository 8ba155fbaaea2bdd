import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../gateway/authentication/bearer.ts';
import { customerWithOrderCount, getDataset } from '../legacy/common/dataset.ts';
import { startIdentityProvider, type IdentityProvider } from './server.ts';

const run = promisify(execFile);

describe('development identity provider', () => {
  let idp: IdentityProvider;
  beforeAll(async () => { idp = await startIdentityProvider(); });
  afterAll(() => idp.close());

  const token = (form: Record<string, string>) => fetch(`${idp.issuer}/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form),
  });

  it('publishes an OpenID discovery document and a JWKS', async () => {
    const discovery = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({ issuer: idp.issuer, jwks_uri: idp.jwksUrl, token_endpoint: `${idp.issuer}/token` });
    const jwks = (await (await fetch(idp.jwksUrl)).json()) as { keys: { kty: string; alg: string; d?: string }[] };
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: 'RSA', alg: 'RS256' })]);
    expect(jwks.keys[0]?.d).toBeUndefined();
  });

  it('has demo users of every role taken from the stand-in data', () => {
    const dataset = getDataset();
    expect(idp.users.map((u) => [u.username, u.role])).toEqual([['customer', 'customer'], ['customer-many', 'customer'], ['partner', 'partner'], ['agent', 'agent']]);
    expect(idp.users[0]?.subject).toBe(String(customerWithOrderCount(dataset, 3)?.id));
    expect(idp.users[1]?.subject).toBe(String(customerWithOrderCount(dataset, 40)?.id));
  });

  it('issues tokens the gateway accepts, for named users and ids of the data', async () => {
    const authenticate = createAuthenticator({ issuer: idp.issuer, audience: idp.audience, jwksUrl: idp.jwksUrl, algorithms: ['RS256'], roleClaim: 'role', jwksCacheMaxAgeMs: 60_000 });
    const body = (await (await token({ grant_type: 'password', username: 'partner:P002', password: 'demo' })).json()) as { access_token: string };
    await expect(authenticate(`Bearer ${body.access_token}`)).resolves.toMatchObject({ role: 'partner', subject: 'P002' });
  });

  it('issues each role\'s token to its own client (azp, client_id): customers web (default) or mobile, partners the portal, agents the desk', async () => {
    const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;
    const issued = async (form: Record<string, string>) => claims(((await (await token({ grant_type: 'password', password: 'demo', ...form })).json()) as { access_token: string }).access_token);
    expect(await issued({ username: 'customer' })).toMatchObject({ azp: 'passerelle-web', client_id: 'passerelle-web' });
    expect(await issued({ username: 'customer', client_id: 'passerelle-mobile' })).toMatchObject({ azp: 'passerelle-mobile', client_id: 'passerelle-mobile' });
    expect(await issued({ username: 'partner:P002' })).toMatchObject({ azp: 'partner-portal', role: 'partner' });
    expect(await issued({ username: 'agent' })).toMatchObject({ azp: 'agent-desk', role: 'agent' });
    for (const [username, client_id] of [['customer', 'agent-desk'], ['customer', 'partner-portal'], ['partner', 'agent-desk'], ['agent', 'passerelle-web'], ['customer', '']]) {
      expect(await (await token({ grant_type: 'password', username: username as string, password: 'demo', client_id: client_id as string })).json(), `${username} via ${client_id}`).toEqual({ error: 'unauthorized_client' });
    }
    expect(claims(await idp.tokenFor('agent'))).toMatchObject({ azp: 'agent-desk', client_id: 'agent-desk' });
    expect(claims(await idp.tokenFor('customer', { client: 'agent-desk' }))).toMatchObject({ role: 'customer', azp: 'agent-desk' });
    expect(claims(await idp.tokenFor('customer', { client: null })).azp).toBeUndefined();
  });

  it('refuses unknown users, wrong passwords and other grants, OAuth-style', async () => {
    expect(await (await token({ grant_type: 'password', username: 'customer:999', password: 'demo' })).json()).toEqual({ error: 'invalid_grant' });
    expect(await (await token({ grant_type: 'password', username: 'agent', password: 'nope' })).json()).toEqual({ error: 'invalid_grant' });
    expect(await (await token({ grant_type: 'client_credentials' })).json()).toEqual({ error: 'unsupported_grant_type' });
  });

  it('npm run token prints a token, or the JSON for Sandbox\'s headers naming the token\'s client', async () => {
    const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'dev/identity/token-cli.ts', ...args, '--idp', idp.issuer]);
    const { stdout } = await cli('--as', 'agent');
    expect(stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const header = JSON.parse((await cli('--as', 'customer', '--header')).stdout);
    expect(header).toMatchObject({ Authorization: expect.stringMatching(/^Bearer /), 'apollographql-client-name': 'passerelle-web', 'apollographql-client-version': '1.0.0' });
    expect(JSON.parse((await cli('--as', 'customer', '--client', 'mobile', '--header')).stdout)['apollographql-client-name']).toBe('passerelle-mobile');
    expect(JSON.parse((await cli('--as', 'agent', '--header')).stdout)['apollographql-client-name']).toBe('agent-desk');
    await expect(cli('--as', 'nobody')).rejects.toMatchObject({ code: 2 });
    await expect(cli('--as', 'customer', '--client', 'agent-desk')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/unauthorized_client/) });
  });
});
