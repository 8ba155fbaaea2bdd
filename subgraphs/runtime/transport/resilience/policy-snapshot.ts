/** What a legacy system's protection looks like from outside, and which errors count against a system. */
export interface PolicySnapshot {
  system: string;
  breaker: 'closed' | 'open' | 'half-open';
  inFlight: number;
  queued: number;
  maxConcurrent: number;
  /** Retries taken from the budget over its current window. */
  retriesInWindow: number;
  /** Retries the budget refused since start. */
  retriesRefused: number;
  /** Counters since start. */
  calls: number;
  retries: number;
  shortCircuited: number;
  overloaded: number;
  deadlineExceeded: number;
  /** Times the breaker opened. */
  opened: number;
}

/** The codes the transport gives a sick system; business answers (not found, conflict) are not failures. */
const SYSTEM_FAILURES = new Set(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT', 'UPSTREAM_ERROR']);

export function isSystemFailure(error: Error): boolean {
  const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
  return typeof code === 'string' && SYSTEM_FAILURES.has(code);
}
