/**
 * Redis for tests: REDIS_URL or the local default. Tests that need Redis run whenever it answers; in CI
 * (PASSERELLE_REQUIRE_REDIS=true, set by .ci/run) an unreachable Redis fails them instead of skipping.
 */
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const required = process.env['PASSERELLE_REQUIRE_REDIS'] === 'true';

async function ping(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 500, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** True when the Redis tests should run; throws when Redis is required but does not answer. */
export async function redisForTests(): Promise<boolean> {
  const up = await ping(TEST_REDIS_URL);
  if (!up && required) throw new Error(`Redis is required (PASSERELLE_REQUIRE_REDIS=true) but does not answer at ${TEST_REDIS_URL}`);
  return up;
}

export const redisUp = await redisForTests();
