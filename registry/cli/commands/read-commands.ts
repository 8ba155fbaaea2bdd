/** The read commands: list, history, diff, supergraph, status. */
import { writeFile } from 'node:fs/promises';
import type { DeploymentStatus } from '../../service/deployments.ts';
import type { CheckReport, DiffSummary, SubgraphVersion, SupergraphVersion, VersionDiff } from '../../types.ts';
import { required, versionNumber, type CliArgs } from '../args.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { formatDiff } from '../format-report.ts';
import { call, type ClientOptions } from '../registry-client.ts';
import { readSchemaFile, type Print } from './check-publish.ts';

type Summary = Omit<SubgraphVersion, 'sdl'> & { deployment?: string };
const table = (rows: string[][]): string[] => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
};

export async function listCommand(args: CliArgs, client: ClientOptions, print: Print): Promise<number> {
  const { body } = await call(client, 'GET', '/subgraphs');
  const { subgraphs } = body as { subgraphs: Summary[] };
  if (args.json) { print(JSON.stringify(subgraphs, null, 2)); return EXIT.ok; }
  if (subgraphs.length === 0) { print('No subgraph was published yet.'); return EXIT.ok; }
  print(table([['SUBGRAPH', 'VERSION', 'ROUTING URL', 'PUBLISHED BY', 'AT'],
    ...subgraphs.map((s) => [s.subgraph, String(s.version), s.routingUrl, s.publishedBy, s.publishedAt])]).join('\n'));
  return EXIT.ok;
}

const checkCell = (v: Summary): string => (v.check.ok ? 'passed' : v.forced ? `FORCED: ${v.forced.reason}` : 'failed');
const diffCell = (d: DiffSummary): string => `+${d.added.length} -${d.removed.length} ~${d.changed.length}`;

/** Rollback, and the other teams' approvals the version needed: who approved, for which team. */
const noteCell = (v: Summary): string => [
  v.deployment ?? '',
  v.rollbackOf ? `rollback to v${v.rollbackOf}` : '',
  ...(v.approvals ?? []).map((a) => `approved by ${a.approvedBy} (${a.team}) ${a.approvedAt}`),
].filter(Boolean).join('; ');

export async function historyCommand(args: CliArgs, client: ClientOptions, print: Print): Promise<number> {
  const subgraph = required(args, 'subgraph');
  const { body } = await call(client, 'GET', `/subgraphs/${encodeURIComponent(subgraph)}/history`);
  const { versions } = body as { versions: Summary[] };
  if (args.json) { print(JSON.stringify(versions, null, 2)); return EXIT.ok; }
  print(table([['VERSION', 'AT', 'BY', 'CHECK', 'DIFF', 'NOTE'],
    ...versions.map((v) => [String(v.version), v.publishedAt, v.publishedBy, checkCell(v), diffCell(v.diff), noteCell(v)])]).join('\n'));
  return EXIT.ok;
}

export async function diffCommand(args: CliArgs, client: ClientOptions, print: Print): Promise<number> {
  const subgraph = required(args, 'subgraph');
  if (args.file) {
    const sdl = await readSchemaFile(args.file);
    const { body } = await call(client, 'POST', `/subgraphs/${encodeURIComponent(subgraph)}/check`, { sdl });
    const answer = body as { baseVersion: number | null; diff: DiffSummary; report: CheckReport };
    if (args.json) { print(JSON.stringify({ diff: answer.diff, breaking: answer.report.breaking }, null, 2)); return EXIT.ok; }
    print([`${subgraph}: ${args.file} against version ${answer.baseVersion ?? '(none)'}`, ...formatDiff(answer.diff),
      ...answer.report.breaking.map((c) => `breaking: ${c.description}`)].join('\n'));
    return EXIT.ok;
  }
  const query = new URLSearchParams({ subgraph });
  const [from, to] = [versionNumber(args.from, 'from'), versionNumber(args.to, 'to')];
  if (from) query.set('from', String(from));
  if (to) query.set('to', String(to));
  const { body } = await call(client, 'GET', `/diff?${query}`);
  const diff = body as VersionDiff;
  if (args.json) { print(JSON.stringify(diff, null, 2)); return EXIT.ok; }
  print([`${subgraph}: version ${diff.from} -> ${diff.to}`, ...formatDiff(diff.diff),
    ...diff.breaking.map((c) => `breaking: ${c.description}`), ...diff.dangerous.map((c) => `dangerous: ${c.description}`)].join('\n'));
  return EXIT.ok;
}

export async function supergraphCommand(args: CliArgs, client: ClientOptions, print: Print): Promise<number> {
  const version = versionNumber(args.version, 'version');
  const { body } = await call(client, 'GET', version ? `/supergraph/versions/${version}` : '/supergraph');
  const supergraph = body as SupergraphVersion;
  if (args.output) {
    try { await writeFile(args.output, supergraph.sdl); } catch { throw new CliError(EXIT.usage, `Cannot write ${args.output}.`); }
    print(`Wrote supergraph version ${supergraph.version} (sha256 ${supergraph.hash}) to ${args.output}.`);
  } else {
    print(args.json ? JSON.stringify(supergraph, null, 2) : supergraph.sdl);
  }
  return EXIT.ok;
}

/** Whether gateways serve the latest supergraph, or wait for subgraphs to serve their published schema. */
export async function statusCommand(args: CliArgs, client: ClientOptions, print: Print): Promise<number> {
  const { body } = await call(client, 'GET', '/supergraph/status');
  const status = body as DeploymentStatus;
  if (args.json) { print(JSON.stringify(status, null, 2)); return EXIT.ok; }
  if (!status.supergraph) { print('Nothing was published yet.'); return EXIT.ok; }
  const served = status.served ? `gateways serve version ${status.served.version} (said at ${status.served.reportedAt})` : 'no gateway has polled this registry yet';
  print([`supergraph version ${status.supergraph.version}: ${status.state}`, served,
    ...(status.waitingFor.length > 0 ? [`waiting for the deployment of: ${status.waitingFor.join(', ')}`] : [])].join('\n'));
  return EXIT.ok;
}
