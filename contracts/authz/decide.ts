/**
 * The one decision function, used by the gateway (before planning) and by every subgraph (shield).
 * Context policies need only the principal; data policies need the object being read and are decided
 * in the subgraph that owns the data (the gateway, which has no data before planning, passes them).
 */
import type { Principal } from '../principal.ts';
import type { Rule } from './spec.ts';

export type Decision = { allowed: true } | { allowed: false; code: 'UNAUTHENTICATED' | 'FORBIDDEN' };

export interface ContextPolicy { needs: 'context'; description: string; allows(principal: Principal): boolean }
export interface DataPolicy<Parent = never> { needs: 'data'; description: string; allows(principal: Principal, parent: Parent): boolean }
export type Policy = ContextPolicy | DataPolicy<never>;

const ALLOW: Decision = Object.freeze({ allowed: true });
const deny = (principal: Principal): Decision =>
  ({ allowed: false, code: principal.role === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN' });

export interface DecideOptions {
  policies: Readonly<Record<string, Policy>>;
  /** The object whose field is read (subgraph side); absent at the gateway. */
  parent?: unknown;
  /** 'gateway': data policies are left to the subgraphs. 'subgraph': every rule is decided. */
  at: 'gateway' | 'subgraph';
}

export function decide(rules: readonly Rule[], principal: Principal, options: DecideOptions): Decision {
  for (const rule of rules) {
    switch (rule.kind) {
      case 'public':
        break;
      case 'authenticated':
        if (principal.role === 'anonymous') return deny(principal);
        break;
      case 'roles':
        if (!rule.roles.includes(principal.role)) return deny(principal);
        break;
      case 'scopes':
        if (!rule.anyOf.some((all) => all.every((scope) => principal.scopes.includes(scope)))) return deny(principal);
        break;
      case 'policy': {
        const policy = options.policies[rule.name];
        // The gateway knows only context policies: the others are data policies, decided by the subgraph
        // that owns the data (which refuses to start when it does not implement one). A subgraph fails closed.
        if (!policy) {
          if (options.at === 'gateway') break;
          return deny(principal);
        }
        if (policy.needs === 'context' && !policy.allows(principal)) return deny(principal);
        if (policy.needs === 'data' && options.at === 'subgraph' && !(policy as DataPolicy<unknown>).allows(principal, options.parent)) return deny(principal);
        break;
      }
    }
  }
  return ALLOW;
}
