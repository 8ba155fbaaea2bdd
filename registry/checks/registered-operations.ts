/**
 * The operations registered in the repository: each client of clients/clients.json with its channel's
 * persisted query manifest (clients/<channel>/persisted-query-manifest.json). The repository registers a
 * client's allowed version ranges, not one manifest per version, so `clientVersion` is the client's ranges
 * ("1.x || >=2.1.0", or "*" when every version is allowed). A channel without a manifest has no operations.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CLIENTS_ROOT, manifestPath } from '../../contracts/manifest-files.ts';
import type { ClientOperations } from '../types.ts';

const clientsSchema = z.record(z.string(), z.object({ channel: z.string(), versions: z.array(z.string()).optional() }));
const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  operations: z.array(z.object({ id: z.string(), name: z.string(), body: z.string() })),
});

export function loadRegisteredOperations(clientsRoot: string = CLIENTS_ROOT): ClientOperations[] {
  const clients = clientsSchema.parse(JSON.parse(readFileSync(join(clientsRoot, 'clients.json'), 'utf8')));
  return Object.entries(clients).flatMap(([client, { channel, versions }]) => {
    const path = manifestPath(clientsRoot, channel);
    if (!existsSync(path)) return [];
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    const operations = manifest.operations.map(({ id, name, body }) => ({ id, name, body }));
    return [{ client, clientVersion: versions && versions.length > 0 ? versions.join(' || ') : '*', channel, operations }];
  });
}
