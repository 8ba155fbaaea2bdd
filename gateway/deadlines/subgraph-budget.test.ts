import { describe, expect, it } from 'vitest';
import { FETCH_GRACE_MS, fetchBudget, SUBGRAPH_MARGIN_MS } from './subgraph-budget.ts';

describe('fetchBudget', () => {
  it('tells the subgraph a little less than what is left and waits a little more, never past the subgraph timeout', () => {
    expect(fetchBudget(1_000 + 2_000, 10_000, 1_000)).toEqual({ subgraphBudgetMs: 2_000 - SUBGRAPH_MARGIN_MS, fetchTimeoutMs: 2_000 + FETCH_GRACE_MS });
    expect(fetchBudget(1_000 + 60_000, 10_000, 1_000)).toEqual({ subgraphBudgetMs: 10_000, fetchTimeoutMs: 10_000 });
  });

  it('sends nothing once the deadline has passed, and a nearly spent budget as 0', () => {
    expect(fetchBudget(1_000, 10_000, 1_000)).toBeNull();
    expect(fetchBudget(1_010, 10_000, 1_000)).toEqual({ subgraphBudgetMs: 0, fetchTimeoutMs: 10 + FETCH_GRACE_MS });
  });

  it('uses the subgraph timeout for requests without a deadline (gateway-internal fetches)', () => {
    expect(fetchBudget(undefined, 7_000)).toEqual({ subgraphBudgetMs: 7_000, fetchTimeoutMs: 7_000 });
  });
});
