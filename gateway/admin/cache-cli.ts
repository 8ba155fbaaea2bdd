#!/usr/bin/env node
/**
 * `npm run cache -- purge --tag Customer:100001 [--tag ...] [--gateway http://127.0.0.1:4300]`: removes the
 * cached responses holding these entities, through the purge endpoint of the gateway's admin listener
 * (`--gateway`, or PASSERELLE_GATEWAY_ADMIN_URL, else the running `npm start` stack's, else 4300 moved by
 * PASSERELLE_PORT_OFFSET; on every replica sharing its Redis). The secret comes from
 * PASSERELLE_CACHE_PURGE_SECRET. Exit codes: 0 done, 1 refused or unreachable, 2 usage.
 */
import { exitWithUsage, orUsageError, parseCommandLine } from '../../contracts/lib/cli.ts';
import { serviceUrl } from '../../contracts/lib/stack-addresses.ts';

const USAGE = `Usage: PASSERELLE_CACHE_PURGE_SECRET=... npm run cache -- purge --tag Type:id [--tag ...] [--gateway URL]

Removes the gateway's cached responses holding these entities (on every replica sharing its Redis).

  --tag Type:id   an entity, e.g. Customer:100001 (repeatable)
  --gateway URL   the gateway's admin listener (PASSERELLE_GATEWAY_ADMIN_URL; default: the running
                  "npm start" stack's, else http://127.0.0.1:4300 moved by PASSERELLE_PORT_OFFSET)
  -h, --help      this text
Exit codes: 0 done, 1 refused or unreachable, 2 usage.`;

const { values, positionals } = parseCommandLine({
  usage: USAGE,
  options: { tag: { type: 'string', multiple: true }, gateway: { type: 'string' } },
  allowPositionals: true,
});
const secret = process.env['PASSERELLE_CACHE_PURGE_SECRET'];
if (positionals[0] !== 'purge' || !values.tag?.length) exitWithUsage(USAGE, 'the command is "purge" with at least one --tag.');
if (!secret) exitWithUsage(USAGE, 'PASSERELLE_CACHE_PURGE_SECRET is not set.');
const gateway = orUsageError(USAGE, () => serviceUrl('gatewayAdmin', values.gateway));
try {
  const res = await fetch(new URL('/admin/cache/purge', gateway), {
    method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify({ tags: values.tag }),
  });
  const body = (await res.json()) as { removed?: number; errors?: { message: string }[] };
  if (!res.ok) {
    console.error(`Refused (${res.status}): ${body.errors?.[0]?.message ?? 'unknown error'}`);
    process.exit(1);
  }
  console.log(`Removed ${body.removed} cached response(s) holding ${values.tag.join(', ')}.`);
} catch {
  console.error(`The gateway's admin listener does not answer at ${gateway}.`);
  process.exit(1);
}
