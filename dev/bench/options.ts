/**
 * The benchmark's command-line options. Defaults keep a whole run to a few minutes on a 2-core machine;
 * longer runs (`--duration 10 --rounds 4`) give steadier figures.
 *   npm run bench -- [--duration 5] [--connections 10] [--warmup 2] [--rounds 2] [--sequential 30]
 */
import { exitWithUsage, parseCommandLine } from '../../contracts/lib/cli.ts';

export const BENCH_USAGE = `Usage: npm run bench -- [--duration 5] [--connections 10] [--warmup 2] [--rounds 2] [--sequential 30] [--hostile-only]

Measures Passerelle against a vanilla @apollo/gateway, its response cache, a bare-server ceiling, bytes and
round trips per mobile screen, and hostile documents; writes bench-results/latest.json. Not a test.

  --duration S       seconds of each load run (default 5)
  --connections N    concurrent connections (default 10)
  --warmup S         seconds of warm-up per target (default 2)
  --rounds N         measured runs per target (default 2)
  --sequential N     requests of each sequential measurement (default 30)
  --hostile-only     only the hostile documents section (a few seconds)
  -h, --help         this text
REDIS_URL=redis://... puts the response cache in Redis (under a prefix of this run).`;

export interface BenchOptions {
  /** Seconds of each autocannon run. */
  duration: number;
  connections: number;
  /** Seconds of autocannon per target before the measured rounds. */
  warmup: number;
  /** Measured runs per target, in rotating order. */
  rounds: number;
  /** Requests of each sequential measurement (cold, warm, disabled). */
  sequential: number;
  /** Redis for Passerelle's response cache (REDIS_URL); in memory without it. */
  redisUrl: string | undefined;
  /** Only the hostile documents section. */
  hostileOnly: boolean;
}

export function benchOptions(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const { values } = parseCommandLine({
    usage: BENCH_USAGE,
    args: argv,
    options: {
      duration: { type: 'string', default: '5' }, connections: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' }, rounds: { type: 'string', default: '2' }, sequential: { type: 'string', default: '30' },
      'hostile-only': { type: 'boolean', default: false },
    },
  });
  const positive = (name: 'duration' | 'connections' | 'warmup' | 'rounds' | 'sequential'): number => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 1) exitWithUsage(BENCH_USAGE, `--${name} must be a positive integer.`);
    return n;
  };
  return {
    duration: positive('duration'), connections: positive('connections'), warmup: positive('warmup'),
    rounds: positive('rounds'), sequential: positive('sequential'), redisUrl: env['REDIS_URL'] || undefined, hostileOnly: values['hostile-only'] === true,
  };
}
