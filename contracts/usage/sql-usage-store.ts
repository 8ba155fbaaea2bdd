/**
 * UsageStore over SQL (usage-sql.ts), the same on PostgreSQL and PGlite: migrations at open, additive
 * UPSERTs (replicas flushing the same minute add up), reads that span minute, hourly and daily rows,
 * retention that rolls minutes up to hours and hours up to days before anything is deleted.
 */
import { DAY_MS, DURATION_COLUMNS, FIELD_COLUMNS, HOUR_MS, MIGRATION_LOCK, MIGRATIONS_TABLE, MINUTE_MS, OPERATION_COLUMNS,
  rollupStatements, SELECT_FIELD_USAGE, SELECT_OPERATIONS, UPSERT_FIELD_TAIL, UPSERT_OPERATION_TAIL, USAGE_MIGRATIONS, valuesPlaceholders } from './usage-sql.ts';
import { USAGE_DURATION_BUCKETS_MS, type FieldUsage, type OperationUsage, type UsageMinute, type UsageQuery, type UsageStore } from './usage-report.ts';
import { USAGE_RETENTION_DEFAULTS, type UsageRetention } from './usage-retention.ts';
import type { SqlDatabase } from './sql-database.ts';

/** Below PostgreSQL's 65,535 parameters per statement. */
const MAX_PARAMS = 30_000;

export async function migrateUsage(db: SqlDatabase): Promise<void> {
  await db.query(MIGRATIONS_TABLE);
  await db.transaction(async (tx) => {
    await tx.query(MIGRATION_LOCK);
    const done = new Set((await tx.query('SELECT version FROM usage_schema_migrations')).rows.map((r) => Number(r['version'])));
    for (const [index, sql] of USAGE_MIGRATIONS.entries()) {
      if (done.has(index + 1)) continue;
      for (const statement of sql.split(';').map((s) => s.trim()).filter(Boolean)) await tx.query(statement);
      await tx.query('INSERT INTO usage_schema_migrations (version, applied_at) VALUES ($1, $2)', [index + 1, Date.now()]);
    }
  });
}

/** The upper bound of the histogram bucket holding the 95th percentile (the largest bound when above it). */
export function p95FromBuckets(buckets: readonly number[]): number {
  const total = buckets.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  const target = Math.ceil(total * 0.95);
  let seen = 0;
  for (const [i, count] of buckets.entries()) {
    seen += count;
    if (seen >= target) return USAGE_DURATION_BUCKETS_MS[Math.min(i, USAGE_DURATION_BUCKETS_MS.length - 1)]!;
  }
  return USAGE_DURATION_BUCKETS_MS.at(-1)!;
}

