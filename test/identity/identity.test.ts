import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../gateway/auth/bearer.ts';
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

  it('refuses unknown users, wrong passwords and other grants, OAuth-style', async () => {
    expect(await (await token({ grant_type: 'password', username: 'customer:999', password: 'demo' })).json()).toEqual({ error: 'invalid_grant' });
    expect(await (await token({ grant_type: 'password', username: 'agent', password: 'nope' })).json()).toEqual({ error: 'invalid_grant' });
    expect(await (await token({ grant_type: 'client_credentials' })).json()).toEqual({ error: 'unsupported_grant_type' });
  });

  it('npm run token prints a token, or the JSON for Sandbox\'s headers', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/identity/token-cli.ts', '--as', 'agent', '--idp', idp.issuer]);
    expect(stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const header = await run(process.execPath, ['--import', 'tsx', 'test/identity/token-cli.ts', '--as', 'customer', '--header', '--idp', idp.issuer]);
    expect(JSON.parse(header.stdout).Authorization).toMatch(/^Bearer /);
    await expect(run(process.execPath, ['--import', 'tsx', 'test/identity/token-cli.ts', '--as', 'nobody', '--idp', idp.issuer])).rejects.toMatchObject({ code: 2 });
  });
});
