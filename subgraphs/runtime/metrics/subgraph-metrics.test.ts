/**
 * A subgraph's GET /metrics through the party subgraph in front of a CRM stand-in: a call to the CRM
 * lands in the legacy-call histogram (system, route, outcome), a batch of two customers in the
 * DataLoader batch-size histogram, the request in the requests counter, and the CRM's breaker and
 * bulkhead are there, beside the process metrics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataset, startPartyHarness, type PartyHarness } from '../../../test/support/party-harness.ts';
import { families, scrape, series, valueOf } from '../../../test/support/prometheus-text.ts';
import { principals } from '../../../test/support/subgraph-client.ts';

let h: PartyHarness;
beforeAll(async () => { h = await startPartyHarness(); });
afterAll(async () => { await h.stop(); });

const metrics = () => scrape(new URL('metrics', h.subgraph.url).href);
const total = (text: string, name: string, labels: Record<string, string>) => series(text, name, labels).reduce((sum, s) => sum + s.value, 0);

describe('a subgraph\'s metrics', () => {
  it('observe a legacy call by system, route and outcome, a DataLoader batch by its size, and the request served', async () => {
    const [a, b] = dataset.customers.filter((c) => c.segment === 'ENT');
    const before = await metrics();
    const res = await h.call(principals.agent(), 'query($a: ID!, $b: ID!) { a: customer(id: $a) { id } b: customer(id: $b) { id } }', { a: String(a!.id), b: String(b!.id) });
    expect(res.errors).toBeUndefined();
    const after = await metrics();

    const calls = series(after, 'passerelle_legacy_call_duration_seconds_count', { system: 'CRM', outcome: 'ok' });
    expect(calls.map((s) => s.labels['route'])).toContain('GET /api/clients');
    const crm = { system: 'CRM', route: 'GET /api/clients', outcome: 'ok' };
    expect(total(after, 'passerelle_legacy_call_duration_seconds_count', crm) - total(before, 'passerelle_legacy_call_duration_seconds_count', crm)).toBe(1);
    expect(valueOf(after, 'passerelle_legacy_call_duration_seconds_sum', crm)).toBeGreaterThan(0);
    expect(valueOf(after, 'passerelle_legacy_call_duration_seconds_bucket', { ...crm, le: '+Inf' })).toBe(valueOf(after, 'passerelle_legacy_call_duration_seconds_count', crm));

    const loader = { subgraph: 'party', loader: 'customer' };
    expect(total(after, 'passerelle_dataloader_batch_size_count', loader) - total(before, 'passerelle_dataloader_batch_size_count', loader)).toBe(1);
    expect(total(after, 'passerelle_dataloader_batch_size_sum', loader) - total(before, 'passerelle_dataloader_batch_size_sum', loader)).toBe(2);

    expect(valueOf(after, 'passerelle_subgraph_requests_total', { subgraph: 'party' }) - valueOf(before, 'passerelle_subgraph_requests_total', { subgraph: 'party' })).toBe(1);
  });

  it('show the legacy system\'s breaker and bulkhead (read from its policy when scraped) and the process metrics', async () => {
    const text = await metrics();
    expect(valueOf(text, 'passerelle_legacy_breaker_state', { system: 'CRM' })).toBe(0);
    expect(valueOf(text, 'passerelle_legacy_calls_in_flight', { system: 'CRM' })).toBe(0);
    expect(valueOf(text, 'passerelle_legacy_bulkhead_capacity', { system: 'CRM' })).toBeGreaterThan(0);
    expect(valueOf(text, 'passerelle_legacy_calls_total', { system: 'CRM' })).toBeGreaterThanOrEqual(1);
    expect(families(text).get('process_resident_memory_bytes')).toBe('gauge');
  });
});
