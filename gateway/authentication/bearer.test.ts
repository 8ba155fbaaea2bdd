import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator, type Authenticator } from './bearer.ts';

const ISSUER = 'https://idp.test';
const AUDIENCE = 'passerelle';

describe('bearer token verification', () => {
  let authenticate: Authenticator;
  let good: CryptoKey;
  let other: CryptoKey;
  let publicJwk: JWK;

  const token = (claims: Record<string, unknown> = {}, o: { key?: CryptoKey; alg?: string; iss?: string; aud?: string; exp?: string | number; kid?: string } = {}) =>
    new SignJWT({ role: 'customer', scope: 'openid', ...claims })
      .setProtectedHeader({ alg: o.alg ?? 'RS256', kid: o.kid ?? 'k1' })
      .setIssuer(o.iss ?? ISSUER).setAudience(o.aud ?? AUDIENCE).setSubject('100001')
      .setIssuedAt().setExpirationTime(o.exp ?? '5m')
      .sign(o.key ?? good);

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    good = pair.privateKey as CryptoKey;
    other = (await generateKeyPair('RS256')).privateKey as CryptoKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' };
    const jwksFile = join(tmpdir(), `passerelle-jwks-${process.pid}.json`);
    writeFileSync(jwksFile, JSON.stringify({ keys: [publicJwk] }));
    authenticate = createAuthenticator({ issuer: ISSUER, audience: AUDIENCE, jwksFile, algorithms: ['RS256'], roleClaim: 'role', jwksCacheMaxAgeMs: 60_000 });
  });

  const refused = async (authorization: string) => {
    const error = await authenticate(authorization).then(() => null, (e: unknown) => e as { extensions: Record<string, unknown>; message: string });
    expect(error?.extensions['code']).toBe('UNAUTHENTICATED');
    expect(error?.extensions['http']).toEqual({ status: 401 });
    return error?.message;
  };

  it('accepts a valid token and reads role, subject and scopes', async () => {
    await expect(authenticate(`Bearer ${await token({ scope: 'openid account:read' })}`)).resolves.toEqual({ role: 'customer', subject: '100001', scopes: ['openid', 'account:read'], client: null });
  });

  it('reads the client the token was issued to from azp or client_id, and refuses a token naming two', async () => {
    for (const claims of [{ azp: 'agent-desk' }, { client_id: 'agent-desk' }, { azp: 'agent-desk', client_id: 'agent-desk' }]) {
      await expect(authenticate(`Bearer ${await token({ role: 'agent', ...claims })}`)).resolves.toMatchObject({ role: 'agent', client: 'agent-desk' });
    }
    await refused(`Bearer ${await token({ azp: 'passerelle-web', client_id: 'agent-desk' })}`);
    await refused(`Bearer ${await token({ azp: ['agent-desk'] })}`);
    await refused(`Bearer ${await token({ client_id: '' })}`);
  });

  it('treats a missing token as anonymous', async () => {
    await expect(authenticate(undefined)).resolves.toBeNull();
  });

  it('refuses alg "none"', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: '100001', role: 'agent', iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300 })).toString('base64url');
    await refused(`Bearer ${header}.${payload}.`);
    await refused(`Bearer ${header}.${payload}.AAAA`);
  });

  it('refuses a token signed with another key, even with the right kid', async () => {
    await refused(`Bearer ${await token({}, { key: other })}`);
  });

  it('refuses HS256 signed with the public key as secret (algorithm confusion)', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
    await refused(`Bearer ${await token({}, { key: secret as unknown as CryptoKey, alg: 'HS256' })}`);
  });

  it('refuses expired tokens, wrong issuer and wrong audience, without saying which', async () => {
    const messages = new Set([
      await refused(`Bearer ${await token({}, { exp: Math.floor(Date.now() / 1000) - 60 })}`),
      await refused(`Bearer ${await token({}, { iss: 'https://evil.test' })}`),
      await refused(`Bearer ${await token({}, { aud: 'someone-else' })}`),
    ]);
    expect(messages.size).toBe(1);
  });

  it('refuses tokens without a known role, and malformed headers', async () => {
    await refused(`Bearer ${await token({ role: 'admin' })}`);
    await refused('Basic dXNlcjpwYXNz');
    await refused('Bearer not-a-jwt');
  });
});
