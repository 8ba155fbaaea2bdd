/**
 * Plans: the named tiers an application subscribes to (issue 14). Each gives requests per second, an
 * operation-cost budget per minute (the cost the gateway computes for every operation,
 * gateway/limits/list-cost.ts) and a daily request quota; every end user (a token's subject) also has
 * a per-user rate within an application. The gateway enforces them (gateway/rate-limits/); the portal
 * shows them. The gateway's configuration may override the figures, never the names.
 */
export const PLAN_NAMES = ['free', 'standard', 'premium', 'first-party'] as const;
export type PlanName = (typeof PLAN_NAMES)[number];

export interface Plan {
  name: PlanName;
  title: string;
  requestsPerSecond: number;
  costPerMinute: number;
  dailyQuota: number;
  /** Requests per second of one end user (token subject, or address when anonymous) within the application. */
  userRequestsPerSecond: number;
  /** Whether developers may pick it themselves in the portal. */
  selfService: boolean;
}

export const PLANS: Readonly<Record<PlanName, Readonly<Plan>>> = Object.freeze({
  free: Object.freeze({ name: 'free', title: 'Free', requestsPerSecond: 5, costPerMinute: 3_000, dailyQuota: 10_000, userRequestsPerSecond: 5, selfService: true }),
  standard: Object.freeze({ name: 'standard', title: 'Standard', requestsPerSecond: 50, costPerMinute: 60_000, dailyQuota: 500_000, userRequestsPerSecond: 20, selfService: true }),
  premium: Object.freeze({ name: 'premium', title: 'Premium', requestsPerSecond: 200, costPerMinute: 300_000, dailyQuota: 5_000_000, userRequestsPerSecond: 50, selfService: false }),
  'first-party': Object.freeze({ name: 'first-party', title: 'First-party apps', requestsPerSecond: 2_000, costPerMinute: 3_000_000, dailyQuota: 50_000_000, userRequestsPerSecond: 20, selfService: false }),
});

export const isPlanName = (name: string): name is PlanName => (PLAN_NAMES as readonly string[]).includes(name);
