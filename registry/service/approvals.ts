/**
 * Approvals of cross-team changes (checks/cross-team.ts). The owner of the team whose field or type a
 * candidate changes (or an admin) approves that exact candidate, named by its SHA-256, before it is
 * published: `POST /subgraphs/catalog/approvals {hash}`. The publish then passes, and the approvals it
 * used are recorded with the new version, for ever (who, which team, when). Pending approvals are held
 * here, in the registry process, until used or expired: a restart loses them, and they must be recorded
 * on the registry that receives the publish.
 */
import type { Approval } from '../types.ts';
import { RegistryError } from './registry-error.ts';

export const APPROVAL_DEFAULTS = Object.freeze({ ttlMs: 24 * 60 * 60_000, maxPending: 1_000 });
export const CANDIDATE_HASH = /^[0-9a-f]{64}$/;

export class ApprovalBook {
  private readonly pending = new Map<string, { approval: Approval; until: number }[]>();

  constructor(private readonly ttlMs: number = APPROVAL_DEFAULTS.ttlMs) {}

  record(approval: Approval): void {
    this.expire();
    if (this.size() >= APPROVAL_DEFAULTS.maxPending) throw new RegistryError('CONFLICT', `${APPROVAL_DEFAULTS.maxPending} approvals are pending already: publish or let them expire first.`);
    const key = `${approval.subgraph} ${approval.hash}`;
    const others = (this.pending.get(key) ?? []).filter((p) => p.approval.team !== approval.team);
    this.pending.set(key, [...others, { approval, until: Date.now() + this.ttlMs }]);
  }

  /** Unexpired approvals of one candidate. */
  of(subgraph: string, hash: string): Approval[] {
    this.expire();
    return (this.pending.get(`${subgraph} ${hash}`) ?? []).map((p) => p.approval);
  }

  /** Once a candidate is published its approvals are in its version, not here. */
  consume(subgraph: string, hash: string): void {
    this.pending.delete(`${subgraph} ${hash}`);
  }

  private size(): number {
    return [...this.pending.values()].reduce((n, list) => n + list.length, 0);
  }

  private expire(): void {
    const now = Date.now();
    for (const [key, list] of this.pending) {
      const live = list.filter((p) => p.until > now);
      if (live.length === 0) this.pending.delete(key);
      else this.pending.set(key, live);
    }
  }
}
