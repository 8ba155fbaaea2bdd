import { SignJWT, jwtVerify } from 'jose';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createInternalTokenReader, createInternalTokenSigner, createInternalTokenVerifier, generateInternalKeyPair, INTERNAL_TOKEN_ISSUER, internalAudience, publicKeyOf } from './internal-token.ts';
import type { Principal } from './principal.ts';

const keys = generateInternalKeyPair();
const customer: Principal = { role: 'customer', subject: '100001', scopes: ['account:read'], channel: 'mobile', client: { name: 'passerelle-mobile', version: '1.2.0' } };

describe('internal token between gateway and subgraphs', () => {
  it('carries the principal to the subgraph it was signed for', async () => {
    const token = await createInternalTokenSigner(keys.privateKeyPem)(customer, 'party');
    await expect(createInternalTokenVerifier(keys.publicKeyPem, 'party')(token)).resolves.toEqual(customer);
  });

  it('reuses a signed token for the same principal and subgraph', async () => {
    const sign = createInternalTokenSigner(keys.privateKeyPem);
    expect(await sign(customer, 'party')).toBe(await sign(customer, 'party'));
    expect(await sign(customer, 'party')).not.toBe(await sign(customer, 'billing'));
  });

  it('is refused by another subgraph (audience) and under another key', async () => {
    const token = await createInternalTokenSigner(keys.privateKeyPem)(customer, 'party');
    await expect(createInternalTokenVerifier(keys.publicKeyPem, 'billing')(token)).rejects.toThrow();
    await expect(createInternalTokenVerifier(generateInternalKeyPair().publicKeyPem, 'party')(token)).rejects.toThrow();
  });

  it('refuses an expired token and a token with an invented role', async () => {
    const key = createPrivateKey(keys.privateKeyPem);
    const base = () => new SignJWT({ role: 'customer', scp: [], chn: 'web' }).setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(INTERNAL_TOKEN_ISSUER).setAudience(internalAudience('party')).setSubject('100001');
    const verify = createInternalTokenVerifier(keys.publicKeyPem, 'party');
    const expired = await base().setIssuedAt(Math.floor(Date.now() / 1000) - 120).setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(key);
    await expect(verify(expired)).rejects.toThrow();
    const invented = await new SignJWT({ role: 'root', scp: [], chn: 'web' }).setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(INTERNAL_TOKEN_ISSUER).setAudience(internalAudience('party')).setSubject('x').setIssuedAt().setExpirationTime('1m').sign(key);
    await expect(verify(invented)).rejects.toThrow(/role/);
  });

  it('derives the public key from the private key', () => {
    expect(publicKeyOf(keys.privateKeyPem)).toBe(keys.publicKeyPem);
  });
});

describe('the request budget in the internal token', () => {
  it('travels signed to the subgraph, in a token unique to the request', async () => {
    const sign = createInternalTokenSigner(keys.privateKeyPem);
    const token = await sign(customer, 'party', 1234.7);
    expect(await createInternalTokenReader(keys.publicKeyPem, 'party')(token)).toEqual({ principal: customer, budgetMs: 1234 });
    expect(await sign(customer, 'party', 1234)).not.toBe(await sign(customer, 'party', 999));
  });

  it('is a standard EdDSA JWT (jose verifies it) and a tampered budget breaks the signature', async () => {
    const token = await createInternalTokenSigner(keys.privateKeyPem)(customer, 'party', 500);
    const { payload } = await jwtVerify(token, createPublicKey(keys.publicKeyPem), { algorithms: ['EdDSA'], audience: internalAudience('party') });
    expect(payload['bgt']).toBe(500);
    const [header, body, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, bgt: 60_000 })).toString('base64url')}.${signature}`;
    await expect(createInternalTokenReader(keys.publicKeyPem, 'party')(tampered)).rejects.toThrow();
  });
});
