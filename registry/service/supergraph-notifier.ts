/**
 * Tells gateways a new supergraph exists: PUBLISH of a SupergraphNotice on SUPERGRAPH_CHANNEL, whenever
 * Redis is configured (with either store). Fail-open like the gateway's cache: a notice is a hint that
 * saves pollers a round, never a reason to fail a publish that is already recorded.
 */
import { closeRedis, createRedisConnection, type RedisClient } from '../../contracts/lib/redis-connection.ts';
import { SUPERGRAPH_CHANNEL, type SupergraphNotice } from '../types.ts';

export interface SupergraphNotifier {
  notify(notice: SupergraphNotice): Promise<void>;
  close(): Promise<void>;
}

export const NOTIFIER_DEFAULTS = Object.freeze({ commandTimeoutMs: 500, connectTimeoutMs: 1_000, maxReconnectDelayMs: 2_000 });

export class RedisSupergraphNotifier implements SupergraphNotifier {
  private readonly redis: RedisClient;
  /** Notices that could not be sent (Redis away): gateways still find the version by polling. */
  failures = 0;

  constructor(url: string) {
    // PUBLISH reaches every subscriber of a Redis Cluster, whichever node they subscribed on.
    this.redis = createRedisConnection(url, {
      commandTimeoutMs: NOTIFIER_DEFAULTS.commandTimeoutMs,
      connectTimeoutMs: NOTIFIER_DEFAULTS.connectTimeoutMs,
      maxReconnectDelayMs: NOTIFIER_DEFAULTS.maxReconnectDelayMs,
      offlineQueue: false,
      maxRetriesPerRequest: 0,
    });
    this.redis.on('error', () => {});
  }

  async notify(notice: SupergraphNotice): Promise<void> {
    try {
      await this.redis.publish(SUPERGRAPH_CHANNEL, JSON.stringify({ version: notice.version, hash: notice.hash } satisfies SupergraphNotice));
    } catch {
      this.failures += 1;
    }
  }

  async close(): Promise<void> {
    await closeRedis(this.redis);
  }
}
