/**
 * `credentials create --role owner --subgraph catalog`: adds a credential to the registry's credentials
 * file (run on the registry's host; the running registry picks it up) and prints its token, once:
 * only its scrypt hash is kept.
 */
import { join } from 'node:path';
import { createCredential, DEFAULT_CREDENTIALS_FILE, type NewCredential } from '../../credentials/credentials-file.ts';
import { SUBGRAPH_NAME } from '../../store/file-store.ts';
import { required, type CliArgs } from '../args.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import type { Print } from './check-publish.ts';

export async function credentialsCommand(action: string | undefined, args: CliArgs, print: Print): Promise<number> {
  if (action !== 'create') throw new CliError(EXIT.usage, 'usage: npm run schema -- credentials create --role owner|reader|admin [--subgraph NAME] [--id ID]');
  const role = required(args, 'role');
  if (role !== 'owner' && role !== 'reader' && role !== 'admin') throw new CliError(EXIT.usage, '--role must be owner, reader or admin.');
  if ((role === 'owner') !== (args.subgraph !== undefined)) throw new CliError(EXIT.usage, 'An owner credential needs --subgraph (and only an owner has one).');
  if (args.subgraph !== undefined && !SUBGRAPH_NAME.test(args.subgraph)) throw new CliError(EXIT.usage, `"${args.subgraph}" is not a subgraph name.`);
  // The same defaults as the registry's: --credentials, PASSERELLE_REGISTRY_CREDENTIALS, <PASSERELLE_REGISTRY_DIR>/credentials.json.
  const dir = process.env['PASSERELLE_REGISTRY_DIR'];
  const path = args.credentials ?? process.env['PASSERELLE_REGISTRY_CREDENTIALS'] ?? (dir ? join(dir, 'credentials.json') : DEFAULT_CREDENTIALS_FILE);
  const spec: NewCredential = { role, ...(args.subgraph ? { subgraph: args.subgraph } : {}), ...(args.id ? { id: args.id } : {}) };
  let made;
  try { made = await createCredential(path, spec); } catch (error) { throw new CliError(EXIT.usage, (error as Error).message); }
  const { credential, token } = made;
  if (args.json) { print(JSON.stringify({ id: credential.id, role: credential.role, subgraph: credential.subgraph, token })); return EXIT.ok; }
  print([
    `Created ${credential.role} credential ${credential.id}${credential.subgraph ? ` for subgraph ${credential.subgraph}` : ''} in ${path}.`,
    'Its token is shown this once (only a hash is kept); store it as PASSERELLE_REGISTRY_TOKEN in your CI secrets:',
    token,
  ].join('\n'));
  return EXIT.ok;
}
