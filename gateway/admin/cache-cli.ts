#!/usr/bin/env node
/**
 * `npm run cache -- purge --tag Customer:100001 [--tag ...] [--gateway http://127.0.0.1:4300]`: removes the
 * cached responses holding these entities, through the purge endpoint of the gateway's admin listener
 * (`--gateway`, or PASSERELLE_GATEWAY_ADMIN_URL; on every replica sharing its Redis). The secret comes from
 * PASSERELLE_CACHE_PURGE_SECRET. Exit codes: 0 done, 1 refused or unreachable, 2 usage.
 */
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: { tag: { type: 'string', multiple: true }, gateway: { type: 'string', default: process.env['PASSERELLE_GATEWAY_ADMIN_URL'] ?? 'http://127.0.0.1:4300' } },
  allowPositionals: true,
});
const secret = process.env['PASSERELLE_CACHE_PURGE_SECRET'];
if (positionals[0] !== 'purge' || !values.tag?.length || !secret) {
  console.error('Usage: PASSERELLE_CACHE_PURGE_SECRET=... npm run cache -- purge --tag Type:id [--tag ...] [--gateway URL]');
  process.exit(2);
}
try {
  const res = await fetch(new URL('/admin/cache/purge', values.gateway), {
    method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify({ tags: values.tag }),
  });
  const body = (await res.json()) as { removed?: number; errors?: { message: string }[] };
  if (!res.ok) {
    console.error(`Refused (${res.status}): ${body.errors?.[0]?.message ?? 'unknown error'}`);
    process.exit(1);
  }
  console.log(`Removed ${body.removed} cached response(s) holding ${values.tag.join(', ')}.`);
} catch {
  console.error(`The gateway's admin listener does not answer at ${values.gateway}.`);
  process.exit(1);
}
