/**
 * The legacy-system policies alive in this process, for readiness and metrics. Each transport client
 * (REST or SOAP) protects its system with one policy, registered on creation and released on close;
 * a subgraph process normally talks to one or two systems, so this is what its `/ready?verbose` shows.
 */
import { LegacyPolicy as BasePolicy } from './legacy-policy.ts';
import { RESILIENCE_DEFAULTS, type ResilienceOptions } from './resilience-options.ts';
import type { PolicySnapshot } from './policy-snapshot.ts';

export type LegacyPolicy = RegisteredPolicy;

class RegisteredPolicy extends BasePolicy {
  /** Drops the policy from readiness (its client closed). */
  release(): void {
    alive.delete(this);
  }
}

const alive = new Set<RegisteredPolicy>();

/** A new policy for `system`, visible in snapshots until released. */
export function protectLegacySystem(system: string, options: ResilienceOptions = RESILIENCE_DEFAULTS): RegisteredPolicy {
  const policy = new RegisteredPolicy(system, options);
  alive.add(policy);
  return policy;
}

/** One entry per protected system (policies of the same system, e.g. two clients, are listed apart). */
export function legacyPolicySnapshots(): PolicySnapshot[] {
  return [...alive].map((policy) => policy.snapshot());
}
