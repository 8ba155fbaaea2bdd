/**
 * `approve --subgraph NAME (--hash SHA256 | --file SCHEMA.graphql)`: the owner of another team (or an
 * admin) approves one candidate of NAME that changes what that team owns (an @override of its field, a
 * change to its entity). The hash is what `check` prints; --file computes it from the schema file.
 */
import { createHash } from 'node:crypto';
import { required, type CliArgs } from '../args.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { call, type ClientOptions } from '../registry-client.ts';
import { readSchemaFile, type Print } from './check-publish.ts';

export async function approveCommand(args: CliArgs, client: ClientOptions, print: Print): Promise<number> {
  const subgraph = required(args, 'subgraph');
  const hash = args.hash ?? (args.file ? createHash('sha256').update(await readSchemaFile(args.file)).digest('hex') : undefined);
  if (!hash) throw new CliError(EXIT.usage, '--hash (as check prints it) or --file is required.');
  const { body } = await call(client, 'POST', `/subgraphs/${encodeURIComponent(subgraph)}/approvals`, { hash });
  const approval = body as { team: string; approvedBy: string; approvedAt: string };
  print(args.json ? JSON.stringify(approval, null, 2)
    : `Approved ${subgraph} candidate ${hash} for ${approval.team} (by ${approval.approvedBy} at ${approval.approvedAt}); its publish may now proceed.`);
  return EXIT.ok;
}
