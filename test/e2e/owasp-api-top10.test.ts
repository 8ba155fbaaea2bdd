// OWASP API Security Top 10 (2023) attacks against the whole stack, each shown to fail. Other risks are
// covered beside the code they test: API1/API3 in access-matrix.test.ts and security.test.ts, API8 in
// gateway/security.test.ts and gateway/gateway.test.ts, API10 in hostile-legacy.test.ts.
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../support/http.ts';
import { errorCodes, startE2E, type E2E } from './harness.ts';

const WEB = { 'apollographql-client-name': 'passerelle-web', 'apollographql-client-version': '1.0.0' };

describe('OWASP API Security Top 10 through the gateway', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E({ gateway: { authorization: { rejectOnChannels: ['mobile'] } } }); });
  afterAll(() => e2e.stack.stop());
  const call = (query: string, headers: Record<string, string> = {}) => postJson(e2e.stack.gateway.url, { query }, { ...WEB, ...headers });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  describe('API2 broken authentication: forged tokens are refused with 401', () => {
    const claims = () => ({ role: 'agent', sub: 'A001', iss: e2e.stack.idp.issuer, aud: e2e.stack.idp.audience });
    const expectRefused = async (token: string) => {
      const res = await call('{ customers(first: 1) { totalCount } }', bearer(token));
      expect(res.status).toBe(401);
      expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    };

    it('alg "none"', async () => {
      const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      await expectRefused(`${part({ alg: 'none', typ: 'JWT' })}.${part({ ...claims(), exp: Math.floor(Date.now() / 1000) + 600 })}.`);
    });

    it('a key of the attacker\'s, announced under the provider\'s key id', async () => {
      const { kid } = ((await (await fetch(e2e.stack.idp.jwksUrl)).json()) as { keys: { kid: string }[] }).keys[0] as { kid: string };
      const { privateKey } = await generateKeyPair('RS256');
      await expectRefused(await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', kid }).setIssuedAt().setExpirationTime('5m').sign(privateKey as CryptoKey));
    });

    it('HS256 signed with the provider\'s public key (algorithm confusion)', async () => {
      const jwks = await (await fetch(e2e.stack.idp.jwksUrl)).text();
      await expectRefused(await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('5m').sign(new TextEncoder().encode(jwks)));
    });

    it('an embedded JWK in the header (the token bringing its own key)', async () => {
      const { privateKey, publicKey } = await generateKeyPair('RS256');
      const jwk = await exportJWK(publicKey);
      await expectRefused(await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', jwk }).setIssuedAt().setExpirationTime('5m').sign(privateKey as CryptoKey));
    });
  });

  describe('API5 broken function level authorization', () => {
    it('a customer cannot list customers; a partner cannot place orders or fill carts', async () => {
      const customer = await call('{ customers(first: 5) { totalCount } }', bearer(await e2e.stack.idp.tokenFor('customer')));
      expect(errorCodes(customer)).toEqual({ customers: 'FORBIDDEN' });
      const partner = bearer(await e2e.stack.idp.tokenFor('partner'));
      const order = await postJson(e2e.stack.gateway.url, { query: `mutation { placeOrder(input: { idempotencyKey: "${randomUUID()}", customerId: "100001" }) { id } }` }, { ...WEB, ...partner });
      expect(errorCodes(order)).toEqual({ placeOrder: 'FORBIDDEN' });
      const cart = await call('mutation { addCartItem(input: { productOfferingId: "PO-0001", quantity: 1, customerId: "100001" }) { id } }', partner);
      expect(errorCodes(cart)).toEqual({ addCartItem: 'FORBIDDEN' });
    });
  });

  describe('API4 unrestricted resource consumption', () => {
    it('refuses a query that asks for 100 x 100 x 100 objects with a coded 400, before any subgraph call', async () => {
      const before = Object.values(e2e.stack.subgraphs).reduce((n, s) => n + s.requests(), 0);
      const res = await call('{ customers(first: 100) { nodes { orders(first: 100) { nodes { items { productOffering { name } } } } } } }', bearer(await e2e.stack.idp.tokenFor('agent')));
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('OPERATION_LIMIT_EXCEEDED');
      expect(Object.values(e2e.stack.subgraphs).reduce((n, s) => n + s.requests(), 0)).toBe(before);
    });

    it('refuses alias floods and deep nesting', async () => {
      const aliases = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: productOffering(id: "PO-0001") { name }`).join(' ')} }`;
      expect((await call(aliases)).body.errors[0].extensions.code).toBe('OPERATION_LIMIT_EXCEEDED');
      const deep = '{ productOfferings { nodes { category { offerings { nodes { category { offerings { nodes { category { offerings { nodes { name } } } } } } } } } } } }';
      expect((await call(deep)).body.errors[0].extensions.code).toBe('OPERATION_LIMIT_EXCEEDED');
    });
  });

  describe('authorization on channels configured to reject', () => {
    it('refuses the whole operation on mobile instead of answering null', async () => {
      const mobile = { 'apollographql-client-name': 'passerelle-mobile', 'apollographql-client-version': '2.1.0' };
      const res = await postJson(e2e.stack.gateway.url, { query: '{ productOffering(id: "PO-0001") { name partnerPrice { amount } } }' }, { ...mobile, ...bearer(await e2e.stack.idp.tokenFor('customer', { client: 'passerelle-mobile' })) });
      expect(res.status).toBe(403);
      expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(res.body.data).toBeUndefined();
      const allowed = await postJson(e2e.stack.gateway.url, { query: '{ productOffering(id: "PO-0001") { name } }' }, mobile);
      expect(allowed.body.data.productOffering.name).toEqual(expect.any(String));
    });
  });
});
