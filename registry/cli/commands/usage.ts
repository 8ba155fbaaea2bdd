/**
 * Usage KPIs from the registry's /usage API: `npm run usage -- report` (top operations, error rates, p95
 * per client version) and `npm run schema -- usage --field Type.field` (who still reads a field).
 */
import type { FieldUsage, OperationUsage } from '../../../contracts/usage/usage-report.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { call, type ClientOptions } from '../registry-client.ts';
import type { Print } from './check-publish.ts';

export interface UsageArgs { since?: string | undefined; client?: string | undefined; field?: string[] | undefined; limit?: string | undefined; json?: boolean | undefined }

const table = (rows: string[][]): string[] => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
};
const at = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
const query = (pairs: [string, string | undefined][]): string =>
  new URLSearchParams(pairs.filter((p): p is [string, string] => p[1] !== undefined)).toString();

export async function usageReportCommand(args: UsageArgs, client: ClientOptions, print: Print): Promise<number> {
  const { body } = await call(client, 'GET', `/usage/operations?${query([['since', args.since ?? '7d'], ['client', args.client], ['limit', args.limit]])}`);
  const { since, operations } = body as { since: string; operations: OperationUsage[] };
  if (args.json) { print(JSON.stringify({ since, operations }, null, 2)); return EXIT.ok; }
  if (operations.length === 0) { print(`No traffic recorded since ${since}${args.client ? ` for ${args.client}` : ''}.`); return EXIT.ok; }
  print(`Top operations since ${since}${args.client ? ` (client ${args.client})` : ''}:`);
  print(table([['CLIENT', 'VERSION', 'OPERATION', 'HASH', 'REQUESTS', 'ERRORS', 'ERROR RATE', 'P95 MS', 'LAST SEEN (UTC)'],
    ...operations.map((o) => [o.client, o.clientVersion, o.operationName ?? '(anonymous)', o.operationHash.slice(0, 12), String(o.requests), String(o.errors),
      `${(o.errorRate * 100).toFixed(1)}%`, `<=${o.p95Ms}`, at(o.lastSeen)])]).join('\n'));
  return EXIT.ok;
}

export async function fieldUsageCommand(args: UsageArgs, client: ClientOptions, print: Print): Promise<number> {
  const fields = args.field ?? [];
  if (fields.length === 0) throw new CliError(EXIT.usage, '--field Type.field is required (repeat it for several).');
  const { body } = await call(client, 'GET', `/usage/fields?${query([...fields.map((f): [string, string] => ['coordinate', f]), ['since', args.since ?? '30d'], ['client', args.client]])}`);
  const { since, fields: usage } = body as { since: string; fields: FieldUsage[] };
  if (args.json) { print(JSON.stringify({ since, fields: usage }, null, 2)); return EXIT.ok; }
  for (const field of fields) {
    const rows = usage.filter((u) => u.coordinate === field);
    if (rows.length === 0) { print(`${field}: no client read it since ${since}.`); continue; }
    print(`${field}: read by ${new Set(rows.map((r) => `${r.client} ${r.clientVersion}`)).size} client version(s) since ${since}:`);
    print(table([['CLIENT', 'VERSION', 'OPERATION', 'HASH', 'REQUESTS', 'LAST SEEN (UTC)'],
      ...rows.map((r) => [r.client, r.clientVersion, r.operationName ?? '(anonymous)', r.operationHash.slice(0, 12), String(r.requests), at(r.lastSeen)])]).map((l) => `  ${l}`).join('\n'));
  }
  return EXIT.ok;
}
