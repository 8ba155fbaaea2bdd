/**
 * A request's deadline as seen by one subgraph fetch. The subgraph is given a little less than what is
 * left (SUBGRAPH_MARGIN_MS: it answers with what it has before the gateway stops waiting), and the
 * gateway waits a little more than that (FETCH_GRACE_MS: the answer's way back), never beyond the
 * subgraph timeout. A fetch that would start after the deadline is not sent.
 */
export const SUBGRAPH_MARGIN_MS = 50;
export const FETCH_GRACE_MS = 100;

export interface FetchBudget {
  /** What the subgraph is told it has (signed into its internal token). */
  subgraphBudgetMs: number;
  /** How long the gateway waits for the subgraph's answer. */
  fetchTimeoutMs: number;
}

/** null when the deadline has passed: the fetch must not be sent. */
export function fetchBudget(deadline: number | undefined, subgraphTimeoutMs: number, now = Date.now()): FetchBudget | null {
  if (deadline === undefined) return { subgraphBudgetMs: subgraphTimeoutMs, fetchTimeoutMs: subgraphTimeoutMs };
  const remaining = deadline - now;
  if (remaining <= 0) return null;
  return {
    subgraphBudgetMs: Math.max(0, Math.min(subgraphTimeoutMs, remaining - SUBGRAPH_MARGIN_MS)),
    fetchTimeoutMs: Math.min(subgraphTimeoutMs, remaining + FETCH_GRACE_MS),
  };
}
