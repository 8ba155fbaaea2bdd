/**
 * A development OpenID Connect identity provider: discovery document, JWKS, and a token endpoint for
 * the demo users (password grant with the password "demo", development only). Tokens are RS256 JWTs
 * with iss, aud, sub, exp, a `role` claim, and the client they were issued to (`azp` and `client_id`),
 * as the gateway expects of a real provider. The token endpoint takes the OAuth `client_id` and issues a
 * token only for a client the user's role signs in with (demo-users.ts: DEMO_CLIENTS), by default the
 * role's first one.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createLogger } from '../../contracts/lib/logger.ts';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { DatasetOptions } from '../legacy/common/dataset.ts';
import { clientFor, findUser, demoUsers, type DemoUser } from './demo-users.ts';

export const IDP_DEFAULTS = Object.freeze({ audience: 'passerelle', tokenTtlSeconds: 3600, demoPassword: 'demo' });
const SCOPES: Record<DemoUser['role'], string> = {
  customer: 'openid profile account:read account:write',
  partner: 'openid profile catalog:partner orders:partner',
  agent: 'openid profile customers:read customers:write',
};

export interface IdentityProvider {
  issuer: string;
  jwksUrl: string;
  audience: string;
  users: DemoUser[];
  /**
   * Signs a token for a user spec ("customer", "partner:P002"...), issued to `client` (default: the role's
   * own, see DEMO_CLIENTS). Unlike the token endpoint it signs for any client name, even one the role never
   * signs in with (tests of what the gateway makes of such tokens); `client: null` leaves the client
   * claims out. The other overrides are for tests of bad tokens.
   */
  tokenFor(spec: string, overrides?: TokenOverrides): Promise<string>;
  close(): Promise<void>;
}

export interface TokenOverrides { expiresIn?: string | number; audience?: string; issuer?: string; client?: string | null }

function send(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(value));
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req) { text += chunk; if (text.length > 10_000) break; }
  return new URLSearchParams(text);
}

export async function startIdentityProvider(options: { port?: number; dataset?: Partial<DatasetOptions> } = {}): Promise<IdentityProvider> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const kid = `dev-${Date.now().toString(36)}`;
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  let issuer = '';

  const sign = (user: DemoUser, o: TokenOverrides = {}) => {
    const client = o.client === undefined ? clientFor(user.role) : o.client;
    return new SignJWT({
      role: user.role, scope: SCOPES[user.role], name: user.name, preferred_username: user.username,
      ...(client ? { azp: client, client_id: client } : {}),
    })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(o.issuer ?? issuer)
      .setAudience(o.audience ?? IDP_DEFAULTS.audience)
      .setSubject(user.subject)
      .setIssuedAt()
      .setJti(crypto.randomUUID())
      .setExpirationTime(o.expiresIn ?? `${IDP_DEFAULTS.tokenTtlSeconds}s`)
      .sign(privateKey as CryptoKey);
  };

  const log = createLogger('identity');
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/.well-known/openid-configuration') {
      return send(res, 200, {
        issuer, jwks_uri: `${issuer}/jwks.json`, token_endpoint: `${issuer}/token`,
        grant_types_supported: ['password'], id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['token'], subject_types_supported: ['public'],
      });
    }
    if (req.method === 'GET' && path === '/jwks.json') return send(res, 200, { keys: [jwk] });
    if (req.method === 'GET' && path === '/users') return send(res, 200, { users: demoUsers(options.dataset) });
    if (req.method === 'POST' && path === '/token') {
      const form = await readForm(req);
      if (form.get('grant_type') !== 'password') return send(res, 400, { error: 'unsupported_grant_type' });
      const user = findUser(form.get('username') ?? '', options.dataset);
      if (!user || form.get('password') !== IDP_DEFAULTS.demoPassword) { log.info({ error: 'invalid_grant' }, 'token refused'); return send(res, 400, { error: 'invalid_grant' }); }
      // OAuth's client_id: a user signs in only through the clients of their role.
      const client = clientFor(user.role, form.get('client_id') ?? undefined);
      if (!client) { log.info({ error: 'unauthorized_client', role: user.role }, 'token refused'); return send(res, 400, { error: 'unauthorized_client' }); }
      log.info({ role: user.role, client }, 'token issued');
      return send(res, 200, { access_token: await sign(user, { client }), token_type: 'Bearer', expires_in: IDP_DEFAULTS.tokenTtlSeconds });
    }
    send(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    jwksUrl: `${issuer}/jwks.json`,
    audience: IDP_DEFAULTS.audience,
    users: demoUsers(options.dataset),
    async tokenFor(spec, overrides) {
      const user = findUser(spec, options.dataset);
      if (!user) throw new Error(`no demo user "${spec}"`);
      return sign(user, overrides);
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
