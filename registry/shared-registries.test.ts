/**
 * Several registries (and gateways) over one Redis: the Redis store shares the history, and every new
 * supergraph is announced on SUPERGRAPH_CHANNEL, with either store.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisUp, TEST_REDIS_URL } from '../test/support/redis.ts';
import { catalogWithField, startTestRegistry, type TestRegistry } from './registry-test-support.ts';
import { SUPERGRAPH_CHANNEL, type SupergraphNotice } from './types.ts';

describe.skipIf(!redisUp)('registries sharing Redis', () => {
  const prefix = `passerelle-test:registry:${randomBytes(6).toString('hex')}:`;
  const notices: SupergraphNotice[] = [];
  let subscriber: Redis;
  let first: TestRegistry;
  let second: TestRegistry;

  beforeAll(async () => {
    subscriber = new Redis(TEST_REDIS_URL);
    subscriber.on('message', (channel: string, message: string) => { if (channel === SUPERGRAPH_CHANNEL) notices.push(JSON.parse(message)); });
    await subscriber.subscribe(SUPERGRAPH_CHANNEL);
    first = await startTestRegistry({ store: 'redis', redisUrl: TEST_REDIS_URL, redisKeyPrefix: prefix });
    // The second one is started on the same store: it finds it seeded and seeds nothing.
    second = await startTestRegistry({ store: 'redis', redisUrl: TEST_REDIS_URL, redisKeyPrefix: prefix, seed: 'if-empty' });
  });

  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    const keys = await subscriber.keys(`${prefix}*`).catch(() => []);
    subscriber.disconnect();
    const cleaner = new Redis(TEST_REDIS_URL);
    if (keys.length > 0) await cleaner.del(...keys);
    cleaner.disconnect();
  });

  const waitForNotice = async (hash: string) => {
    for (let i = 0; i < 50 && !notices.some((n) => n.hash === hash); i++) await new Promise((r) => setTimeout(r, 20));
    return notices.find((n) => n.hash === hash);
  };

  it('announces each new supergraph with its version and hash', async () => {
    expect(second.registry.seeded).toEqual([]);
    const seeded = await first.api('GET', '/supergraph', first.tokens.reader);
    expect(await waitForNotice(seeded.body.hash)).toEqual({ version: 5, hash: seeded.body.hash });
  });

  it('shares one history: a publish on one registry is served by the other, docs included', async () => {
    const published = await first.api('POST', '/subgraphs/catalog/publish', first.tokens.catalogOwner, { sdl: catalogWithField('ribbon') });
    expect(published.status).toBe(201);
    const { version, hash } = published.body.supergraph;
    expect(await waitForNotice(hash)).toEqual({ version, hash });
    const seen = await second.api('GET', '/supergraph', second.tokens.reader);
    expect(seen.body).toMatchObject({ version, hash });
    expect((await second.api('GET', '/subgraphs/catalog/history', second.tokens.reader)).body.versions).toHaveLength(2);
    expect((await second.api('GET', '/docs', second.tokens.reader)).body).toMatch(/ribbon/);
    // And the second registry publishes after it, never over it.
    const next = await second.api('POST', '/subgraphs/catalog/publish', second.tokens.catalogOwner, { sdl: catalogWithField('rosette') });
    expect(next.body.subgraph.version).toBe(3);
  });

  it('announces supergraphs of a file-store registry too, when Redis is configured', async () => {
    const fileRegistry = await startTestRegistry({ redisUrl: TEST_REDIS_URL });
    try {
      const published = await fileRegistry.api('POST', '/subgraphs/catalog/publish', fileRegistry.tokens.catalogOwner, { sdl: catalogWithField('badge') });
      expect(published.status).toBe(201);
      expect(await waitForNotice(published.body.supergraph.hash)).toEqual({ version: 6, hash: published.body.supergraph.hash });
    } finally {
      await fileRegistry.stop();
    }
  });
});