async function insertChunked(db: SqlDatabase, table: string, columns: readonly string[], tail: string, rows: unknown[][]): Promise<void> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    await db.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${valuesPlaceholders(chunk.length, columns.length)} ${tail}`, chunk.flat());
  }
}

export class SqlUsageStore implements UsageStore {
  constructor(readonly db: SqlDatabase, private readonly retention: UsageRetention = USAGE_RETENTION_DEFAULTS) {}

  async record(minutes: readonly UsageMinute[]): Promise<void> {
    // One statement may not touch a row twice: same keys are added up here first.
    const operations = new Map<string, unknown[]>();
    const fields = new Map<string, unknown[]>();
    for (const m of minutes) {
      const start = Math.floor(m.minute / MINUTE_MS) * MINUTE_MS;
      const key = JSON.stringify([start, m.client, m.clientVersion, m.operationHash]);
      const buckets = DURATION_COLUMNS.map((_, i) => m.durationBuckets[i] ?? 0);
      const row = operations.get(key);
      if (row) {
        row[6] = (row[6] as number) + m.requests; row[7] = (row[7] as number) + m.errors; row[8] = (row[8] as number) + m.durationMsSum;
        buckets.forEach((b, i) => { row[9 + i] = (row[9 + i] as number) + b; });
      } else {
        operations.set(key, [MINUTE_MS, start, m.client, m.clientVersion, m.operationHash, m.operationName, m.requests, m.errors, m.durationMsSum, ...buckets, start]);
      }
      for (const [coordinate, requests] of Object.entries(m.fields)) {
        const fieldKey = `${key}${coordinate}`;
        const existing = fields.get(fieldKey);
        if (existing) existing[6] = (existing[6] as number) + requests;
        else fields.set(fieldKey, [MINUTE_MS, start, m.client, m.clientVersion, m.operationHash, coordinate, requests, start]);
      }
    }
    await insertChunked(this.db, 'usage_operations', OPERATION_COLUMNS, UPSERT_OPERATION_TAIL, [...operations.values()]);
    await insertChunked(this.db, 'usage_fields', FIELD_COLUMNS, UPSERT_FIELD_TAIL, [...fields.values()]);
  }

  async operations(query: UsageQuery & { limit?: number }): Promise<OperationUsage[]> {
    const { rows } = await this.db.query(SELECT_OPERATIONS, [query.since, query.client ?? null, query.limit ?? 1000]);
    return rows.map((r) => {
      const requests = Number(r['requests']);
      const errors = Number(r['errors']);
      return {
        client: String(r['client']), clientVersion: String(r['client_version']),
        operationName: r['operation_name'] === null ? null : String(r['operation_name']), operationHash: String(r['operation_hash']),
        requests, errors, errorRate: requests === 0 ? 0 : errors / requests,
        p95Ms: p95FromBuckets(DURATION_COLUMNS.map((c) => Number(r[c]))), lastSeen: Number(r['last_seen']),
      };
    });
  }

  async fieldUsage(coordinates: readonly string[], query: UsageQuery): Promise<FieldUsage[]> {
    if (coordinates.length === 0) return [];
    const { rows } = await this.db.query(SELECT_FIELD_USAGE, [query.since, query.client ?? null, [...coordinates]]);
    return rows.map((r) => ({
      coordinate: String(r['coordinate']), client: String(r['client']), clientVersion: String(r['client_version']),
      operationName: r['operation_name'] === null ? null : String(r['operation_name']), operationHash: String(r['operation_hash']),
      requests: Number(r['requests']), lastSeen: Number(r['last_seen']),
    }));
  }

  async applyRetention(now = Date.now()): Promise<number> {
    const { minuteDays, hourDays, dayDays } = this.retention;
    return this.db.transaction(async (tx) => {
      let removed = 0;
      for (const [from, to, days] of [[MINUTE_MS, HOUR_MS, minuteDays], [HOUR_MS, DAY_MS, hourDays]] as const) {
        // Only whole target buckets are rolled up, so a bucket never receives rows twice from two passes.
        const before = Math.floor((now - days * DAY_MS) / to) * to;
        for (const statement of rollupStatements(from, to)) await tx.query(statement, [before]);
        removed += await deleteBefore(tx, from, before);
      }
      removed += await deleteBefore(tx, DAY_MS, now - dayDays * DAY_MS);
      return removed;
    });
  }

  /** Rows and bytes per table and bucket width (bench, reports). */
  async size(): Promise<{ table: string; bucketMs: number; rows: number }[]> {
    const { rows } = await this.db.query(`SELECT 'usage_operations' AS t, bucket_ms, count(*)::float8 AS n FROM usage_operations GROUP BY bucket_ms
      UNION ALL SELECT 'usage_fields', bucket_ms, count(*)::float8 FROM usage_fields GROUP BY bucket_ms ORDER BY 1, 2`);
    return rows.map((r) => ({ table: String(r['t']), bucketMs: Number(r['bucket_ms']), rows: Number(r['n']) }));
  }

  close(): Promise<void> { return this.db.close(); }
}

async function deleteBefore(tx: { query: SqlDatabase['query'] }, bucketMs: number, before: number): Promise<number> {
  let removed = 0;
  for (const table of ['usage_operations', 'usage_fields']) {
    const { rows } = await tx.query(`WITH gone AS (DELETE FROM ${table} WHERE bucket_ms = $1 AND bucket_start < $2 RETURNING 1) SELECT count(*)::float8 AS n FROM gone`, [bucketMs, before]);
    removed += Number(rows[0]?.['n'] ?? 0);
  }
  return removed;
}
