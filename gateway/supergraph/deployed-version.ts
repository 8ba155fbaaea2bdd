/**
 * What a gateway without a last good supergraph starts on when the registry's current version is still
 * waiting for its subgraphs' deployment: the version other gateways serve, as the registry reports it
 * (GET /supergraph/status, then that version). Null when the registry reports none older than its current
 * version, or cannot tell: the gateway then starts on the current one, having nothing older to serve.
 */
import type { LastGood } from './last-good-file.ts';

export async function deployedVersion(registryUrl: string, token: string | undefined, timeoutMs: number): Promise<LastGood | null> {
  const get = async (path: string): Promise<Record<string, unknown> | null> => {
    const res = await fetch(new URL(path, registryUrl), {
      headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(timeoutMs),
    });
    return res.ok ? ((await res.json()) as Record<string, unknown>) : null;
  };
  try {
    const status = (await get('/supergraph/status')) as { supergraph?: { version: number } | null; served?: { version: number } | null } | null;
    const served = status?.served?.version;
    if (!status?.supergraph || served === undefined || !Number.isInteger(served) || served >= status.supergraph.version) return null;
    const found = (await get(`/supergraph/versions/${served}`)) as { version?: number; sdl?: unknown; storeId?: string } | null;
    return found && typeof found.sdl === 'string' && found.version === served ? { version: served, sdl: found.sdl, storeId: found.storeId ?? null } : null;
  } catch {
    return null;
  }
}
