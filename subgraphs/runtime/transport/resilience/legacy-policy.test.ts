import { describe, expect, it } from 'vitest';
import { codedError } from '../../../../contracts/error-codes.ts';
import { LegacyPolicy } from './legacy-policy.ts';
import { runInRequestScope, setRequestBudget } from './request-deadline.ts';
import { resilienceOptions } from './resilience-options.ts';

const failing = (code: 'UPSTREAM_UNAVAILABLE' | 'NOT_FOUND') => async () => { throw codedError(code, 'x'); };
const codeOf = async (promise: Promise<unknown>): Promise<unknown> => promise.then(() => 'ok', (e: { extensions?: { code?: unknown } }) => e.extensions?.code);

describe('LegacyPolicy', () => {
  it('opens after N consecutive failures, then fails at once without calling the system', async () => {
    const policy = new LegacyPolicy('Billing', resilienceOptions({ breaker: { consecutiveFailures: 3 }, retry: { maxAttempts: 1 } }));
    let calls = 0;
    const attempt = async () => { calls += 1; throw codedError('UPSTREAM_TIMEOUT', 'x'); };
    for (let i = 0; i < 3; i += 1) expect(await codeOf(policy.execute(attempt, { idempotent: true, timeoutMs: 100 }))).toBe('UPSTREAM_TIMEOUT');
    expect(await codeOf(policy.execute(attempt, { idempotent: true, timeoutMs: 100 }))).toBe('UPSTREAM_UNAVAILABLE');
    expect(calls).toBe(3);
    expect(policy.snapshot()).toMatchObject({ breaker: 'open', opened: 1, shortCircuited: 1 });
  });

  it('lets one probe through after halfOpenAfter and closes when it succeeds', async () => {
    const policy = new LegacyPolicy('CRM', resilienceOptions({ breaker: { consecutiveFailures: 1, halfOpenAfterMs: 100 }, retry: { maxAttempts: 1 } }));
    await codeOf(policy.execute(failing('UPSTREAM_UNAVAILABLE'), { idempotent: true, timeoutMs: 100 }));
    expect(policy.snapshot().breaker).toBe('open');
    await new Promise((r) => setTimeout(r, 120));
    expect(await policy.execute(async () => 'healed', { idempotent: true, timeoutMs: 100 })).toBe('healed');
    expect(policy.snapshot().breaker).toBe('closed');
  });

  it('never counts a business answer (NOT_FOUND) against the system, and never retries it', async () => {
    const policy = new LegacyPolicy('CRM', resilienceOptions({ breaker: { consecutiveFailures: 1 } }));
    let calls = 0;
    const attempt = async () => { calls += 1; throw codedError('NOT_FOUND', 'x'); };
    for (let i = 0; i < 3; i += 1) expect(await codeOf(policy.execute(attempt, { idempotent: true, timeoutMs: 100 }))).toBe('NOT_FOUND');
    expect(calls).toBe(3);
    expect(policy.snapshot().breaker).toBe('closed');
  });

  it('retries idempotent calls only, and never beyond the retry budget', async () => {
    const policy = new LegacyPolicy('OMS', resilienceOptions({
      breaker: { consecutiveFailures: 1000, failureRate: 0.99, minimumRps: 1000 },
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2, budgetRatio: 0.1, budgetMinPerWindow: 0 },
    }));
    let calls = 0;
    const attempt = async () => { calls += 1; throw codedError('UPSTREAM_UNAVAILABLE', 'x'); };
    await codeOf(policy.execute(attempt, { idempotent: false, timeoutMs: 100 }));
    expect(calls).toBe(1);
    calls = 0;
    for (let i = 0; i < 100; i += 1) await codeOf(policy.execute(attempt, { idempotent: true, timeoutMs: 100 }));
    // 101 first attempts in the window: at most 10 % more calls, however many attempts each could take.
    expect(calls).toBeGreaterThan(100);
    expect(calls).toBeLessThanOrEqual(100 + 11);
    expect(policy.snapshot().retriesRefused).toBeGreaterThan(0);
  });

  it('refuses beyond the bulkhead with UPSTREAM_OVERLOADED, without counting it as a failure', async () => {
    const policy = new LegacyPolicy('ERP', resilienceOptions({ bulkhead: { maxConcurrent: 2, maxQueued: 1 }, breaker: { consecutiveFailures: 1 } }));
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const slow = policy.execute(() => gate.then(() => 'ok'), { idempotent: true, timeoutMs: 1000 });
    const running = [slow, policy.execute(() => gate.then(() => 'ok'), { idempotent: true, timeoutMs: 1000 }), policy.execute(() => gate.then(() => 'ok'), { idempotent: true, timeoutMs: 1000 })];
    expect(policy.snapshot()).toMatchObject({ inFlight: 2, queued: 1 });
    expect(await codeOf(policy.execute(async () => 'ok', { idempotent: true, timeoutMs: 1000 }))).toBe('UPSTREAM_OVERLOADED');
    release();
    expect(await Promise.all(running)).toEqual(['ok', 'ok', 'ok']);
    expect(policy.snapshot()).toMatchObject({ breaker: 'closed', overloaded: 1 });
  });

  it('caps each timeout to the request budget and never starts a call after the deadline', async () => {
    const policy = new LegacyPolicy('Billing', resilienceOptions());
    const timeouts: number[] = [];
    await runInRequestScope(async () => {
      setRequestBudget(200);
      await policy.execute(async (timeoutMs) => { timeouts.push(timeoutMs); }, { idempotent: true, timeoutMs: 5_000 });
      expect(timeouts[0]).toBeLessThanOrEqual(200);
      setRequestBudget(0);
      expect(await codeOf(policy.execute(async () => 'never', { idempotent: true, timeoutMs: 5_000 }))).toBe('DEADLINE_EXCEEDED');
    });
    expect(timeouts).toHaveLength(1);
  });
});
