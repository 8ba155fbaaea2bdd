/**
 * The gateway's configuration, validated once into a frozen, typed object. Unknown keys are refused,
 * so a typo never silently falls back to a default. Every limit has a name and a default here.
 */
import { z } from 'zod';
import { compileRange } from './authentication/client-versions.ts';
import { CHANNELS, CLIENT_KINDS, PUBLIC_CHANNELS, ROLES, type Channel } from '../contracts/principal.ts';
import { isRedisUrl } from '../contracts/lib/redis-connection.ts';
import { RESPONSE_STORE_DEFAULTS } from './cache/response-store.ts';
import { isOriginPattern } from './http/cors.ts';
import { limitsConfigSchema } from './limits/limits-config.ts';
import { persistedConfigSchema } from './persisted/persisted-config.ts';
import { deadlinesConfigSchema } from './deadlines/deadline-config.ts';
import { loadSheddingConfigSchema } from './load-shedding/load-shedding-config.ts';
import { explorerConfigSchema, graphiqlEnabled } from './explorer/explorer-config.ts';
import { isLoopbackUrl, mediaConfigSchema, resolveMediaUpstream } from './media/media-config.ts';
import { usageConfigSchema } from './usage/usage-config.ts';

export const GATEWAY_DEFAULTS = Object.freeze({
  host: '127.0.0.1',
  port: 4000,
  /** The admin listener (detailed readiness, metrics, cache purge): loopback only unless configured. */
  adminHost: '127.0.0.1',
  /** Its port; when the public port is 0 (ephemeral, tests) the admin port defaults to 0 too. */
  adminPort: 4300,
  /** Request bodies above this are refused with 413 PAYLOAD_TOO_LARGE. */
  maxBodyBytes: 2 * 1024 * 1024,
  /** Per subgraph fetch, connection included. */
  subgraphTimeoutMs: 10_000,
  /** On SIGTERM, in-flight requests get this long to finish before connections are cut. */
  shutdownGraceMs: 10_000,
  /**
   * On SIGTERM in production, `/ready` answers 503 this long while everything is still served, before
   * the listener closes: a load balancer probing every few seconds stops sending first (0 elsewhere).
   */
  productionNotReadyMs: 5_000,
  internalTokenTtlSeconds: 60,
  jwtAlgorithms: ['RS256', 'ES256'] as string[],
  /** How long a fetched JWKS is trusted before it is fetched again. */
  jwksCacheMaxAgeMs: 10 * 60_000,
  /**
   * Browser origins allowed by default in development (none in production): a page served on loopback,
   * on any port (a dev server such as Vite's http://localhost:5173).
   */
  developmentCorsOrigins: ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*'] as readonly string[],
  /** How long a browser may reuse a CORS preflight answer. */
  corsMaxAgeSeconds: 600,
  /** How long past its max age a cached response is kept, to be served stale when a back end fails. */
  staleIfErrorSeconds: 300,
  registryPollIntervalMs: 5_000,
  lastGoodSupergraphFile: '.passerelle/gateway/last-good-supergraph.json',
});

const channel = z.enum(CHANNELS);
const isPublicChannel = (c: Channel): boolean => (PUBLIC_CHANNELS as readonly Channel[]).includes(c);

const authSchema = z.strictObject({
  issuer: z.string().min(1),
  audience: z.string().min(1),
  jwksUrl: z.url().optional(),
  jwksFile: z.string().min(1).optional(),
  algorithms: z.array(z.enum(['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'])).min(1).default(GATEWAY_DEFAULTS.jwtAlgorithms as ['RS256']),
  /** The claim that carries the role (customer, partner, agent). */
  roleClaim: z.string().min(1).default('role'),
  jwksCacheMaxAgeMs: z.number().int().positive().default(GATEWAY_DEFAULTS.jwksCacheMaxAgeMs),
}).refine((a) => Boolean(a.jwksUrl) !== Boolean(a.jwksFile), { message: 'auth needs exactly one of jwksUrl or jwksFile' });

