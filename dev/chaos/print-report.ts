/** The chaos report as a table: one row per phase, then each process's memory at start and end. */
import type { ChaosReport } from './run-chaos.ts';

export function printChaosReport(report: ChaosReport, print: (line: string) => void): void {
  const rows = report.phases.map((p) => [
    p.phase, String(p.requests), String(p.failed), String(p.lost), String(p.shed), String(p.p50Ms), String(p.p99Ms),
    p.legacyPerRequest.toFixed(2), `x${p.amplification.toFixed(2)}`,
    Object.entries(p.breakerOpenings).map(([s, n]) => `${s} ${n}`).join(', ') || '-',
  ]);
  const header = ['phase', 'requests', 'failed', 'lost', 'shed', 'p50 ms', 'p99 ms', 'legacy/req', 'vs baseline', 'breaker openings'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  print(line(header));
  print(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) print(line(row));
  const first = report.memory[0];
  const last = report.memory.at(-1);
  if (!first || !last) return;
  print('');
  for (const name of Object.keys(first.rssMiB)) print(`memory ${name}: ${first.rssMiB[name] ?? '-'} MiB at start, ${last.rssMiB[name] ?? '-'} MiB at end (${report.memory.length} samples)`);
}
