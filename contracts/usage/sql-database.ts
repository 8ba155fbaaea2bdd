/**
 * The little the usage store needs from a database, met by a pg Pool (PostgreSQL, DATABASE_URL) and by
 * PGlite (embedded PostgreSQL in a data directory, or in memory): the same SQL runs on both.
 */
import pg from 'pg';

export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export interface SqlDatabase extends Queryable {
  /** Runs `work` in one transaction (on one connection). */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** A short name for logs and reports ("postgresql" or "pglite"). */
  kind: 'postgresql' | 'pglite';
  close(): Promise<void>;
}

export function postgresDatabase(url: string): SqlDatabase {
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5_000 });
  // An idle connection that drops must not crash the process: the next query reconnects.
  pool.on('error', () => {});
  return {
    kind: 'postgresql',
    query: (sql, params) => pool.query(sql, params),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({ query: (sql, params) => client.query(sql, params) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Embedded PostgreSQL: `dataDir` on disk, or in memory when null (tests). */
export async function pgliteDatabase(dataDir: string | null): Promise<SqlDatabase> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  return {
    kind: 'pglite',
    query: (sql, params) => db.query<Record<string, unknown>>(sql, params),
    transaction: (work) => db.transaction((tx) => work({ query: (sql, params) => tx.query<Record<string, unknown>>(sql, params) })),
    close: () => db.close(),
  };
}
