/**
 * The deadline of the request being served, visible to every legacy call it causes without threading it
 * through each resolver, loader and data source: the subgraph's HTTP layer opens a scope per request
 * (AsyncLocalStorage), the context factory fills in the budget the gateway signed into the internal token,
 * and the transport reads it before each call. Outside a request (a background refresh of the entity
 * cache) there is no deadline and the system's own timeout applies.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestScope {
  /** Epoch milliseconds after which no legacy call starts; undefined when the caller sent no budget. */
  deadline?: number;
  /** Some data of this answer is a stale copy served because its system is failing (marked to the gateway). */
  servedStale?: boolean;
}

const scopes = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` in a new request scope; the scope object is returned to `fn` so it can set the deadline. */
export function runInRequestScope<T>(fn: (scope: RequestScope) => T): T {
  const scope: RequestScope = {};
  return scopes.run(scope, () => fn(scope));
}

/** Sets the current request's deadline from a budget in milliseconds counted from now. */
export function setRequestBudget(budgetMs: number | undefined): void {
  const scope = scopes.getStore();
  if (scope && budgetMs !== undefined) scope.deadline = Date.now() + budgetMs;
}

/** A cache served the current request a stale copy in place of a failing system. */
export function markServedStale(): void {
  const scope = scopes.getStore();
  if (scope) scope.servedStale = true;
}

/** Whether the current request was served any such stale copy. */
export const servedStale = (): boolean => scopes.getStore()?.servedStale === true;

/** Milliseconds left before the current request's deadline (Infinity when it has none). */
export function remainingMs(now = Date.now()): number {
  const deadline = scopes.getStore()?.deadline;
  return deadline === undefined ? Infinity : deadline - now;
}
