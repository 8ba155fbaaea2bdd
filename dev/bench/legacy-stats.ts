/** Legacy calls counted by the stand-ins (their /__admin/stats routes), to price one operation. */
export interface LegacyCalls { total: number; byRoute: Record<string, number> }

export async function resetLegacyCalls(legacy: Record<string, string>): Promise<void> {
  await Promise.all(Object.values(legacy).map((url) => fetch(`${url}/__admin/stats/reset`, { method: 'POST' }).then((r) => r.arrayBuffer())));
}

export async function legacyCalls(legacy: Record<string, string>): Promise<LegacyCalls> {
  const stats = await Promise.all(Object.values(legacy).map(async (url) =>
    (await (await fetch(`${url}/__admin/stats`)).json()) as { system: string; total: number; byRoute: Record<string, number> }));
  const byRoute: Record<string, number> = {};
  for (const s of stats) for (const [route, n] of Object.entries(s.byRoute)) byRoute[`${s.system} ${route}`] = n;
  return { total: stats.reduce((sum, s) => sum + s.total, 0), byRoute };
}

/** The legacy calls `run` causes, measured alone: nothing else may be in flight meanwhile. */
export async function legacyCallsOf(legacy: Record<string, string>, run: () => Promise<unknown>): Promise<LegacyCalls> {
  await resetLegacyCalls(legacy);
  await run();
  return legacyCalls(legacy);
}

/** "5 (crm 1, billing 2, ...)": per system, from routes labelled "<system> <route>". */
export function describeCalls(calls: LegacyCalls): string {
  const bySystem = new Map<string, number>();
  for (const [route, n] of Object.entries(calls.byRoute)) {
    const system = route.split(' ')[0] as string;
    bySystem.set(system, (bySystem.get(system) ?? 0) + n);
  }
  return calls.total === 0 ? '0' : `${calls.total} (${[...bySystem].map(([s, n]) => `${s} ${n}`).join(', ')})`;
}
