/**
 * One contract, two databases: the usage store on embedded PGlite (in memory) and on a real PostgreSQL
 * (skipped locally when none answers, required in CI) must answer the same.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { postgresUp, scratchSchema } from '../../test/support/postgres.ts';
import { openUsageStore } from './open-usage-store.ts';
import type { SqlUsageStore } from './sql-usage-store.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './usage-sql.ts';
import type { UsageMinute } from './usage-report.ts';

const T0 = Date.UTC(2026, 10, 2, 10, 0);
const minute = (over: Partial<UsageMinute>): UsageMinute => ({
  client: 'passerelle-mobile', clientVersion: '1.4', minute: T0, operationName: 'Catalogue', operationHash: 'h1',
  requests: 10, errors: 1, durationMsSum: 200, durationBuckets: [0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 1, 0], fields: { 'Query.products': 10, 'Product.name': 10 }, ...over,
});

const backends: [string, boolean, () => Promise<{ store: SqlUsageStore; done(): Promise<void> }>][] = [
  ['PGlite (in memory)', true, async () => {
    const store = await openUsageStore({ dataDir: 'private-memory', retention: { minuteDays: 2, hourDays: 35, dayDays: 400 } });
    return { store, done: () => store.close() };
  }],
  ['PostgreSQL', postgresUp, async () => {
    const schema = await scratchSchema();
    const store = await openUsageStore({ databaseUrl: schema.url, retention: { minuteDays: 2, hourDays: 35, dayDays: 400 } });
    return { store, done: async () => { await store.close(); await schema.drop(); } };
  }],
];

describe.each(backends)('the usage store on %s', (_name, available, open) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => { for (const c of cleanups.splice(0)) await c(); });
  const fresh = async () => { const { store, done } = await open(); cleanups.push(done); return store; };

  it.runIf(available)('adds up the same minute flushed by two replicas (UPSERT), and reports requests, errors, p95 and last seen', async () => {
    const store = await fresh();
    await store.record([minute({})]);
    await store.record([minute({}), minute({ minute: T0 + MINUTE_MS + 5_000, requests: 20, errors: 0, durationBuckets: [20], fields: { 'Query.products': 5 } })]);
    const [op] = await store.operations({ since: T0 - HOUR_MS });
    expect(op).toEqual({ client: 'passerelle-mobile', clientVersion: '1.4', operationName: 'Catalogue', operationHash: 'h1',
      requests: 40, errors: 2, errorRate: 2 / 40, p95Ms: 25, lastSeen: T0 + MINUTE_MS });
    const fields = await store.fieldUsage(['Product.name', 'Query.products', 'Query.nobody'], { since: T0 - HOUR_MS });
    expect(fields.map((f) => [f.coordinate, f.requests, f.lastSeen, f.operationName])).toEqual([
      ['Product.name', 20, T0, 'Catalogue'], ['Query.products', 25, T0 + MINUTE_MS, 'Catalogue']]);
  });

  it.runIf(available)('filters by client and by time, and orders operations by requests', async () => {
    const store = await fresh();
    await store.record([minute({}), minute({ client: 'web', clientVersion: '2.0', operationHash: 'h2', operationName: null, requests: 50, minute: T0 + 2 * HOUR_MS })]);
    expect((await store.operations({ since: 0 })).map((o) => o.client)).toEqual(['web', 'passerelle-mobile']);
    expect((await store.operations({ since: 0, client: 'passerelle-mobile' })).map((o) => o.requests)).toEqual([10]);
    expect((await store.operations({ since: T0 + HOUR_MS })).map((o) => o.client)).toEqual(['web']);
    expect(await store.fieldUsage(['Product.name'], { since: 0, client: 'web' })).toHaveLength(1);
  });

  it.runIf(available)('rolls minutes up to hours and hours up to days, keeping the totals, then deletes past the last window', async () => {
    const store = await fresh();
    await store.record([minute({}), minute({ minute: T0 + 5 * MINUTE_MS }), minute({ minute: T0 + HOUR_MS })]);
    const sizeOf = async () => Object.fromEntries((await store.size()).map((s) => [`${s.table}@${s.bucketMs}`, s.rows]));
    expect(await sizeOf()).toEqual({ [`usage_operations@${MINUTE_MS}`]: 3, [`usage_fields@${MINUTE_MS}`]: 6 });

    expect(await store.applyRetention(T0 + 3 * DAY_MS)).toBe(9);
    expect(await sizeOf()).toEqual({ [`usage_operations@${HOUR_MS}`]: 2, [`usage_fields@${HOUR_MS}`]: 4 });
    const total = async () => (await store.operations({ since: 0 }))[0]?.requests;
    expect(await total()).toBe(30);
    expect((await store.fieldUsage(['Product.name'], { since: 0 }))[0]?.lastSeen).toBe(T0 + HOUR_MS);

    await store.applyRetention(T0 + 40 * DAY_MS);
    expect(await sizeOf()).toEqual({ [`usage_operations@${DAY_MS}`]: 1, [`usage_fields@${DAY_MS}`]: 2 });
    expect(await total()).toBe(30);

    await store.applyRetention(T0 + 401 * DAY_MS);
    expect(await sizeOf()).toEqual({});
  });

  it.runIf(available)('migrates once: opening the same database again keeps its rows', async () => {
    const store = await fresh();
    await store.record([minute({})]);
    const { migrateUsage } = await import('./sql-usage-store.ts');
    await migrateUsage(store.db);
    expect((await store.operations({ since: 0 }))[0]?.requests).toBe(10);
  });
});