export const gatewayConfigSchema = z.strictObject({
  host: z.string().default(GATEWAY_DEFAULTS.host),
  port: z.number().int().min(0).max(65_535).default(GATEWAY_DEFAULTS.port),
  /**
   * The admin listener, on its own port: GET /ready with the schema details, GET /metrics, POST
   * /admin/cache/purge. The public port answers only /health and a bare /ready.
   */
  admin: z.strictObject({
    host: z.string().min(1).default(GATEWAY_DEFAULTS.adminHost),
    /** 0: ephemeral. Absent: GATEWAY_DEFAULTS.adminPort, or 0 when the public port is 0. */
    port: z.number().int().min(0).max(65_535).optional(),
  }).default({ host: GATEWAY_DEFAULTS.adminHost }),
  production: z.boolean().default(false),
  /** A supergraph file, served as it is... */
  supergraphFile: z.string().min(1).optional(),
  /** ...or the schema registry, followed without restarts (new versions hot-swapped). */
  registry: z.strictObject({
    url: z.url(),
    /** A reader credential of the registry. */
    token: z.string().min(1).optional(),
    /** Polling period; with cache.redisUrl, new versions are also announced through Redis pub/sub. */
    pollIntervalMs: z.number().int().min(100).default(GATEWAY_DEFAULTS.registryPollIntervalMs),
    /** Where the last supergraph served is kept, to start on it while the registry is down. */
    lastGoodFile: z.string().min(1).default(GATEWAY_DEFAULTS.lastGoodSupergraphFile),
    /** Follow the registry to a lower supergraph version or another store (after a deliberate restore); never by default. */
    allowDowngrade: z.boolean().default(false),
  }).optional(),
  /** Overrides of the routing URLs written in the supergraph, by subgraph name. */
  subgraphUrls: z.record(z.string(), z.url()).default({}),
  subgraphTimeoutMs: z.number().int().positive().default(GATEWAY_DEFAULTS.subgraphTimeoutMs),
  /** Per channel, how long a request may take end to end (gateway/deadlines/deadline-config.ts). */
  deadlines: deadlinesConfigSchema,
  /** When new requests are refused at once with 503 OVERLOADED (gateway/load-shedding/). */
  loadShedding: loadSheddingConfigSchema,
  maxBodyBytes: z.number().int().positive().default(GATEWAY_DEFAULTS.maxBodyBytes),
  shutdownGraceMs: z.number().int().nonnegative().default(GATEWAY_DEFAULTS.shutdownGraceMs),
  /** How long `/ready` says 503 before the drain starts (default: productionNotReadyMs in production, else 0). */
  shutdownNotReadyMs: z.number().int().nonnegative().max(300_000).optional(),
  /** Without auth, every request is anonymous and any bearer token is refused. */
  auth: authSchema.optional(),
  internalToken: z.strictObject({
    /** PKCS#8 PEM of the Ed25519 key that signs internal tokens; generated per process when absent. */
    privateKeyPem: z.string().min(1).optional(),
    ttlSeconds: z.number().int().min(5).max(3600).default(GATEWAY_DEFAULTS.internalTokenTtlSeconds),
  }).default({ ttlSeconds: GATEWAY_DEFAULTS.internalTokenTtlSeconds }),
  /**
   * Registered clients, by name (a token's `azp`/`client_id`, or `apollographql-client-name`): the channel
   * each belongs to, its kind (authentication/client-identity.ts: a `public` app may name itself by header, a
   * `confidential` client is known by the tokens issued to it only; default: public on mobile and web,
   * confidential elsewhere, where public is refused), the roles it serves (absent: any) and, optionally,
   * the versions accepted (syntax in authentication/client-versions.ts; absent: any version). In production only
   * registered clients are served.
   */
  clients: z.record(z.string(), z.strictObject({
    channel,
    kind: z.enum(CLIENT_KINDS).optional(),
    roles: z.array(z.enum(ROLES)).min(1).optional(),
    versions: z.array(z.string().refine((r) => compileRange(r) !== null, { message: 'not a version range (e.g. "2.x", ">=2.1.0")' })).min(1).optional(),
  }).transform((c) => ({ ...c, kind: c.kind ?? (isPublicChannel(c.channel) ? 'public' as const : 'confidential' as const) }))
    .refine((c) => c.kind === 'confidential' || isPublicChannel(c.channel), { message: 'a public client (one that names itself by header) may only be on the mobile or web channel', path: ['kind'] }))
    .default({}),
  /** Channel of requests from clients that are not registered (development only; production refuses them): a public one. */
  defaultChannel: z.enum(PUBLIC_CHANNELS).default('web'),
  authorization: z.strictObject({
    /**
     * Channels where an operation asking for any field the principal may not see is refused whole (401/403);
     * elsewhere such fields are removed and answered null with a coded error.
     */
    rejectOnChannels: z.array(channel).default([]),
  }).default({ rejectOnChannels: [] }),
  /** Operation limits per channel (gateway/limits/limits-config.ts): resolved to a full set per channel. */
  limits: limitsConfigSchema,
  /** Persisted operation manifests and, per channel, which operations are accepted (gateway/persisted/persisted-config.ts). */
  persistedOperations: persistedConfigSchema,
  /**
   * Browser origins allowed to read answers (http/cors.ts): exact `scheme://host[:port]`, or `scheme://host:*`
   * for any port. Absent: none in production, GATEWAY_DEFAULTS.developmentCorsOrigins in development.
   */
  cors: z.strictObject({
    allowedOrigins: z.array(z.string().refine(isOriginPattern, { message: 'not an origin (scheme://host[:port] or scheme://host:*, no path)' })).optional(),
    allowCredentials: z.boolean().default(false),
    maxAgeSeconds: z.number().int().min(0).max(86_400).default(GATEWAY_DEFAULTS.corsMaxAgeSeconds),
  }).default({ allowCredentials: false, maxAgeSeconds: GATEWAY_DEFAULTS.corsMaxAgeSeconds }),
  cache: z.strictObject({
    /** redis://, rediss://, redis-sentinel:// or redis-cluster:// (contracts/lib/redis-connection.ts); without it the gateway caches in memory (one process only). */
    redisUrl: z.string().refine(isRedisUrl, { message: 'not a Redis URL (redis://, rediss://, redis-sentinel://host:port,.../<master-name>, redis-cluster://host:port,...)' }).optional(),
    keyPrefix: z.string().default('passerelle:'),
    /** The whole-response cache (queries whose subgraphs all allow caching, never with errors). */
    responses: z.boolean().default(true),
    /** How long past its max age an entry is kept, to be served (marked stale) when a back end fails. */
    staleIfErrorSeconds: z.number().int().nonnegative().default(GATEWAY_DEFAULTS.staleIfErrorSeconds),
    /** Secret of POST /admin/cache/purge (Bearer); without it the endpoint is off. */
    purgeSecret: z.string().min(16).optional(),
    /** Byte budget of the in-memory response store (least recently used entries go first). */
    memoryBytes: z.number().int().positive().default(RESPONSE_STORE_DEFAULTS.memoryBytes),
    /** Responses larger than this are served but never cached (memory and Redis). */
    maxEntryBytes: z.number().int().positive().default(RESPONSE_STORE_DEFAULTS.maxEntryBytes),
    /** How long a mutation waits for its invalidation to reach Redis before answering with it pending. */
    invalidationWaitMs: z.number().int().nonnegative().default(RESPONSE_STORE_DEFAULTS.invalidationWaitMs),
  }).default({ keyPrefix: 'passerelle:', responses: true, staleIfErrorSeconds: GATEWAY_DEFAULTS.staleIfErrorSeconds, ...RESPONSE_STORE_DEFAULTS }),
  /** In-browser explorers (gateway/explorer/explorer-config.ts): the offline GraphiQL at /graphiql. */
  explorer: explorerConfigSchema,
  /** `/media/*`, streamed from the legacy media origin (gateway/media/media-config.ts). */
  media: mediaConfigSchema,
  /** Usage KPIs recorded per client version and operation (gateway/usage/usage-config.ts). */
  usage: usageConfigSchema,
}).refine((c) => Boolean(c.supergraphFile) !== Boolean(c.registry), { message: 'set exactly one supergraph source: supergraphFile or registry', path: ['supergraphFile'] })
  .refine((c) => c.production || !c.media.upstreamUrl || isLoopbackUrl(c.media.upstreamUrl), { message: 'in development the media upstream must be on loopback (127.0.0.1, localhost, [::1])', path: ['media', 'upstreamUrl'] })
  .transform((c) => ({
    ...c,
    admin: { host: c.admin.host, port: c.admin.port ?? (c.port === 0 ? 0 : GATEWAY_DEFAULTS.adminPort) },
    cors: { ...c.cors, allowedOrigins: c.cors.allowedOrigins ?? (c.production ? [] : [...GATEWAY_DEFAULTS.developmentCorsOrigins]) },
    explorer: { graphiql: graphiqlEnabled(c.explorer, c.production) },
    media: { ...c.media, upstreamUrl: resolveMediaUpstream(c.media.upstreamUrl, c.production) },
  }))
  .refine((c) => c.admin.port === 0 || c.admin.port !== c.port, { message: 'the admin listener needs a port of its own', path: ['admin', 'port'] });

export type GatewayConfigInput = z.input<typeof gatewayConfigSchema>;
export type GatewayConfig = Readonly<z.output<typeof gatewayConfigSchema>>;

export class ConfigError extends Error {}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export function loadGatewayConfig(input: GatewayConfigInput): GatewayConfig {
  const parsed = gatewayConfigSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new ConfigError(`Invalid gateway configuration:\n${lines.join('\n')}`);
  }
  return deepFreeze(parsed.data);
}
