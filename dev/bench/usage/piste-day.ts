/**
 * A PISTE-sized day fed to the usage store as aggregated minutes (what gateways flush): N applications,
 * each with a few operations active in some minutes, R requests in all. Then retention as days pass:
 * minutes rolled up to hours, hours to days. Prints rows and bytes at each stage: the rollups stay
 * bounded by applications x operations x buckets, whatever the request count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openUsageStore } from '../../../contracts/usage/open-usage-store.ts';
import { DAY_MS } from '../../../contracts/usage/usage-sql.ts';
import { USAGE_DURATION_BUCKETS_MS, type UsageMinute } from '../../../contracts/usage/usage-report.ts';

export interface PisteDayOptions { apps: number; requests: number; operationsPerApp: number; activeMinutes: number; fieldsPerOperation: number }
export interface Stage { stage: string; seconds: number; rows: Record<string, number>; bytes: number }

/** A deterministic pseudo-random sequence (the same day every run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1_664_525 + 1_013_904_223) >>> 0; return s / 2 ** 32; };
}

export async function simulatePisteDay(options: PisteDayOptions): Promise<Stage[]> {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-usage-bench-'));
  const store = await openUsageStore({ dataDir: dir, retention: { minuteDays: 2, hourDays: 35, dayDays: 400 } });
  const day = Date.UTC(2026, 10, 2);
  const next = random(13);
  const stages: Stage[] = [];
  const measure = async (stage: string, started: number) => {
    const seconds = (performance.now() - started) / 1000;
    // Live size: deleted rows' space is reused by autovacuum in production; VACUUM FULL shows it here at once.
    await store.db.query('VACUUM FULL usage_operations');
    await store.db.query('VACUUM FULL usage_fields');
    const size = await store.size();
    const { rows } = await store.db.query("SELECT (pg_total_relation_size('usage_operations') + pg_total_relation_size('usage_fields'))::float8 AS bytes");
    stages.push({ stage, seconds, rows: Object.fromEntries(size.map((s) => [`${s.table}@${s.bucketMs / 60_000}min`, s.rows])), bytes: Number(rows[0]?.['bytes']) });
  };
  try {
    const perRow = options.requests / (options.apps * options.operationsPerApp * options.activeMinutes);
    let started = performance.now();
    let batch: UsageMinute[] = [];
    let fed = 0;
    for (let app = 0; app < options.apps; app += 1) {
      for (let op = 0; op < options.operationsPerApp; op += 1) {
        const fields = Object.fromEntries(Array.from({ length: options.fieldsPerOperation }, (_, f) => [`Type${op}.field${(app + f) % 50}`, 0]));
        for (let m = 0; m < options.activeMinutes; m += 1) {
          const requests = Math.max(1, Math.round(perRow * (0.5 + next())));
          const buckets = new Array<number>(USAGE_DURATION_BUCKETS_MS.length + 1).fill(0);
          buckets[2] = Math.ceil(requests * 0.9); buckets[5] = requests - buckets[2];
          batch.push({
            minute: day + Math.floor(next() * 1440) * 60_000, client: `app-${app}`, clientVersion: `1.${app % 7}`, operationName: `Op${op}`,
            operationHash: `${app}-${op}`.padEnd(64, '0'), requests, errors: Math.floor(requests * 0.01), durationMsSum: requests * 30, durationBuckets: buckets,
            fields: Object.fromEntries(Object.keys(fields).map((f) => [f, requests])),
          });
          fed += requests;
          if (batch.length >= 5_000) { await store.record(batch); batch = []; }
        }
      }
    }
    await store.record(batch);
    await measure(`one day fed: ${fed.toLocaleString('en')} requests as aggregated minutes`, started);
    started = performance.now();
    await store.applyRetention(day + 3 * DAY_MS);
    await measure('3 days later: minutes rolled up to hours', started);
    started = performance.now();
    await store.applyRetention(day + 37 * DAY_MS);
    await measure('37 days later: hours rolled up to days', started);
    return stages;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
