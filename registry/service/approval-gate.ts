/**
 * The approvals a publish needs before it may change what other teams own: one per owning team named in
 * the report's crossTeam changes, from that team's owner or an admin, for this exact candidate (its
 * hash). An admin's own publish is its approval. Missing ones refuse the publish with APPROVAL_REQUIRED,
 * naming each team and the coordinates, and saying how to approve; force does not bypass this.
 */
import { describeCrossTeam } from '../checks/cross-team.ts';
import type { Approval, CheckReport, RegistryRole } from '../types.ts';
import type { ApprovalBook } from './approvals.ts';
import { RegistryError } from './registry-error.ts';

export interface GateRequest { subgraph: string; hash: string; actor: string; actorRole?: RegistryRole | undefined }

/** The approvals to record with the version (empty when nothing crosses a team); throws when one is missing. */
export function approvalsFor(report: CheckReport, request: GateRequest, book: ApprovalBook, details: Record<string, unknown>): Approval[] {
  const changes = report.crossTeam ?? [];
  if (changes.length === 0) return [];
  if (request.actorRole === 'admin') {
    return [{ subgraph: request.subgraph, hash: request.hash, team: 'admin', approvedBy: request.actor, approvedAt: new Date().toISOString() }];
  }
  const granted = book.of(request.subgraph, request.hash);
  const teams = [...new Set(changes.map((c) => c.owner))];
  const admin = granted.find((a) => a.team === 'admin');
  const missing = admin ? [] : teams.filter((team) => !granted.some((a) => a.team === team));
  if (missing.length > 0) {
    const waiting = changes.filter((c) => missing.includes(c.owner));
    throw new RegistryError('APPROVAL_REQUIRED',
      `${request.subgraph} changes what ${missing.join(', ')} own(s): ${describeCrossTeam(waiting)}. Each owning team (or an admin) must approve this candidate first: npm run schema -- approve --subgraph ${request.subgraph} --hash ${request.hash}`,
      { ...details, hash: request.hash, missingApprovals: missing.map((team) => ({ team, coordinates: waiting.filter((c) => c.owner === team).map((c) => c.coordinate) })) });
  }
  return admin ? [admin] : teams.map((team) => granted.find((a) => a.team === team)!);
}
