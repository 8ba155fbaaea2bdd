/**
 * The protection wrapped around every call to one legacy system: a bulkhead (bounded concurrency and
 * queue), a circuit breaker (consecutive failures or failure rate; half-open probes), retries of
 * idempotent calls with full-jitter exponential backoff inside a retry budget, and the request's deadline
 * capping every timeout. Order, outermost first: deadline check -> retry loop -> bulkhead -> breaker ->
 * call, so a refused or short-circuited attempt is never retried and a bulkhead refusal never counts as
 * a failure of the system. cockatiel provides the breaker and the bulkhead; the retry loop is ours
 * because it must consult the budget and the deadline before each attempt.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { BrokenCircuitError, BulkheadRejectedError, CircuitState, bulkhead, circuitBreaker, handleWhen, type BulkheadPolicy, type CircuitBreakerPolicy } from 'cockatiel';
import { codedError } from '../../../../contracts/error-codes.ts';
import { EitherBreaker } from './either-breaker.ts';
import { remainingMs } from './request-deadline.ts';
import type { ResilienceOptions } from './resilience-options.ts';
import { RetryBudget } from './retry-budget.ts';
import { isSystemFailure, type PolicySnapshot } from './policy-snapshot.ts';

/** An attempt shorter than this is not worth starting: the answer could not arrive in time. */
export const MIN_ATTEMPT_MS = 20;

export interface CallOptions {
  /** Safe to repeat: reads, and writes carrying an idempotency key the system honours. */
  idempotent: boolean;
  /**
   * Retry after a timeout too: for a write with an idempotency key, whose outcome a timeout leaves
   * unknown (the retry either applies it or returns what was applied). Reads are not retried after a
   * timeout: the system is slow already, and a second wait would only pile more work on it.
   */
  retryTimeouts?: boolean;
  /** The system's own timeout for this call; the request's remaining budget caps it. */
  timeoutMs: number;
}

const codeOf = (error: unknown): unknown => (error as { extensions?: { code?: unknown } }).extensions?.code;

const STATE_NAMES: Record<CircuitState, PolicySnapshot['breaker']> = {
  [CircuitState.Closed]: 'closed', [CircuitState.Open]: 'open', [CircuitState.HalfOpen]: 'half-open', [CircuitState.Isolated]: 'open',
};

export class LegacyPolicy {
  private readonly breaker: CircuitBreakerPolicy;
  private readonly bulkhead: BulkheadPolicy;
  private readonly budget: RetryBudget;
  private readonly counters = { calls: 0, retries: 0, shortCircuited: 0, overloaded: 0, deadlineExceeded: 0, opened: 0 };

  constructor(readonly system: string, private readonly options: ResilienceOptions, now: () => number = Date.now) {
    const { halfOpenAfterMs, ...breakerOptions } = options.breaker;
    this.breaker = circuitBreaker(handleWhen(isSystemFailure), { halfOpenAfter: halfOpenAfterMs, breaker: new EitherBreaker(breakerOptions) });
    this.breaker.onBreak(() => { this.counters.opened += 1; });
    this.bulkhead = bulkhead(options.bulkhead.maxConcurrent, options.bulkhead.maxQueued);
    const { budgetRatio, budgetMinPerWindow, budgetWindowMs } = options.retry;
    this.budget = new RetryBudget({ ratio: budgetRatio, minPerWindow: budgetMinPerWindow, windowMs: budgetWindowMs }, now);
  }

  /** Runs `attempt` (given its timeout in ms and its number, 1 first) under the policy; throws coded errors only. */
  async execute<T>(attempt: (timeoutMs: number, attemptNo: number) => Promise<T>, call: CallOptions): Promise<T> {
    this.counters.calls += 1;
    this.budget.recordCall();
    for (let n = 1; ; n += 1) {
      const remaining = remainingMs();
      if (remaining < MIN_ATTEMPT_MS) {
        this.counters.deadlineExceeded += 1;
        throw codedError('DEADLINE_EXCEEDED', `The request ran out of time before the ${this.system} was called.`, { system: this.system });
      }
      try {
        const timeoutMs = Math.min(call.timeoutMs, remaining);
        return await this.bulkhead.execute(() => this.breaker.execute(() => attempt(timeoutMs, n)));
      } catch (error) {
        const refusal = this.refusal(error);
        if (refusal) throw refusal;
        if (!this.mayRetry(error, n, call)) throw error;
        const delay = Math.random() * Math.min(this.options.retry.maxDelayMs, this.options.retry.baseDelayMs * 2 ** (n - 1));
        if (remainingMs() < delay + MIN_ATTEMPT_MS || !this.budget.tryRetry()) throw error;
        this.counters.retries += 1;
        await sleep(delay);
      }
    }
  }

  /** What readiness and metrics show about this system. */
  snapshot(): PolicySnapshot {
    return {
      system: this.system,
      breaker: STATE_NAMES[this.breaker.state],
      inFlight: this.options.bulkhead.maxConcurrent - this.bulkhead.executionSlots,
      queued: this.options.bulkhead.maxQueued - this.bulkhead.queueSlots,
      maxConcurrent: this.options.bulkhead.maxConcurrent,
      retriesInWindow: this.budget.spent(),
      retriesRefused: this.budget.refused,
      ...this.counters,
    };
  }

  private refusal(error: unknown): Error | undefined {
    if (error instanceof BrokenCircuitError) {
      this.counters.shortCircuited += 1;
      return codedError('UPSTREAM_UNAVAILABLE', `The ${this.system} is unavailable.`, { system: this.system });
    }
    if (error instanceof BulkheadRejectedError) {
      this.counters.overloaded += 1;
      return codedError('UPSTREAM_OVERLOADED', `The ${this.system} is busy: too many calls are waiting for it.`, { system: this.system });
    }
    return undefined;
  }

  /** A refused connection, a 503 page or a fault may pass; a timeout only where CallOptions says so. */
  private mayRetry(error: unknown, attempt: number, call: CallOptions): boolean {
    if (!call.idempotent || attempt >= this.options.retry.maxAttempts || !isSystemFailure(error as Error)) return false;
    return codeOf(error) !== 'UPSTREAM_TIMEOUT' || call.retryTimeouts === true;
  }
}
