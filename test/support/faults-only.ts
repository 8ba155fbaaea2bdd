/**
 * For tests about what each legacy fault turns into (a coded error, nothing leaked): no retries and a
 * breaker that never opens, so that one test's failures do not change the next one's answer. The
 * resilience policy has tests of its own (subgraphs/runtime/transport/resilience/, test/e2e/resilience*).
 */
import type { ResilienceOverrides } from '../../subgraphs/runtime/transport/resilience/resilience-options.ts';

export const FAULTS_ONLY: ResilienceOverrides = Object.freeze({
  breaker: { consecutiveFailures: 1_000_000, minimumRps: 1_000_000 },
  retry: { maxAttempts: 1 },
});
