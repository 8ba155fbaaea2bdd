import { describe, expect, it } from 'vitest';
import { RetryBudget } from './retry-budget.ts';

describe('RetryBudget', () => {
  it('allows at most ratio x calls over the window, plus the floor', () => {
    let now = 0;
    const budget = new RetryBudget({ ratio: 0.2, minPerWindow: 1, windowMs: 1_000 }, () => now);
    for (let i = 0; i < 20; i += 1) budget.recordCall();
    const granted = Array.from({ length: 10 }, () => budget.tryRetry()).filter(Boolean).length;
    expect(granted).toBe(4);
    expect(budget.refused).toBe(6);
  });

  it('forgets calls and retries once they leave the window', () => {
    let now = 0;
    const budget = new RetryBudget({ ratio: 0, minPerWindow: 1, windowMs: 1_000 }, () => now);
    expect(budget.tryRetry()).toBe(true);
    expect(budget.tryRetry()).toBe(false);
    now = 1_100;
    expect(budget.spent()).toBe(0);
    expect(budget.tryRetry()).toBe(true);
  });
});
