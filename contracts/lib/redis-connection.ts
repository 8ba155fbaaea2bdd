/**
 * The one way Passerelle connects to Redis, for every deployable (gateway caches, subgraph entity caches,
 * registry store, supergraph notices), so that one URL format selects the topology everywhere:
 *
 *   redis://[user:password@]host:port[/db]          one node (rediss:// with TLS)
 *   redis-sentinel://[user:password@]host:port,host:port/<master-name>[?db=N]
 *                                                   the master named by Sentinel, followed across failovers
 *   redis-cluster://[user:password@]host:port,host:port
 *                                                   a Redis Cluster (the nodes listed are only seeds)
 *
 * Each caller says how it fails: a cache fails fast (short command timeout, nothing queued while Redis is
 * away), the registry store waits longer, the pub/sub subscriber retries forever. Keys of one multi-key
 * command or Lua script must share a hash slot on a cluster: see hashTagged below.
 */
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';

export type RedisClient = Redis | Cluster;

export const REDIS_CONNECTION_DEFAULTS = Object.freeze({
  connectTimeoutMs: 1_000,
  commandTimeoutMs: 1_000,
  maxReconnectDelayMs: 2_000,
});

export interface RedisConnectionOptions {
  keyPrefix?: string;
  commandTimeoutMs?: number | undefined;
  connectTimeoutMs?: number;
  maxReconnectDelayMs?: number;
  /** false (default): a command sent while disconnected fails at once instead of waiting for a reconnect. */
  offlineQueue?: boolean;
  /** 0 (default): a command is not re-sent after a reconnect; null: retried until it succeeds (subscribers). */
  maxRetriesPerRequest?: number | null;
  /** Connect on the first command or on connect() rather than at once. */
  lazyConnect?: boolean;
}

interface HostPort { host: string; port: number }
export type RedisTarget =
  | { kind: 'single'; url: string }
  | { kind: 'sentinel'; sentinels: HostPort[]; masterName: string; username?: string; password?: string; db: number }
  | { kind: 'cluster'; nodes: HostPort[]; username?: string; password?: string };

export class RedisUrlError extends Error {}

const MULTI_HOST_URL = /^(redis-sentinel|redis-cluster):\/\/(?:([^@/]*)@)?([^/?#]+)(?:\/([^?#]*))?(?:\?([^#]*))?$/;

function hostPorts(list: string, url: string): HostPort[] {
  return list.split(',').map((entry) => {
    const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(entry.trim());
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65_535) throw new RedisUrlError(`Redis URL ${redact(url)}: "${entry}" is not host:port`);
    return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
  });
}

function credentials(userinfo: string | undefined): { username?: string; password?: string } {
  if (!userinfo) return {};
  const [user = '', ...rest] = userinfo.split(':');
  const password = rest.join(':');
  return { ...(user ? { username: decodeURIComponent(user) } : {}), ...(password ? { password: decodeURIComponent(password) } : {}) };
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^@/:]*):[^@/]*@/, '//$1:***@');
}

/** What a URL designates; a RedisUrlError names what is wrong (never with its password). */
export function parseRedisUrl(url: string): RedisTarget {
  if (/^rediss?:\/\//.test(url)) {
    if (!URL.canParse(url)) throw new RedisUrlError(`Redis URL ${redact(url)} is not a URL`);
    return { kind: 'single', url };
  }
  const match = MULTI_HOST_URL.exec(url);
  if (!match) throw new RedisUrlError(`Redis URL ${redact(url)}: expected redis://, rediss://, redis-sentinel://host:port,.../<master-name> or redis-cluster://host:port,...`);
  const [, scheme, userinfo, hosts = '', path = '', query = ''] = match;
  const nodes = hostPorts(hosts, url);
  if (scheme === 'redis-cluster') {
    if (path !== '') throw new RedisUrlError(`Redis URL ${redact(url)}: a cluster has no database or name in its path`);
    return { kind: 'cluster', nodes, ...credentials(userinfo) };
  }
  const masterName = decodeURIComponent(path);
  if (!masterName) throw new RedisUrlError(`Redis URL ${redact(url)}: the Sentinel master name is missing (redis-sentinel://host:port,.../<master-name>)`);
  const db = Number(new URLSearchParams(query).get('db') ?? 0);
  if (!Number.isInteger(db) || db < 0) throw new RedisUrlError(`Redis URL ${redact(url)}: db must be a non-negative integer`);
  return { kind: 'sentinel', sentinels: nodes, masterName, db, ...credentials(userinfo) };
}

