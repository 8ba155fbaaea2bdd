/**
 * The usage store's SQL, in one place, shared by the gateway (which writes) and the registry (which reads):
 * the same migrations and statements run on PostgreSQL (DATABASE_URL) and on embedded PGlite, so the two
 * cannot drift. Rows are buckets of one width (a minute, rolled up to an hour, then a day); the histogram
 * is one column per bucket of USAGE_DURATION_BUCKETS_MS so that adding two rows is plain addition.
 */
import { USAGE_DURATION_BUCKETS_MS } from './usage-report.ts';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Histogram columns d0..dN (the last counts everything above the largest bound). */
export const DURATION_COLUMNS = Array.from({ length: USAGE_DURATION_BUCKETS_MS.length + 1 }, (_, i) => `d${i}`);

const KEY = 'bucket_ms integer NOT NULL, bucket_start bigint NOT NULL, client text NOT NULL, client_version text NOT NULL, operation_hash text NOT NULL';

/** Ordered, append-only: a released migration is never edited, a change is a new entry. */
export const USAGE_MIGRATIONS: readonly string[] = [
  `CREATE TABLE usage_operations (${KEY},
     operation_name text, requests bigint NOT NULL, errors bigint NOT NULL, duration_ms_sum double precision NOT NULL,
     ${DURATION_COLUMNS.map((c) => `${c} bigint NOT NULL DEFAULT 0`).join(', ')}, last_seen bigint NOT NULL,
     PRIMARY KEY (bucket_ms, bucket_start, client, client_version, operation_hash));
   CREATE INDEX usage_operations_since ON usage_operations (bucket_start);
   CREATE TABLE usage_fields (${KEY}, coordinate text NOT NULL, requests bigint NOT NULL, last_seen bigint NOT NULL,
     PRIMARY KEY (bucket_ms, bucket_start, client, client_version, operation_hash, coordinate));
   CREATE INDEX usage_fields_coordinate ON usage_fields (coordinate, bucket_start);`,
];

export const MIGRATIONS_TABLE = 'CREATE TABLE IF NOT EXISTS usage_schema_migrations (version integer PRIMARY KEY, applied_at bigint NOT NULL)';
/** Serialises migrations between replicas starting together (PostgreSQL; harmless on PGlite). */
export const MIGRATION_LOCK = "SELECT pg_advisory_xact_lock(hashtext('passerelle_usage_migrations'))";

const adds = (columns: readonly string[], table: string): string => columns.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ');

/** Several replicas flush the same minute: their counts add up. */
export const UPSERT_OPERATION_TAIL = `ON CONFLICT (bucket_ms, bucket_start, client, client_version, operation_hash) DO UPDATE SET
  ${adds(['requests', 'errors', 'duration_ms_sum', ...DURATION_COLUMNS], 'usage_operations')},
  operation_name = COALESCE(excluded.operation_name, usage_operations.operation_name),
  last_seen = GREATEST(usage_operations.last_seen, excluded.last_seen)`;
export const OPERATION_COLUMNS = ['bucket_ms', 'bucket_start', 'client', 'client_version', 'operation_hash', 'operation_name', 'requests', 'errors', 'duration_ms_sum', ...DURATION_COLUMNS, 'last_seen'];

export const UPSERT_FIELD_TAIL = `ON CONFLICT (bucket_ms, bucket_start, client, client_version, operation_hash, coordinate) DO UPDATE SET
  requests = usage_fields.requests + excluded.requests, last_seen = GREATEST(usage_fields.last_seen, excluded.last_seen)`;
export const FIELD_COLUMNS = ['bucket_ms', 'bucket_start', 'client', 'client_version', 'operation_hash', 'coordinate', 'requests', 'last_seen'];

/** Multi-row VALUES placeholders ($1, $2...) for `rows` rows of `width` columns. */
export function valuesPlaceholders(rows: number, width: number): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r += 1) out.push(`(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`);
  return out.join(', ');
}

/** Rows of width `from` older than `before` become rows of width `to` (added to any already there), then go. */
export function rollupStatements(from: number, to: number): string[] {
  const start = `(bucket_start / ${to}) * ${to}`;
  return [
    `INSERT INTO usage_operations (${OPERATION_COLUMNS.join(', ')})
       SELECT ${to}, ${start}, client, client_version, operation_hash, max(operation_name), sum(requests), sum(errors), sum(duration_ms_sum),
         ${DURATION_COLUMNS.map((c) => `sum(${c})`).join(', ')}, max(last_seen)
       FROM usage_operations WHERE bucket_ms = ${from} AND bucket_start < $1
       GROUP BY ${start}, client, client_version, operation_hash ${UPSERT_OPERATION_TAIL}`,
    `INSERT INTO usage_fields (${FIELD_COLUMNS.join(', ')})
       SELECT ${to}, ${start}, client, client_version, operation_hash, coordinate, sum(requests), max(last_seen)
       FROM usage_fields WHERE bucket_ms = ${from} AND bucket_start < $1
       GROUP BY ${start}, client, client_version, operation_hash, coordinate ${UPSERT_FIELD_TAIL}`,
  ];
}

/** A bucket counts for "since" when any part of it is after it. */
const IN_WINDOW = '(bucket_start + bucket_ms) > $1 AND ($2::text IS NULL OR client = $2)';

export const SELECT_OPERATIONS = `SELECT client, client_version, operation_hash, max(operation_name) AS operation_name,
    sum(requests)::float8 AS requests, sum(errors)::float8 AS errors, max(last_seen)::float8 AS last_seen,
    ${DURATION_COLUMNS.map((c) => `sum(${c})::float8 AS ${c}`).join(', ')}
  FROM usage_operations WHERE ${IN_WINDOW}
  GROUP BY client, client_version, operation_hash ORDER BY sum(requests) DESC, client, client_version, operation_hash LIMIT $3`;

export const SELECT_FIELD_USAGE = `SELECT f.coordinate, f.client, f.client_version, f.operation_hash,
    (SELECT max(o.operation_name) FROM usage_operations o WHERE o.client = f.client AND o.client_version = f.client_version AND o.operation_hash = f.operation_hash) AS operation_name,
    sum(f.requests)::float8 AS requests, max(f.last_seen)::float8 AS last_seen
  FROM usage_fields f WHERE f.coordinate = ANY($3::text[]) AND (f.bucket_start + f.bucket_ms) > $1 AND ($2::text IS NULL OR f.client = $2)
  GROUP BY f.coordinate, f.client, f.client_version, f.operation_hash ORDER BY f.coordinate, sum(f.requests) DESC, f.client, f.client_version`;
