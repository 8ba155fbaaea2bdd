/**
 * The Redis store is the registry's only copy of the schema history: a Redis that forgets it on restart
 * (no persistence) or evicts keys under memory pressure would hand the registry an empty or partial store.
 * Required: AOF (`appendonly yes`) with `appendfsync everysec` or `always`, and `maxmemory-policy
 * noeviction`. Checked at start with CONFIG GET; a Redis that forbids CONFIG (managed services, ACLs)
 * cannot be checked: the registry warns and trusts the operator. On a Redis Cluster every primary is
 * checked: the store lives on one slot, whose primary may change with a failover or a resharding.
 */
import { Cluster, type Redis } from 'ioredis';
import type { RedisClient } from '../../contracts/lib/redis-connection.ts';

export const REQUIRED_REDIS_PERSISTENCE = Object.freeze({
  appendonly: ['yes'],
  appendfsync: ['everysec', 'always'],
  'maxmemory-policy': ['noeviction'],
});

export type PersistenceCheck =
  | { status: 'ok' }
  | { status: 'unsafe'; problems: string[] }
  | { status: 'unknown'; reason: string };

export async function checkRedisPersistence(redis: RedisClient): Promise<PersistenceCheck> {
  if (!(redis instanceof Cluster)) return checkNode(redis, '');
  const primaries = redis.nodes('master');
  if (primaries.length === 0) return { status: 'unknown', reason: 'the cluster has no known primary' };
  const checks = await Promise.all(primaries.map((node) => checkNode(node, `${node.options.host}:${node.options.port}: `)));
  // One unsafe primary is enough to refuse; one that cannot be checked only makes the answer unknown.
  const problems = checks.flatMap((c) => (c.status === 'unsafe' ? c.problems : []));
  if (problems.length > 0) return { status: 'unsafe', problems };
  return checks.find((c) => c.status === 'unknown') ?? { status: 'ok' };
}

async function checkNode(redis: Redis, node: string): Promise<PersistenceCheck> {
  const problems: string[] = [];
  for (const [name, allowed] of Object.entries(REQUIRED_REDIS_PERSISTENCE)) {
    let reply: string[];
    try {
      reply = (await redis.call('CONFIG', 'GET', name)) as string[];
    } catch (error) {
      return { status: 'unknown', reason: `${node}CONFIG GET ${name} failed (${(error as Error).message})` };
    }
    const value = reply[1];
    if (value === undefined) return { status: 'unknown', reason: `${node}CONFIG GET ${name} answered nothing` };
    if (!allowed.includes(value)) problems.push(`${node}${name} is "${value}" (required: ${allowed.join(' or ')})`);
  }
  return problems.length === 0 ? { status: 'ok' } : { status: 'unsafe', problems };
}
