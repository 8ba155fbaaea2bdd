/** `rollback --subgraph NAME --to N`: re-publishes version N as a new version, through the same checks. */
import { required, versionNumber, type CliArgs } from '../args.ts';
import { call, type ClientOptions } from '../registry-client.ts';
import { printPublishOutcome, type Print } from './check-publish.ts';

export async function rollbackCommand(args: CliArgs, client: ClientOptions, print: Print): Promise<number> {
  const subgraph = required(args, 'subgraph');
  const toVersion = versionNumber(required(args, 'to'), 'to');
  const request = { toVersion, ...(args.force !== undefined ? { force: { reason: args.force } } : {}) };
  const { status, body } = await call(client, 'POST', `/subgraphs/${encodeURIComponent(subgraph)}/rollback`, request, true);
  return printPublishOutcome(subgraph, status, body, args.json ?? false, print);
}
