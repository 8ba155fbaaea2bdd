/**
 * What usage recording costs the gateway: the same tiny supergraph served by three gateways, recording on
 * (into an embedded store, or PostgreSQL) and two with recording off, loaded by autocannon in rotating
 * rounds of one run, so that a shared machine's drift weighs on all alike. The two identical "off"
 * gateways measure the bench's own noise (an A/A comparison): a difference on/off smaller than that is
 * not a cost that this run can see.
 */
import autocannon from 'autocannon';
import { openUsageStore } from '../../../contracts/usage/open-usage-store.ts';
import { loadGatewayConfig } from '../../../gateway/config.ts';
import { startGateway } from '../../../gateway/server.ts';
import { startTinySubgraph } from '../../../test/support/tiny-subgraph.ts';

export interface OverheadResult { label: string; reqPerSec: number; p99Ms: number; requests: number; non2xx: number }

const BODIES = ['query Hello { hello }', 'query Both { hello sawInternalToken }', 'query Tokened { sawInternalToken }'].map((query) => JSON.stringify({ query }));

async function load(url: string, seconds: number, connections: number): Promise<autocannon.Result> {
  return autocannon({
    url, connections, duration: seconds,
    requests: BODIES.map((body) => ({ method: 'POST', body, headers: { 'content-type': 'application/json', 'apollographql-client-name': 'bench', 'apollographql-client-version': '1.0.0' } })),
  });
}

export async function measureRecordingOverhead(options: { seconds: number; rounds: number; connections: number; databaseUrl?: string; flushIntervalMs?: number }): Promise<{ results: OverheadResult[]; recorded: number }> {
  const tiny = await startTinySubgraph();
  // The embedded store runs its SQL on this process's thread (WASM); PostgreSQL runs it elsewhere.
  const store = await openUsageStore(options.databaseUrl ? { databaseUrl: options.databaseUrl } : { dataDir: 'memory' });
  // The response cache is off: every request goes the whole path, where recording sits.
  const base = { port: 0, supergraphFile: tiny.supergraphFile, clients: { bench: { channel: 'web' as const } }, cache: { responses: false } };
  const on = await startGateway(loadGatewayConfig({ ...base, usage: { enabled: true, flushIntervalMs: options.flushIntervalMs ?? 1_000 } }), { usageStore: store });
  const off = await startGateway(loadGatewayConfig({ ...base, usage: { enabled: false } }));
  const control = await startGateway(loadGatewayConfig({ ...base, usage: { enabled: false } }));
  try {
    const runs: Record<string, autocannon.Result[]> = { 'recording on': [], 'recording off': [], 'off (control)': [] };
    const gateways: [string, string][] = [['recording on', on.url], ['recording off', off.url], ['off (control)', control.url]];
    for (const [, url] of gateways) await load(url, 2, options.connections);
    for (let round = 0; round < options.rounds; round += 1) {
      const order = gateways.map((_, i) => gateways[(i + round) % gateways.length]!);
      for (const [label, url] of order) runs[label]!.push(await load(url, options.seconds, options.connections));
    }
    await on.stop();
    const recorded = (await store.operations({ since: 0 })).reduce((sum, o) => sum + o.requests, 0);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const results = Object.entries(runs).map(([label, rs]) => ({
      label, reqPerSec: mean(rs.map((r) => r.requests.average)), p99Ms: mean(rs.map((r) => r.latency.p99)),
      requests: rs.reduce((s, r) => s + r.requests.total, 0), non2xx: rs.reduce((s, r) => s + r.non2xx, 0),
    }));
    return { results, recorded };
  } finally {
    await off.stop();
    await control.stop();
    await on.stop().catch(() => {});
    await store.close();
    await tiny.stop();
  }
}
