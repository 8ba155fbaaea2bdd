/**
 * `npm run bench:usage [-- --seconds 5 --rounds 3 --apps 11000 --requests 30000000 --active-minutes 6]`:
 * the usage KPIs' two costs, measured here: recording overhead on gateway throughput (on vs off, one run),
 * and the store's size for a PISTE-sized day and its rollups.
 */
import { parseCommandLine } from '../../../contracts/lib/cli.ts';
import { simulatePisteDay } from './piste-day.ts';
import { recordingCostMicros } from './recording-cost.ts';
import { measureRecordingOverhead } from './recording-overhead.ts';

process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
process.env['NODE_ENV'] ??= 'test';

const USAGE = `Usage: npm run bench:usage -- [options]

  --seconds N          each measured load run (default 5)      --rounds N     on/off rounds (default 3)
  --connections N      autocannon connections (default 20)
  --database-url URL   record into this PostgreSQL instead of an embedded store (default: embedded, in memory)
  --flush-ms N         how often recorded minutes are flushed (default 1000; the gateway's default is 10000)
  --apps N             applications of the simulated day (default 11000)
  --requests N         requests of the simulated day (default 30000000)
  --active-minutes N   minutes each operation of each application is active in (default 6)
  --skip-load | --skip-day   run one half only`;

const { values } = parseCommandLine({
  usage: USAGE,
  options: {
    seconds: { type: 'string' }, rounds: { type: 'string' }, connections: { type: 'string' }, apps: { type: 'string' }, requests: { type: 'string' },
    'active-minutes': { type: 'string' }, 'database-url': { type: 'string' }, 'flush-ms': { type: 'string' }, 'skip-load': { type: 'boolean' }, 'skip-day': { type: 'boolean' },
  },
});
const int = (v: string | undefined, d: number) => (v === undefined ? d : Number.parseInt(v, 10));

if (!values['skip-load']) {
  const { results, recorded } = await measureRecordingOverhead({
    seconds: int(values.seconds, 5), rounds: int(values.rounds, 3), connections: int(values.connections, 20),
    flushIntervalMs: int(values['flush-ms'], 1_000), ...(values['database-url'] ? { databaseUrl: values['database-url'] } : {}),
  });
  console.log('\nRecording overhead (tiny supergraph, response cache off, same run, alternating rounds):');
  for (const r of results) console.log(`  ${r.label.padEnd(14)} ${r.reqPerSec.toFixed(0).padStart(7)} req/s   p99 ${r.p99Ms.toFixed(1).padStart(6)} ms   ${r.requests} requests, ${r.non2xx} non-2xx`);
  const [on, off, control] = ['recording on', 'recording off', 'off (control)'].map((label) => results.find((r) => r.label === label)!);
  const change = (a: { reqPerSec: number }, b: { reqPerSec: number }) => `${(((a.reqPerSec - b.reqPerSec) / b.reqPerSec) * 100).toFixed(1)}%`;
  console.log(`  the recording stage's own work: ${recordingCostMicros().toFixed(2)} µs per request (coordinate cache + aggregation, timed alone)`);
  console.log(`  throughput change with recording: ${change(on!, off!)} (against the control: ${change(on!, control!)}); requests recorded in the store: ${recorded}`);
  console.log(`  the bench's own noise, two identical gateways without recording: ${change(control!, off!)}`);
}
if (!values['skip-day']) {
  const stages = await simulatePisteDay({ apps: int(values.apps, 11_000), requests: int(values.requests, 30_000_000), operationsPerApp: 2, activeMinutes: int(values['active-minutes'], 6), fieldsPerOperation: 4 });
  console.log('\nA PISTE-sized day in the usage store (embedded PGlite on disk):');
  for (const s of stages) {
    console.log(`  ${s.stage} (${s.seconds.toFixed(1)} s)`);
    console.log(`    rows: ${Object.entries(s.rows).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ') || 'none'}; ${(s.bytes / 1024 / 1024).toFixed(1)} MiB`);
  }
}
