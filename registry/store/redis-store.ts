/**
 * The shared store: several registries (and the gateways that follow them) over one Redis.
 *
 *   <prefix>subgraphs            hash: subgraph name -> current version
 *   <prefix>subgraph:<name>      list: every version of one subgraph as JSON, version N at index N-1
 *   <prefix>supergraphs          list: every composed supergraph as JSON
 *   <prefix>clients              hash: client@version -> registered operations
 *   <prefix>lock:publish         the publish lock (redis-lock.ts)
 *   <prefix>identity             the store's identity (store-identity.ts), set once (SET NX)
 *
 * A publish is one MULTI (both lists and the hash, or none), under WATCH of the lists it extends, so
 * that a registry whose lock expired mid-publish fails instead of forking history. On a Redis Cluster
 * <prefix> is a hash tag (`{passerelle:registry:}` by default), so that WATCH and MULTI stay in one slot.
 * Unlike the gateway's cache this store fails closed: a command that fails is an error the API reports,
 * never a guess.
 */
import { closeRedis, createRedisConnection, duplicateRedis, hashTagged, hasHashTag, type RedisClient } from '../../contracts/lib/redis-connection.ts';
import type { ClientOperations, SubgraphVersion, SupergraphVersion } from '../types.ts';
import { checkRedisPersistence, type PersistenceCheck } from './redis-persistence.ts';
import { withRedisLock } from './redis-lock.ts';
import { storeIdentitySchema, type StoreIdentity } from './store-identity.ts';
import { clientKey, StoreConflictError, type PublishRecord, type RegistryStore } from './registry-store.ts';

export const REDIS_STORE_DEFAULTS = Object.freeze({
  keyPrefix: 'passerelle:registry:',
  commandTimeoutMs: 2_000,
  connectTimeoutMs: 2_000,
  maxReconnectDelayMs: 2_000,
});

const parse = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T));

export class RedisRegistryStore implements RegistryStore {
  readonly kind = 'redis';

  private readonly prefix: string;

  /**
   * On a cluster, the prefix becomes a hash tag (unless it has one): a publish's WATCH and MULTI touch
   * several keys, which must share one slot. On one node the names stay as they always were, so that an
   * existing store is found again.
   */
  private constructor(private readonly redis: RedisClient, keyPrefix: string) {
    this.prefix = redis.isCluster && !hasHashTag(keyPrefix) ? hashTagged(keyPrefix) : keyPrefix;
  }

  static async open(url: string, keyPrefix: string = REDIS_STORE_DEFAULTS.keyPrefix): Promise<RedisRegistryStore> {
    const redis = createRedisConnection(url, {
      lazyConnect: true,
      commandTimeoutMs: REDIS_STORE_DEFAULTS.commandTimeoutMs,
      connectTimeoutMs: REDIS_STORE_DEFAULTS.connectTimeoutMs,
      maxReconnectDelayMs: REDIS_STORE_DEFAULTS.maxReconnectDelayMs,
      // Fail fast while Redis is away rather than queue publishes behind a reconnect.
      offlineQueue: false,
      maxRetriesPerRequest: 0,
    });
    redis.on('error', () => {});
    await redis.connect();
    return new RedisRegistryStore(redis, keyPrefix);
  }

  private key(name: string): string {
    return `${this.prefix}${name}`;
  }

  async currentSubgraphs(): Promise<SubgraphVersion[]> {
    const names = (await this.redis.hkeys(this.key('subgraphs'))).sort();
    const values = await Promise.all(names.map((name) => this.redis.lindex(this.key(`subgraph:${name}`), -1)));
    return values.flatMap((v) => (v ? [JSON.parse(v) as SubgraphVersion] : []));
  }

  async history(subgraph: string): Promise<SubgraphVersion[]> {
    return (await this.redis.lrange(this.key(`subgraph:${subgraph}`), 0, -1)).map((v) => JSON.parse(v) as SubgraphVersion);
  }

  async subgraphVersion(subgraph: string, version: number): Promise<SubgraphVersion | null> {
    if (!Number.isInteger(version) || version < 1) return null;
    return parse(await this.redis.lindex(this.key(`subgraph:${subgraph}`), version - 1));
  }

  async currentSupergraph(): Promise<SupergraphVersion | null> {
    return parse(await this.redis.lindex(this.key('supergraphs'), -1));
  }

  async supergraphVersion(version: number): Promise<SupergraphVersion | null> {
    if (!Number.isInteger(version) || version < 1) return null;
    return parse(await this.redis.lindex(this.key('supergraphs'), version - 1));
  }

  async recordPublish({ subgraph, supergraph }: PublishRecord): Promise<void> {
    const subgraphKey = this.key(`subgraph:${subgraph.subgraph}`);
    const supergraphsKey = this.key('supergraphs');
    // WATCH is per connection: a dedicated one, so that no other command interleaves with the transaction.
    const connection = duplicateRedis(this.redis);
    connection.on('error', () => {});
    try {
      await connection.connect();
      await connection.watch(subgraphKey, supergraphsKey);
      const [subgraphCount, supergraphCount] = await Promise.all([connection.llen(subgraphKey), connection.llen(supergraphsKey)]);
      if (subgraph.version !== subgraphCount + 1 || (supergraph && supergraph.version !== supergraphCount + 1)) {
        throw new StoreConflictError('The registry changed while this publish was prepared.');
      }
      const transaction = connection.multi()
        .rpush(subgraphKey, JSON.stringify(subgraph))
        .hset(this.key('subgraphs'), subgraph.subgraph, String(subgraph.version));
      if (supergraph) transaction.rpush(supergraphsKey, JSON.stringify(supergraph));
      const results = await transaction.exec();
      if (results === null) throw new StoreConflictError('Another registry published at the same time.');
      const failed = results.find(([error]) => error);
      if (failed) throw failed[0] as Error;
    } finally {
      connection.disconnect();
    }
  }

  async clientOperations(): Promise<ClientOperations[]> {
    return Object.values(await this.redis.hgetall(this.key('clients'))).map((v) => JSON.parse(v) as ClientOperations);
  }

  async putClientOperations(operations: ClientOperations): Promise<void> {
    await this.redis.hset(this.key('clients'), clientKey(operations.client, operations.clientVersion), JSON.stringify(operations));
  }

  async deleteClientOperations(client: string, clientVersion: string): Promise<boolean> {
    return (await this.redis.hdel(this.key('clients'), clientKey(client, clientVersion))) > 0;
  }

  async identity(): Promise<StoreIdentity | null> {
    const raw = await this.redis.get(this.key('identity'));
    return raw === null ? null : storeIdentitySchema.parse(JSON.parse(raw));
  }

  async claimIdentity(identity: StoreIdentity): Promise<StoreIdentity> {
    await this.redis.set(this.key('identity'), JSON.stringify(identity), 'NX');
    return (await this.identity()) ?? identity;
  }

  /** Whether this Redis keeps what it is told across a restart (redis-persistence.ts). */
  checkPersistence(): Promise<PersistenceCheck> {
    return checkRedisPersistence(this.redis);
  }

  async withPublishLock<T>(fn: () => Promise<T>): Promise<T> {
    return withRedisLock(this.redis, this.key('lock:publish'), fn);
  }

  async close(): Promise<void> {
    await closeRedis(this.redis);
  }
}
