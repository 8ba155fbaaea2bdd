import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './failure-limiter.ts';

describe('failed authentications per source (token bucket)', () => {
  it('allows a burst, then refuses with the seconds until the next token; successes give their token back', () => {
    let now = 0;
    const limiter = new FailureLimiter({ burst: 3, perMinute: 6 }, () => now);
    for (let i = 0; i < 3; i += 1) expect(limiter.take('a')).toEqual({ ok: true });
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 10 });
    expect(limiter.take('b')).toEqual({ ok: true });
    now += 10_000;
    expect(limiter.take('a')).toEqual({ ok: true });
    expect(limiter.take('a').ok).toBe(false);
    limiter.giveBack('a');
    expect(limiter.take('a')).toEqual({ ok: true });
  });

  it('tracks a bounded number of sources, forgetting the ones that are not failing first', () => {
    let now = 0;
    const limiter = new FailureLimiter({ burst: 2, perMinute: 60, maxSources: 2 }, () => now);
    limiter.take('failing'); limiter.take('failing');
    limiter.take('calm'); limiter.giveBack('calm');
    limiter.take('third');
    expect(limiter.take('failing').ok).toBe(false);
    now += 1_000;
    expect(limiter.take('failing').ok).toBe(true);
  });
});
