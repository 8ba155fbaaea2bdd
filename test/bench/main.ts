/**
 * `npm run bench`: the mobile account home and the web catalogue page through the Passerelle gateway and,
 * in the same run, through a vanilla @apollo/gateway (the baseline) over the same subgraphs. Each gateway
 * runs in its own process, the back ends in a third, autocannon in this one. Prints requests/s, p50/p99
 * latency and legacy calls per operation; writes bench-results/latest.json. It is not a test.
 *   npm run bench -- [--duration 10] [--connections 10] [--warmup 2] [--rounds 2]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadClientOperations } from '../../clients/operations.ts';
import { registeredClients } from '../stack/stack.ts';
import { startChild, type Child } from './processes.ts';

const { values } = parseArgs({ options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' }, warmup: { type: 'string', default: '2' }, rounds: { type: 'string', default: '2' } } });
const duration = Number(values.duration);
const connections = Number(values.connections);
const warmup = Number(values.warmup);
const rounds = Number(values.rounds);

interface BackendInfo {
  subgraphs: Record<string, string>; legacy: Record<string, string>;
  idp: { issuer: string; jwksUrl: string; audience: string }; internalPrivateKeyPem: string; customerToken: string;
}

const supergraphFile = new URL('../../schema/supergraph.graphql', import.meta.url).pathname;
const children: Child[] = [];
// Gateways first, so that no request is in flight when the back ends go.
const stopAll = async () => { for (const child of [...children].reverse()) await child.stop(); };

async function legacyCalls(info: BackendInfo, reset = false): Promise<number> {
  const totals = await Promise.all(Object.values(info.legacy).map(async (url) => {
    const res = await fetch(`${url}/__admin/stats${reset ? '/reset' : ''}`, { method: reset ? 'POST' : 'GET' });
    return ((await res.json()) as { total: number }).total;
  }));
  return totals.reduce((a, b) => a + b, 0);
}

function load(url: string, body: string, headers: Record<string, string>, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url, method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, connections, duration: seconds });
}

try {
  const backends = await startChild(new URL('backends-main.ts', import.meta.url).pathname, [], /^\{/);
  children.push(backends);
  const info = JSON.parse(backends.line) as BackendInfo;
  const dir = join(tmpdir(), `passerelle-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'passerelle.json'), JSON.stringify({
    supergraphFile, subgraphUrls: info.subgraphs, clients: registeredClients(),
    auth: { issuer: info.idp.issuer, audience: info.idp.audience, jwksUrl: info.idp.jwksUrl },
    internalToken: { privateKeyPem: info.internalPrivateKeyPem },
  }));
  const customerId = JSON.parse(Buffer.from(info.customerToken.split('.')[1] as string, 'base64url').toString()).sub as string;
  writeFileSync(join(dir, 'vanilla.json'), JSON.stringify({
    supergraphFile, subgraphUrls: info.subgraphs, privateKeyPem: info.internalPrivateKeyPem,
    principal: { role: 'customer', subject: customerId, scopes: [], channel: 'mobile', client: null },
  }));
  const passerelle = await startChild(new URL('../../gateway/main.ts', import.meta.url).pathname, ['--config', join(dir, 'passerelle.json'), '--port', '0'], /ready at/);
  children.push(passerelle);
  const vanilla = await startChild(new URL('vanilla-gateway.ts', import.meta.url).pathname, [join(dir, 'vanilla.json')], /ready at/);
  children.push(vanilla);
  const gateways = {
    'vanilla @apollo/gateway': (/ready at (\S+)/.exec(vanilla.line) as RegExpExecArray)[1] as string,
    passerelle: (/ready at (\S+)/.exec(passerelle.line) as RegExpExecArray)[1] as string,
  };

  const ops = new Map(loadClientOperations().map((o) => [o.name, o.source]));
  const scenarios: { name: string; body: string; headers: Record<string, string> }[] = [
    { name: 'mobile account home', body: JSON.stringify({ query: ops.get('AccountHome') }), headers: { authorization: `Bearer ${info.customerToken}`, 'apollographql-client-name': 'passerelle-mobile', 'apollographql-client-version': '1.0.0' } },
    { name: 'web catalogue page', body: JSON.stringify({ query: ops.get('CatalogPage'), variables: { first: 24 } }), headers: { 'apollographql-client-name': 'passerelle-web', 'apollographql-client-version': '1.0.0' } },
  ];

  const rows: Record<string, unknown>[] = [];
  for (const scenario of scenarios) {
    const answers = new Set<string>();
    const measured = new Map<string, { calls: number; bytes: number; runs: autocannon.Result[] }>();
    for (const [gateway, url] of Object.entries(gateways)) {
      const probe = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...scenario.headers }, body: scenario.body });
      const text = await probe.text();
      if (probe.status !== 200 || text.includes('"errors"')) throw new Error(`${gateway} fails ${scenario.name}: ${probe.status} ${text.slice(0, 300)}`);
      answers.add(text);
      // Legacy calls of one operation, measured alone so that no other request is counted.
      await legacyCalls(info, true);
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...scenario.headers }, body: scenario.body }).then((r) => r.text());
      measured.set(gateway, { calls: await legacyCalls(info), bytes: Buffer.byteLength(text), runs: [] });
      await load(url, scenario.body, scenario.headers, warmup);
    }
    // Rounds in alternating order (A B, B A, ...), so that drift of a shared machine weighs on both alike.
    for (let round = 0; round < rounds; round++) {
      const order = Object.entries(gateways);
      for (const [gateway, url] of round % 2 === 0 ? order : order.reverse()) {
        measured.get(gateway)?.runs.push(await load(url, scenario.body, scenario.headers, duration));
      }
    }
    for (const [gateway, m] of measured) {
      const mean = (pick: (r: autocannon.Result) => number) => Math.round(m.runs.reduce((sum, r) => sum + pick(r), 0) / m.runs.length);
      rows.push({
        scenario: scenario.name, gateway, 'req/s': mean((r) => r.requests.average), 'p50 ms': mean((r) => r.latency.p50), 'p99 ms': mean((r) => r.latency.p99),
        'non-2xx': m.runs.reduce((n, r) => n + r.non2xx + r.errors, 0), 'legacy calls/op': m.calls, 'response bytes': m.bytes,
      });
    }
    if (answers.size !== 1) throw new Error(`the gateways answered ${scenario.name} differently`);
  }

  console.log(`\n${rounds} rounds of ${duration} s per gateway in alternating order (means shown), ${connections} connections, after ${warmup} s of warm-up; both gateways over the same subgraphs and legacy stand-ins.\n`);
  console.table(rows);
  for (const scenario of scenarios) {
    const [base, ours] = [rows.find((r) => r['scenario'] === scenario.name && r['gateway'] !== 'passerelle'), rows.find((r) => r['scenario'] === scenario.name && r['gateway'] === 'passerelle')];
    console.log(`${scenario.name}: passerelle at ${((Number(ours?.['req/s']) / Number(base?.['req/s'])) * 100).toFixed(0)}% of the baseline's throughput`);
  }
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/latest.json', JSON.stringify({ date: new Date().toISOString(), node: process.version, duration, connections, warmup, rounds, rows }, null, 2));
  console.log('\nFigures written to bench-results/latest.json');
} finally {
  await stopAll();
}
