/** The channel of each registered client (clients/clients.json): a manifest PUT for it needs no channel. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function readClientChannels(clientsRoot: string): Record<string, string> {
  let raw: string;
  try { raw = readFileSync(join(clientsRoot, 'clients.json'), 'utf8'); } catch { return {}; }
  const clients = JSON.parse(raw) as Record<string, { channel?: unknown }>;
  return Object.fromEntries(Object.entries(clients).flatMap(([name, c]) => (typeof c.channel === 'string' ? [[name, c.channel]] : [])));
}
