/**
 * A check report for people: what changed, whether it composes, what breaks and why, which client
 * operations it breaks (named, so the team to talk to is obvious), and the warnings that do not block.
 */
import { describeUsage } from '../checks/describe-usage.ts';
import { describeCrossTeam } from '../checks/cross-team.ts';
import type { CheckReport, DiffSummary, SchemaChange } from '../types.ts';

const MAX_WARNINGS_SHOWN = 20;

const indent = (lines: string[], by = '  '): string[] => lines.map((l) => `${by}${l}`);

export function formatDiff(diff: DiffSummary): string[] {
  const lines = [
    ...diff.added.map((c) => `+ ${c}`),
    ...diff.removed.map((c) => `- ${c}`),
    ...diff.changed.map((c) => `~ ${c}`),
  ];
  return lines.length > 0 ? lines : ['(no change)'];
}

const formatChanges = (changes: readonly SchemaChange[]): string[] => changes.map((c) => `${c.type.padEnd(28)} ${c.description}`);

export function formatReport(report: CheckReport, diff?: DiffSummary): string[] {
  const out: string[] = [];
  if (diff) out.push('What changed:', ...indent(formatDiff(diff)));
  const { errors, hints } = report.composition;
  out.push(errors.length === 0 ? `Composition: ok${hints.length ? ` (${hints.length} hint(s))` : ''}` : `Composition: FAILED, ${errors.length} error(s):`);
  out.push(...indent(errors));
  if (report.breaking.length > 0) out.push('Breaking changes (for clients of the graph):', ...indent(formatChanges(report.breaking)));
  if (report.dangerous.length > 0) out.push('Dangerous changes:', ...indent(formatChanges(report.dangerous)));
  if ((report.guardedRemovals ?? []).length > 0) {
    out.push('Removals that block (against the served supergraph; force with a reason if intended):', ...indent(formatChanges(report.guardedRemovals ?? [])));
  }
  if ((report.crossTeam ?? []).length > 0) {
    out.push('Needs the approval of the owning team (or an admin):', ...indent(describeCrossTeam(report.crossTeam ?? []).split('; ')));
  }
  if (report.brokenOperations.length > 0) {
    out.push(`What breaks: ${report.brokenOperations.length} registered client operation(s):`);
    for (const op of report.brokenOperations) {
      out.push(`  ${op.operation} of ${op.client} ${op.clientVersion} (${op.channel} channel)`, ...indent(op.errors, '      why: '));
    }
  } else if (errors.length === 0) {
    out.push('Client operations: none broken.');
  }
  if ((report.usage?.removedInUse ?? []).length > 0) {
    out.push(`Removed fields clients used in the last ${report.usage!.windowDays} days (real traffic):`, ...indent(report.usage!.removedInUse.map(describeUsage)));
  }
  if (report.warnings.length > 0) {
    const shown = report.warnings.slice(0, MAX_WARNINGS_SHOWN).map((w) => `[${w.rule}] ${w.coordinate}: ${w.message}`);
    const more = report.warnings.length - shown.length;
    out.push(`Warnings (never block): ${report.warnings.length}`, ...indent(shown), ...(more > 0 ? [`  ... and ${more} more (--json shows all)`] : []));
  }
  out.push(report.ok ? 'Check: PASSED' : 'Check: FAILED');
  return out;
}
