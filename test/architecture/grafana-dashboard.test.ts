/**
 * deploy/grafana/passerelle.json may only chart what Passerelle exposes: every metric name in every
 * panel's PromQL must be a metric family scraped from a running gateway, subgraph or registry (a
 * histogram's name with its _bucket, _sum or _count suffix). A renamed metric breaks this test, not a
 * dashboard nobody looks at until an incident.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../../gateway/config.ts';
import { startGateway, type RunningGateway } from '../../gateway/server.ts';
import { startTestRegistry, type TestRegistry } from '../../registry/registry-test-support.ts';
import { postJson } from '../support/http.ts';
import { startPartyHarness, type PartyHarness } from '../support/party-harness.ts';
import { families, scrape } from '../support/prometheus-text.ts';
import { startTinySubgraph, type TinySubgraph } from '../support/tiny-subgraph.ts';

interface Panel { title?: string; type: string; targets?: { expr?: string }[]; panels?: Panel[] }
const dashboard = JSON.parse(readFileSync(new URL('../../deploy/grafana/passerelle.json', import.meta.url), 'utf8')) as { panels: Panel[] };
const allPanels = (panels: Panel[]): Panel[] => panels.flatMap((p) => [p, ...allPanels(p.panels ?? [])]);

const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'inf', 'nan']);

/** The metric names a PromQL expression reads: identifiers that are not functions, labels, keywords or durations. */
export function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""') // string literals
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // range and subquery durations
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ') // label lists
    .replace(/(?<![\w:])\d[\w.+-]*/g, ' '); // numbers and durations (0.95, 1e3, 1h)
  const names = [...bare.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)]
    .filter((m) => m[2] === undefined && !KEYWORDS.has(m[1]!.toLowerCase()))
    .map((m) => m[1]!);
  return [...new Set(names)];
}

describe('the Grafana dashboard', () => {
  let tiny: TinySubgraph;
  let gateway: RunningGateway;
  let party: PartyHarness;
  let registry: TestRegistry;
  const exposed = new Map<string, string>();

  beforeAll(async () => {
    tiny = await startTinySubgraph();
    gateway = await startGateway(loadGatewayConfig({ port: 0, supergraphFile: tiny.supergraphFile }));
    party = await startPartyHarness();
    registry = await startTestRegistry();
    await postJson(gateway.url, { query: '{ hello }' });
    const texts = await Promise.all([
      scrape(`${gateway.adminUrl}/metrics`),
      scrape(new URL('metrics', party.subgraph.url).href),
      scrape(`${registry.registry.url}/metrics`, { authorization: `Bearer ${registry.tokens.reader}` }),
    ]);
    for (const text of texts) for (const [name, type] of families(text)) exposed.set(name, type);
  }, 60_000);
  afterAll(async () => {
    await gateway?.stop();
    await tiny?.stop();
    await party?.stop();
    await registry?.stop();
  });

  it('reads metric names out of PromQL, and nothing else', () => {
    expect(metricNames('histogram_quantile(0.95, sum by (le, channel) (rate(passerelle_a_bucket{outcome!="ok", x=~"y"}[5m])))')).toEqual(['passerelle_a_bucket']);
    expect(metricNames('sum(rate(a_total[5m])) / (sum(rate(a_total[5m])) + sum without (x) (b)) > bool 1e3 offset 1h')).toEqual(['a_total', 'b']);
    expect(metricNames('max by (system) (c) or on (system) d')).toEqual(['c', 'd']);
  });

  it('has a query in every panel, and each names at least one metric', () => {
    const charts = allPanels(dashboard.panels).filter((p) => p.type !== 'row');
    expect(charts.length).toBeGreaterThanOrEqual(15);
    for (const panel of charts) {
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) expect(metricNames(target.expr ?? ''), `${panel.title}: ${target.expr}`).not.toEqual([]);
    }
  });

  it('only charts metrics that a running gateway, subgraph or registry exposes', () => {
    const isExposed = (name: string): boolean => {
      if (exposed.has(name)) return true;
      const histogram = /^(.*)_(bucket|sum|count)$/.exec(name)?.[1];
      return histogram !== undefined && exposed.get(histogram) === 'histogram';
    };
    const used = allPanels(dashboard.panels).flatMap((p) => (p.targets ?? []).flatMap((t) => metricNames(t.expr ?? '').map((name) => ({ panel: p.title, name }))));
    expect(used.filter(({ name }) => !isExposed(name))).toEqual([]);
    // The panels the dashboard promises: requests, errors, subgraphs, cache, legacy systems, shedding, registry.
    const names = new Set(used.map((u) => u.name));
    for (const name of ['passerelle_graphql_requests_total', 'passerelle_graphql_request_duration_seconds_bucket', 'passerelle_graphql_errors_total',
      'passerelle_subgraph_fetch_duration_seconds_bucket', 'passerelle_response_cache_hits_total', 'passerelle_legacy_call_duration_seconds_bucket',
      'passerelle_legacy_breaker_state', 'passerelle_requests_shed_total', 'passerelle_registry_publishes_total']) expect(names, name).toContain(name);
  });
});
