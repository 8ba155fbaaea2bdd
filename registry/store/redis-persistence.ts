/**
 * The Redis store is the registry's only copy of the schema history: a Redis that forgets it on restart
 * (no persistence) or evicts keys under memory pressure would hand the registry an empty or partial store.
 * Required: AOF (`appendonly yes`) with `appendfsync everysec` or `always`, and `maxmemory-policy
 * noeviction`. Checked at start with CONFIG GET; a Redis that forbids CONFIG (managed services, ACLs)
 * cannot be checked: the registry warns and trusts the operator.
 */
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
  const problems: string[] = [];
  for (const [name, allowed] of Object.entries(REQUIRED_REDIS_PERSISTENCE)) {
    let reply: string[];
    try {
      reply = (await redis.call('CONFIG', 'GET', name)) as string[];
    } catch (error) {
      return { status: 'unknown', reason: `CONFIG GET ${name} failed (${(error as Error).message})` };
    }
    const value = reply[1];
    if (value === undefined) return { status: 'unknown', reason: `CONFIG GET ${name} answered nothing` };
    if (!allowed.includes(value)) problems.push(`${name} is "${value}" (required: ${allowed.join(' or ')})`);
  }
  return problems.length === 0 ? { status: 'ok' } : { status: 'unsafe', problems };
}
