/** `check` and `publish`: send a schema file to the registry and say what it changes and what it breaks. */
import { readFile } from 'node:fs/promises';
import type { CheckReport, DiffSummary, PublishResponse } from '../../types.ts';
import { required, type CliArgs } from '../args.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { formatReport } from '../format-report.ts';
import { call, type ClientOptions } from '../registry-client.ts';

export type Print = (line: string) => void;

export async function readSchemaFile(path: string): Promise<string> {
  try { return await readFile(path, 'utf8'); } catch { throw new CliError(EXIT.usage, `Cannot read ${path}.`); }
}

export async function checkCommand(args: CliArgs, client: ClientOptions, print: Print): Promise<number> {
  const subgraph = required(args, 'subgraph');
  const sdl = await readSchemaFile(required(args, 'file'));
  const { body } = await call(client, 'POST', `/subgraphs/${encodeURIComponent(subgraph)}/check`, { sdl, ...(args['routing-url'] ? { routingUrl: args['routing-url'] } : {}) });
  const answer = body as { ok: boolean; baseVersion: number | null; hash: string; report: CheckReport; diff: DiffSummary };
  if (args.json) print(JSON.stringify(answer, null, 2));
  else {
    const approve = (answer.report.crossTeam ?? []).length > 0 ? [`To approve this candidate: npm run schema -- approve --subgraph ${subgraph} --hash ${answer.hash}`] : [];
    print([`Checking ${subgraph} (${args.file}, sha256 ${answer.hash}) against ${answer.baseVersion ? `version ${answer.baseVersion}` : 'nothing: a new subgraph'}`,
      ...formatReport(answer.report, answer.diff), ...approve].join('\n'));
  }
  return answer.ok ? EXIT.ok : EXIT.refused;
}

/** Prints the outcome of a publish or rollback; shared by both. */
export function printPublishOutcome(subgraph: string, status: number, body: unknown, json: boolean, print: Print): number {
  if (json) { print(JSON.stringify(body, null, 2)); return status === 409 ? EXIT.refused : EXIT.ok; }
  const answer = body as PublishResponse & { errors?: { message: string }[] };
  const lines: string[] = [];
  if (status === 409 || !answer.report) {
    lines.push(`REFUSED: ${subgraph} was not published. ${answer.errors?.map((e) => e.message).join(' ') ?? ''}`);
    if (!answer.report) { print(lines.join('\n')); return EXIT.refused; }
  } else if (!answer.published) {
    lines.push(`${subgraph} is unchanged (still version ${answer.subgraph?.version}): nothing was published.`);
  } else {
    const v = answer.subgraph!;
    lines.push(`Published ${subgraph} version ${v.version}${v.rollbackOf ? ` (a rollback to version ${v.rollbackOf})` : ''} by ${v.publishedBy}; supergraph version ${answer.supergraph?.version} (sha256 ${answer.supergraph?.hash.slice(0, 12)}...).`);
    if (v.forced) lines.push(`FORCED past a failing check; reason recorded: "${v.forced.reason}"`);
    for (const a of v.approvals ?? []) lines.push(`Approved by ${a.approvedBy} for ${a.team} at ${a.approvedAt}`);
  }
  if (answer.routingUrlChange) {
    lines.push(`ROUTING URL ${status === 409 ? 'would change' : 'CHANGED'}: gateways ${status === 409 ? 'would' : 'now'} call ${answer.routingUrlChange.to} (was ${answer.routingUrlChange.from}).`);
  }
  lines.push(...formatReport(answer.report, answer.published || status === 409 ? answer.diff : undefined));
  print(lines.join('\n'));
  return status === 409 ? EXIT.refused : EXIT.ok;
}

export async function publishCommand(args: CliArgs, client: ClientOptions, print: Print): Promise<number> {
  const subgraph = required(args, 'subgraph');
  const sdl = await readSchemaFile(required(args, 'file'));
  const request = {
    sdl,
    ...(args['routing-url'] ? { routingUrl: args['routing-url'] } : {}),
    ...(args.force !== undefined ? { force: { reason: args.force } } : {}),
  };
  const { status, body } = await call(client, 'POST', `/subgraphs/${encodeURIComponent(subgraph)}/publish`, request, true);
  return printPublishOutcome(subgraph, status, body, args.json ?? false, print);
}