export function isRedisUrl(url: string): boolean {
  try { parseRedisUrl(url); return true; } catch { return false; }
}

/** A client for the URL (not yet connected when lazyConnect); errors are left to the caller's 'error' listener. */
export function createRedisConnection(url: string, options: RedisConnectionOptions = {}): RedisClient {
  const target = parseRedisUrl(url);
  const maxDelay = options.maxReconnectDelayMs ?? REDIS_CONNECTION_DEFAULTS.maxReconnectDelayMs;
  const retry = (attempt: number): number => Math.min(attempt * 100, maxDelay);
  const common: RedisOptions = {
    ...(options.keyPrefix ? { keyPrefix: options.keyPrefix } : {}),
    ...(options.commandTimeoutMs !== undefined ? { commandTimeout: options.commandTimeoutMs } : {}),
    connectTimeout: options.connectTimeoutMs ?? REDIS_CONNECTION_DEFAULTS.connectTimeoutMs,
    enableOfflineQueue: options.offlineQueue ?? false,
    maxRetriesPerRequest: options.maxRetriesPerRequest === undefined ? 0 : options.maxRetriesPerRequest,
    enableReadyCheck: true,
    lazyConnect: options.lazyConnect ?? false,
    retryStrategy: retry,
  };
  if (target.kind === 'single') return new Redis(url, common);
  const auth = { ...(target.username ? { username: target.username } : {}), ...(target.password ? { password: target.password } : {}) };
  if (target.kind === 'sentinel') {
    return new Redis({ ...common, ...auth, sentinels: target.sentinels, name: target.masterName, db: target.db, sentinelRetryStrategy: retry });
  }
  const clusterOptions: ClusterOptions = {
    ...(options.keyPrefix ? { keyPrefix: options.keyPrefix } : {}),
    enableOfflineQueue: common.enableOfflineQueue,
    enableReadyCheck: true,
    lazyConnect: common.lazyConnect,
    clusterRetryStrategy: retry,
    // Node options: the cluster itself handles keyPrefix, the queue and reconnection at its level.
    redisOptions: { ...auth, connectTimeout: common.connectTimeout, maxRetriesPerRequest: common.maxRetriesPerRequest, ...(common.commandTimeout !== undefined ? { commandTimeout: common.commandTimeout } : {}) },
  };
  return new Cluster(target.nodes, clusterOptions);
}

/**
 * `{tag}` makes Redis Cluster place every key containing it in one hash slot (the first `{...}` of a
 * key decides), so that one Lua script, MULTI or multi-key command may touch them all. On one node it
 * is just part of the name. Braces inside the tag would end it early: they are replaced.
 */
export function hashTagged(tag: string): string {
  return `{${tag.replace(/[{}]/g, '_')}}`;
}

/** Whether Redis Cluster would hash `key` by a tag: its first `{` followed, later, by a `}` with something between. */
export function hasHashTag(key: string): boolean {
  const open = key.indexOf('{');
  return open >= 0 && key.indexOf('}', open + 1) > open + 1;
}

/** A new connection with the same settings (for WATCH, which belongs to one connection). */
export function duplicateRedis(client: RedisClient): RedisClient {
  return client instanceof Cluster ? client.duplicate() : client.duplicate();
}

/** Closes politely (QUIT), or at once if Redis does not answer. */
export async function closeRedis(client: RedisClient): Promise<void> {
  try { await client.quit(); } catch { client.disconnect(); }
}
