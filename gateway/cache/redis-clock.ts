/**
 * Invalidation marks in Redis are written with Redis' own clock (TIME, inside the invalidation script),
 * so replicas whose clocks disagree still agree on the order of marks. A replica compares them with the
 * start of its reads by converting its clock to Redis': the offset is measured with TIME, half the round
 * trip being the uncertainty, NTP-style: the sample with the smallest round trip of the last few minutes
 * wins, and right after (re)connecting, while the event loop may still be busy starting up and round
 * trips look long, it measures every 100 ms until one is tight. Until a first measure, a conservative
 * uncertainty applies: a read is then treated as older than it is, never younger.
 * TIME is read through a one-line script on `slotKey`: on a Redis Cluster it runs on the primary that holds
 * the marks (and runs the invalidation script), whose clock is the one that matters; the key is never written.
 */
import type { RedisClient } from '../../contracts/lib/redis-connection.ts';

export const REDIS_CLOCK = Object.freeze({
  /** Period of the measures once a tight one was made. */
  remeasureMs: 30_000,
  /** Period of the measures until then (after a connection), at most `settleAttempts` times. */
  settleMs: 100,
  settleAttempts: 50,
  /** A measure this tight ends the settling. */
  tightUncertaintyMs: 3,
  /** How long a sample may be preferred to newer, looser ones (clocks drift: by microseconds here). */
  sampleLifetimeMs: 5 * 60_000,
  /** Uncertainty before any measure: replicas' clocks are assumed within this of Redis'. */
  unmeasuredUncertaintyMs: 1_000,
  /** Added to every measured uncertainty: Date.now() has millisecond resolution. */
  resolutionMs: 1,
});

const TIME_SCRIPT = "return redis.call('TIME')";

interface Sample { offsetMs: number; uncertaintyMs: number; at: number }

export class RedisClock {
  private best: Sample | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly redis: RedisClient, private readonly slotKey: string) {
    redis.on('ready', () => this.settle(REDIS_CLOCK.settleAttempts));
    if (redis.status === 'ready') this.settle(REDIS_CLOCK.settleAttempts);
  }

  /**
   * The earliest Redis time `localMs` may correspond to: a read that started at `localMs` here is
   * considered to have started at this Redis time (or later), so any mark at or after it blocks it.
   */
  earliestRedisTime(localMs: number): number {
    return this.best ? localMs + this.best.offsetMs - this.best.uncertaintyMs : localMs - REDIS_CLOCK.unmeasuredUncertaintyMs;
  }

  /** Measures the offset now and keeps the best recent sample; Redis not answering changes nothing. */
  async measure(): Promise<{ offsetMs: number; uncertaintyMs: number }> {
    try {
      const sent = Date.now();
      const [seconds, micros] = (await this.redis.eval(TIME_SCRIPT, 1, this.slotKey)) as [string | number, string | number];
      const received = Date.now();
      const sample = { offsetMs: Number(seconds) * 1000 + Number(micros) / 1000 - (sent + received) / 2, uncertaintyMs: (received - sent) / 2 + REDIS_CLOCK.resolutionMs, at: received };
      if (!this.best || sample.uncertaintyMs <= this.best.uncertaintyMs || received - this.best.at > REDIS_CLOCK.sampleLifetimeMs) this.best = sample;
    } catch {
      // Redis down or slow: the last estimate stays (or the conservative default).
    }
    return this.best ?? { offsetMs: 0, uncertaintyMs: REDIS_CLOCK.unmeasuredUncertaintyMs };
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private settle(attemptsLeft: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    void this.measure().then(({ uncertaintyMs }) => {
      if (this.closed) return;
      const settled = uncertaintyMs <= REDIS_CLOCK.tightUncertaintyMs || attemptsLeft <= 1;
      this.timer = setTimeout(() => this.settle(settled ? 1 : attemptsLeft - 1), settled ? REDIS_CLOCK.remeasureMs : REDIS_CLOCK.settleMs);
      this.timer.unref();
    });
  }
}
