/**
 * The gateway-to-subgraph identity protocol. The gateway signs the principal into a short-lived JWT
 * (EdDSA, audience = one subgraph) sent in INTERNAL_TOKEN_HEADER; subgraphs hold only the public key,
 * so a subgraph can verify but never mint identities, and a token for one subgraph is refused by another.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { CHANNELS, ROLES, type Channel, type Principal, type Role } from './principal.ts';

export const INTERNAL_TOKEN_HEADER = 'passerelle-internal-token';
export const INTERNAL_TOKEN_ISSUER = 'passerelle-gateway';
const ALGORITHM = 'EdDSA';
/** Signed tokens are reused for half their life, so signing is not on every request's path. */
const DEFAULT_TTL_SECONDS = 60;
const MAX_CACHED_TOKENS = 10_000;

export const internalAudience = (subgraph: string): string => `passerelle-subgraph:${subgraph}`;

export interface InternalKeyPair { privateKeyPem: string; publicKeyPem: string }

export function generateInternalKeyPair(): InternalKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** The public half of a signing key, for the subgraphs' configuration. */
export function publicKeyOf(privateKeyPem: string): string {
  return createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
}

export type InternalTokenSigner = (principal: Principal, subgraph: string) => Promise<string>;

export function createInternalTokenSigner(privateKeyPem: string, ttlSeconds = DEFAULT_TTL_SECONDS): InternalTokenSigner {
  const key: KeyObject = createPrivateKey(privateKeyPem);
  const cache = new Map<string, { token: string; renewAt: number }>();
  return async (principal, subgraph) => {
    const cacheKey = `${subgraph}\u0000${principal.role}\u0000${principal.subject ?? ''}\u0000${principal.channel}\u0000${principal.scopes.join(' ')}\u0000${principal.client?.name ?? ''}\u0000${principal.client?.version ?? ''}`;
    const now = Date.now();
    const cached = cache.get(cacheKey);
    if (cached && cached.renewAt > now) return cached.token;
    const token = await new SignJWT({
      role: principal.role,
      scp: principal.scopes,
      chn: principal.channel,
      ...(principal.client ? { cln: principal.client.name, clv: principal.client.version } : {}),
    })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setIssuer(INTERNAL_TOKEN_ISSUER)
      .setAudience(internalAudience(subgraph))
      .setSubject(principal.subject ?? 'anonymous')
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(key);
    if (cache.size >= MAX_CACHED_TOKENS) cache.clear();
    cache.set(cacheKey, { token, renewAt: now + (ttlSeconds * 1000) / 2 });
    return token;
  };
}

export type InternalTokenVerifier = (token: string) => Promise<Principal>;

/** Throws on any invalid token; callers turn that into UNAUTHENTICATED without saying why. */
export function createInternalTokenVerifier(publicKeyPem: string, subgraph: string): InternalTokenVerifier {
  const key: KeyObject = createPublicKey(publicKeyPem);
  return async (token) => {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      issuer: INTERNAL_TOKEN_ISSUER,
      audience: internalAudience(subgraph),
      requiredClaims: ['exp', 'iat', 'sub'],
      maxTokenAge: `${DEFAULT_TTL_SECONDS * 5}s`,
    });
    const role = payload['role'];
    const channel = payload['chn'];
    const scopes = payload['scp'];
    if (!ROLES.includes(role as Role)) throw new Error('invalid role claim');
    if (!CHANNELS.includes(channel as Channel)) throw new Error('invalid channel claim');
    if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string')) throw new Error('invalid scope claim');
    const clientName = payload['cln'];
    const clientVersion = payload['clv'];
    return {
      role: role as Role,
      subject: role === 'anonymous' ? null : (payload.sub as string),
      scopes: scopes as string[],
      channel: channel as Channel,
      client: typeof clientName === 'string' ? { name: clientName, version: typeof clientVersion === 'string' ? clientVersion : '' } : null,
    };
  };
}
