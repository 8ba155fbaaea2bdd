/**
 * The gateway-to-subgraph identity protocol. The gateway signs the principal into a short-lived JWT
 * (EdDSA, audience = one subgraph) sent in INTERNAL_TOKEN_HEADER; subgraphs hold only the public key,
 * so a subgraph can verify but never mint identities, and a token for one subgraph is refused by another.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { jwtVerify } from 'jose';
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

/**
 * Signs the principal for one subgraph. `budgetMs`, the time left before the request's deadline, makes
 * the token unique to its request (it is signed afresh, with node:crypto's synchronous Ed25519, some
 * tens of microseconds, rather than through WebCrypto on the libuv pool); without it a token is reused.
 */
export type InternalTokenSigner = (principal: Principal, subgraph: string, budgetMs?: number) => Promise<string>;

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const JWS_HEADER = base64url({ alg: ALGORITHM, typ: 'JWT' });

export function createInternalTokenSigner(privateKeyPem: string, ttlSeconds = DEFAULT_TTL_SECONDS): InternalTokenSigner {
  const key: KeyObject = createPrivateKey(privateKeyPem);
  const cache = new Map<string, { token: string; renewAt: number }>();
  const signNow = (principal: Principal, subgraph: string, budgetMs: number | undefined): string => {
    const iat = Math.floor(Date.now() / 1000);
    const payload = base64url({
      role: principal.role,
      scp: principal.scopes,
      chn: principal.channel,
      ...(principal.client ? { cln: principal.client.name, clv: principal.client.version } : {}),
      ...(budgetMs !== undefined ? { bgt: Math.max(0, Math.floor(budgetMs)) } : {}),
      iss: INTERNAL_TOKEN_ISSUER,
      aud: internalAudience(subgraph),
      sub: principal.subject ?? 'anonymous',
      iat,
      exp: iat + ttlSeconds,
    });
    const signature = sign(null, Buffer.from(`${JWS_HEADER}.${payload}`), key).toString('base64url');
    return `${JWS_HEADER}.${payload}.${signature}`;
  };
  return async (principal, subgraph, budgetMs) => {
    if (budgetMs !== undefined) return signNow(principal, subgraph, budgetMs);
    const cacheKey = `${subgraph}\u0000${principal.role}\u0000${principal.subject ?? ''}\u0000${principal.channel}\u0000${principal.scopes.join(' ')}\u0000${principal.client?.name ?? ''}\u0000${principal.client?.version ?? ''}`;
    const now = Date.now();
    const cached = cache.get(cacheKey);
    if (cached && cached.renewAt > now) return cached.token;
    const token = signNow(principal, subgraph, undefined);
    if (cache.size >= MAX_CACHED_TOKENS) cache.clear();
    cache.set(cacheKey, { token, renewAt: now + (ttlSeconds * 1000) / 2 });
    return token;
  };
}

/** What a subgraph learns from a valid token: who calls, and how long it has to answer (when the gateway said). */
export interface InternalCall { principal: Principal; budgetMs?: number }

export type InternalTokenReader = (token: string) => Promise<InternalCall>;

export type InternalTokenVerifier = (token: string) => Promise<Principal>;

/** The principal of a valid token; throws on any invalid one. */
export function createInternalTokenVerifier(publicKeyPem: string, subgraph: string): InternalTokenVerifier {
  const read = createInternalTokenReader(publicKeyPem, subgraph);
  return async (token) => (await read(token)).principal;
}

/** Throws on any invalid token; callers turn that into UNAUTHENTICATED without saying why. */
export function createInternalTokenReader(publicKeyPem: string, subgraph: string): InternalTokenReader {
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
    const budget = payload['bgt'];
    if (budget !== undefined && (typeof budget !== 'number' || !Number.isInteger(budget) || budget < 0)) throw new Error('invalid budget claim');
    const principal: Principal = {
      role: role as Role,
      subject: role === 'anonymous' ? null : (payload.sub as string),
      scopes: scopes as string[],
      channel: channel as Channel,
      client: typeof clientName === 'string' ? { name: clientName, version: typeof clientVersion === 'string' ? clientVersion : '' } : null,
    };
    return budget === undefined ? { principal } : { principal, budgetMs: budget };
  };
}
