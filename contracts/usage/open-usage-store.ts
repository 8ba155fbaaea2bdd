/**
 * Which usage store a process opens: PostgreSQL when DATABASE_URL is set (shared by every replica), else
 * embedded PostgreSQL (PGlite) in a data directory (PASSERELLE_USAGE_DIR, default .passerelle/usage), or
 * in memory (tests). The gateway and the registry call this with the same settings to share one store.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pgliteDatabase, postgresDatabase, type SqlDatabase } from './sql-database.ts';
import { migrateUsage, SqlUsageStore } from './sql-usage-store.ts';
import type { UsageRetention } from './usage-retention.ts';

export const DEFAULT_USAGE_DIR = '.passerelle/usage';

export interface UsageStoreLocation {
  /** A PostgreSQL URL; wins over dataDir. */
  databaseUrl?: string | undefined;
  /** PGlite's directory; 'memory' for the process's in-memory store (shared, as a directory is); 'private-memory' for a new one. */
  dataDir?: string | undefined;
  retention?: UsageRetention;
}

/** Where the environment says the store is (DATABASE_URL, PASSERELLE_USAGE_DIR), with the default directory. */
export function usageLocationFromEnv(env: NodeJS.ProcessEnv = process.env): UsageStoreLocation {
  return { databaseUrl: env['DATABASE_URL'] || undefined, dataDir: env['PASSERELLE_USAGE_DIR'] || DEFAULT_USAGE_DIR };
}

/**
 * PGlite is single-process, single-connection: the gateway and the registry of one process (the dev stack)
 * share one open database per directory (and one in-memory database), closed when the last of them closes it.
 */
const openDirectories = new Map<string, { db: Promise<SqlDatabase>; users: number }>();

async function sharedPglite(dir: string): Promise<SqlDatabase> {
  const key = dir === 'memory' ? dir : resolve(dir);
  let entry = openDirectories.get(key);
  if (!entry) {
    if (key !== 'memory') mkdirSync(key, { recursive: true });
    entry = { db: pgliteDatabase(key === 'memory' ? null : key), users: 0 };
    openDirectories.set(key, entry);
    entry.db.catch(() => openDirectories.delete(key));
  }
  entry.users += 1;
  const db = await entry.db;
  const shared = entry;
  let closed = false;
  return {
    ...db,
    async close() {
      if (closed) return;
      closed = true;
      shared.users -= 1;
      if (shared.users === 0) { openDirectories.delete(key); await db.close(); }
    },
  };
}

export async function openUsageStore(location: UsageStoreLocation): Promise<SqlUsageStore> {
  let db;
  if (location.databaseUrl) db = postgresDatabase(location.databaseUrl);
  else {
    const dir = location.dataDir ?? DEFAULT_USAGE_DIR;
    db = dir === 'private-memory' ? await pgliteDatabase(null) : await sharedPglite(dir);
  }
  try {
    await migrateUsage(db);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return new SqlUsageStore(db, location.retention);
}
