/**
 * The benchmark's command-line options. Defaults keep a whole run to a few minutes on a 2-core machine;
 * longer runs (`--duration 10 --rounds 4`) give steadier figures.
 *   npm run bench -- [--duration 5] [--connections 10] [--warmup 2] [--rounds 2] [--sequential 30]
 */
import { parseArgs } from 'node:util';

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
}

export function benchOptions(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: '5' }, connections: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' }, rounds: { type: 'string', default: '2' }, sequential: { type: 'string', default: '30' },
    },
  });
  const positive = (name: keyof typeof values): number => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
    return n;
  };
  return {
    duration: positive('duration'), connections: positive('connections'), warmup: positive('warmup'),
    rounds: positive('rounds'), sequential: positive('sequential'), redisUrl: env['REDIS_URL'] || undefined,
  };
}
