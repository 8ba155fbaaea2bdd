/**
 * Failed authentications per source (client address), as a token bucket: each verification that may
 * fail takes a token BEFORE its scrypt runs (so a flood of concurrent requests cannot start more scrypts
 * than the bucket holds), a success gives it back, and an empty bucket is refused at once with a retry
 * delay. scrypt is slow on purpose; without this, one source sending wrong tokens takes the CPU and the
 * thread pool from every valid caller.
 */
export const FAILURE_LIMIT_DEFAULTS = Object.freeze({
  /** Failures a source may make in a burst. */
  burst: 10,
  /** Failures a source regains per minute. */
  perMinute: 30,
  /** Sources tracked at once; past this the fullest buckets (which are like new) are forgotten. */
  maxSources: 10_000,
});

export interface FailureLimits { burst: number; perMinute: number; maxSources: number }

interface Bucket { tokens: number; at: number }

export class FailureLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly limits: FailureLimits;

  constructor(limits: Partial<FailureLimits> = {}, private readonly now: () => number = Date.now) {
    this.limits = { ...FAILURE_LIMIT_DEFAULTS, ...limits };
  }

  private refilled(source: string): Bucket {
    const now = this.now();
    const bucket = this.buckets.get(source) ?? { tokens: this.limits.burst, at: now };
    bucket.tokens = Math.min(this.limits.burst, bucket.tokens + ((now - bucket.at) * this.limits.perMinute) / 60_000);
    bucket.at = now;
    return bucket;
  }

  /** Takes a token for one verification; when none is left, the seconds until one is (and nothing is taken). */
  take(source: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const bucket = this.refilled(source);
    if (bucket.tokens < 1) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((1 - bucket.tokens) * 60) / this.limits.perMinute)) };
    bucket.tokens -= 1;
    if (!this.buckets.has(source) && this.buckets.size >= this.limits.maxSources) this.forgetFullest();
    this.buckets.set(source, bucket);
    return { ok: true };
  }

  /** The verification succeeded: its token comes back. */
  giveBack(source: string): void {
    const bucket = this.buckets.get(source);
    if (bucket) bucket.tokens = Math.min(this.limits.burst, bucket.tokens + 1);
  }

  private forgetFullest(): void {
    for (const source of [...this.buckets.keys()]) if (this.refilled(source).tokens >= this.limits.burst) this.buckets.delete(source);
    // Every source is failing: forget the oldest rather than grow without bound.
    if (this.buckets.size >= this.limits.maxSources) this.buckets.delete(this.buckets.keys().next().value as string);
  }
}
