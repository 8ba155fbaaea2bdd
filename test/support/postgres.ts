/**
 * PostgreSQL for tests: PASSERELLE_TEST_DATABASE_URL (or DATABASE_URL), else the local default. The tests
 * run whenever it answers; in CI (CI=true or PASSERELLE_REQUIRE_POSTGRES=true, .ci/run) an unreachable
 * PostgreSQL fails them instead of skipping. Each test gets its own schema (search_path), dropped afterwards, so parallel runs never meet.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env['PASSERELLE_TEST_DATABASE_URL'] || process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres';
const required = process.env['CI'] === 'true' || process.env['PASSERELLE_REQUIRE_POSTGRES'] === 'true';

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export const postgresUp = await answers(TEST_DATABASE_URL);
if (!postgresUp && required) throw new Error(`PostgreSQL is required (CI) but does not answer at ${TEST_DATABASE_URL}`);

/** A fresh schema: the URL whose connections use it, and a function that drops it. */
export async function scratchSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `usage_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}
