/**
 * Bearer tokens for gateway tests that run without the identity provider: a fresh RS256 key, its JWKS in
 * a temporary file, the gateway's `auth` configuration for it, and a signer of tokens for a role and the
 * client they are issued to (`azp`, `client_id`), as a real provider issues them.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

const ISSUER = 'https://idp.test';
const AUDIENCE = 'passerelle';

export interface TestTokens {
  /** The gateway's `auth` section trusting these tokens. */
  auth: { issuer: string; audience: string; jwksFile: string };
  /** A token of this role, issued to `client` (none: no client claim). */
  sign(role: 'customer' | 'partner' | 'agent', client?: string, subject?: string): Promise<string>;
}

export async function createTestTokens(): Promise<TestTokens> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const kid = `test-${process.pid}-${Date.now()}`;
  const jwksFile = join(tmpdir(), `passerelle-test-jwks-${kid}.json`);
  writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] }));
  return {
    auth: { issuer: ISSUER, audience: AUDIENCE, jwksFile },
    sign: (role, client, subject = role === 'customer' ? '100001' : role === 'partner' ? 'P001' : 'A001') =>
      new SignJWT({ role, scope: 'openid', ...(client ? { azp: client, client_id: client } : {}) })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setIssuer(ISSUER).setAudience(AUDIENCE).setSubject(subject)
        .setIssuedAt().setExpirationTime('5m')
        .sign(privateKey as CryptoKey),
  };
}
