/**
 * What the benchmark reads and does through a Passerelle gateway's admin listener (its own port, named on
 * the gateway's "ready at ... (admin at ...)" line): its response-cache counters (GET /metrics), so that
 * a measurement can prove it measured hits or misses, and the purge (POST /admin/cache/purge), which
 * empties a screen's entry before each cold request.
 */
export interface CacheCounters { hits: number; misses: number; stores: number }

/** The admin listener of each gateway started, by its GraphQL URL. */
const adminUrls = new Map<string, string>();

/** Remembers a gateway's admin listener from its ready line; lines without one (other gateways) are ignored. */
export function rememberAdminUrl(gatewayUrl: string, readyLine: string): void {
  const match = /\(admin at (http:\/\/[^\s;)]+)/.exec(readyLine);
  if (match) adminUrls.set(gatewayUrl, match[1] as string);
}

function adminOf(gatewayUrl: string): string {
  const admin = adminUrls.get(gatewayUrl);
  if (!admin) throw new Error(`no admin listener known for the gateway at ${gatewayUrl}`);
  return admin;
}

function counter(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

export async function cacheCounters(gatewayUrl: string): Promise<CacheCounters> {
  const res = await fetch(`${adminOf(gatewayUrl)}/metrics`);
  if (!res.ok) throw new Error(`GET /metrics answered ${res.status}`);
  const text = await res.text();
  return {
    hits: counter(text, 'passerelle_response_cache_hits_total'),
    misses: counter(text, 'passerelle_response_cache_misses_total'),
    stores: counter(text, 'passerelle_response_cache_stores_total'),
  };
}

export const countersSince = (before: CacheCounters, after: CacheCounters): CacheCounters =>
  ({ hits: after.hits - before.hits, misses: after.misses - before.misses, stores: after.stores - before.stores });

/** Removes the cached responses holding these entities; returns how many were removed. */
export async function purge(gatewayUrl: string, secret: string, tags: string[]): Promise<number> {
  const res = await fetch(`${adminOf(gatewayUrl)}/admin/cache/purge`, {
    method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify({ tags }),
  });
  const body = (await res.json()) as { removed?: number };
  if (!res.ok || typeof body.removed !== 'number') throw new Error(`purge refused (${res.status}): ${JSON.stringify(body).slice(0, 200)}`);
  return body.removed;
}
