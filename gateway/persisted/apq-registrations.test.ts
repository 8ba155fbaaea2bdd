import { describe, expect, it } from 'vitest';
import { ApqRegistrationGuard } from './apq-registrations.ts';

describe('APQ registration guard', () => {
  it('refuses documents over the size limit, counted in UTF-8 bytes', () => {
    const guard = new ApqRegistrationGuard({ maxBytes: 10, registrationsPerMinute: 100 });
    expect(guard.admit('ip:1', '{ a }')).toBeNull();
    expect(guard.admit('ip:1', 'x'.repeat(11))).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(guard.admit('ip:1', 'é'.repeat(6))).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('lets each caller register at its rate, with a retry-after, and refills over time', () => {
    let now = 0;
    const guard = new ApqRegistrationGuard({ maxBytes: 1000, registrationsPerMinute: 3 }, () => now);
    for (let i = 0; i < 3; i += 1) expect(guard.admit('ip:1', '{ a }')).toBeNull();
    const refused = guard.admit('ip:1', '{ a }');
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 20 });
    // Another caller is not affected.
    expect(guard.admit('customer:2', '{ a }')).toBeNull();
    now += 20_000;
    expect(guard.admit('ip:1', '{ a }')).toBeNull();
    expect(guard.admit('ip:1', '{ a }')).toMatchObject({ code: 'RATE_LIMITED' });
  });
});
