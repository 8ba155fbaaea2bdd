/**
 * `npm run chaos -- --minutes 10 [--rate 40] [--out FILE]`: the chaos run (run-chaos.ts). Prints one line
 * per phase and writes the whole report, memory samples included, to JSON. Not a test: its short
 * version is (dev/chaos/chaos.test.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { chaosPhases } from './phases.ts';
import { printChaosReport } from './print-report.ts';
import { runChaos } from './run-chaos.ts';

process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
process.env['NODE_ENV'] ??= 'development';

const USAGE = 'Usage: npm run chaos -- [--minutes N (10)] [--rate REQUESTS_PER_SECOND (40)] [--out FILE]';
let values: { minutes?: string; rate?: string; out?: string; help?: boolean };
try {
  ({ values } = parseArgs({ options: { minutes: { type: 'string' }, rate: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(`${USAGE}\n\nPlays ${chaosPhases().length} phases of equal length (${chaosPhases().map((p) => p.name).join('; ')})\nagainst two gateway replicas, and prints and writes (JSON) what each phase cost.`);
  process.exit(0);
}
const minutes = Number(values.minutes ?? 10);
const rate = Number(values.rate ?? 40);
if (!(minutes > 0) || !(rate > 0)) {
  console.error(`--minutes and --rate must be positive numbers.\n${USAGE}`);
  process.exit(2);
}
const out = values.out ?? `bench-results/chaos-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
const phaseSeconds = Math.max(2, Math.round((minutes * 60) / chaosPhases().length));
const report = await runChaos({ phaseSeconds, rate, sampleMs: 10_000, replicas: 2 }, (line) => console.error(line));
printChaosReport(report, (line) => console.log(line));
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(report, null, 2));
console.log(`\nWritten to ${out}`);
