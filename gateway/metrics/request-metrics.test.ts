/**
 * The gateway's metrics through a real gateway: requests by channel, client and operation with bounded
 * labels (a persisted operation keeps its name; 100 distinct ad-hoc documents make one series), errors
 * by code, subgraph fetches, token failures, and the process metrics beside them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_FORMAT, MANIFEST_VERSION, operationId } from '../../contracts/manifest-format.ts';
import { postJson } from '../../test/support/http.ts';
import { persistedQuery } from '../../test/support/persisted.ts';
import { families, scrape, series, valueOf } from '../../test/support/prometheus-text.ts';
import { startTinySubgraph, type TinySubgraph } from '../../test/support/tiny-subgraph.ts';
import { loadGatewayConfig } from '../config.ts';
import { startGateway, type RunningGateway } from '../server.ts';
import { AD_HOC, UNREGISTERED } from './request-labels.ts';

const WEB = { 'apollographql-client-name': 'web-app', 'apollographql-client-version': '1.0.0' };
const HELLO = 'query Hello { hello }';

describe('gateway metrics', () => {
  let tiny: TinySubgraph;
  let gateway: RunningGateway;
  const metrics = () => scrape(`${gateway.adminUrl}/metrics`);
  beforeAll(async () => {
    tiny = await startTinySubgraph();
    const manifest = join(mkdtempSync(join(tmpdir(), 'passerelle-metrics-')), 'web.json');
    writeFileSync(manifest, JSON.stringify({ format: MANIFEST_FORMAT, version: MANIFEST_VERSION, operations: [{ id: operationId(HELLO), name: 'Hello', type: 'query', body: HELLO }] }));
    gateway = await startGateway(loadGatewayConfig({
      port: 0, supergraphFile: tiny.supergraphFile, cache: { responses: false },
      clients: { 'web-app': { channel: 'web' } }, persistedOperations: { manifests: { web: manifest } },
    }));
  });
  afterAll(async () => { await gateway.stop(); await tiny.stop(); });

  it('names a persisted operation of a registered client by channel, client and operation, and times it', async () => {
    for (let i = 0; i < 3; i += 1) expect((await postJson(gateway.url, { extensions: persistedQuery(operationId(HELLO)) }, WEB)).body).toEqual({ data: { hello: 'world' } });
    const text = await metrics();
    const labels = { channel: 'web', client: 'web-app', operation: 'Hello' };
    expect(valueOf(text, 'passerelle_graphql_requests_total', labels)).toBe(3);
    expect(valueOf(text, 'passerelle_graphql_request_duration_seconds_count', labels)).toBe(3);
    expect(valueOf(text, 'passerelle_graphql_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(3);
    expect(valueOf(text, 'passerelle_subgraph_fetch_duration_seconds_count', { subgraph: 'tiny', outcome: 'ok' })).toBeGreaterThanOrEqual(3);
  });

  it('groups 100 distinct ad-hoc documents under one operation label, and unknown clients under one client label', async () => {
    for (let i = 0; i < 100; i += 1) expect((await postJson(gateway.url, { query: `query AdHoc${i} { hello }` }, WEB)).status).toBe(200);
    await postJson(gateway.url, { query: 'query Named { hello }' }, { 'apollographql-client-name': 'made-up-client', 'apollographql-client-version': '1' });
    const text = await metrics();
    const operations = new Set(series(text, 'passerelle_graphql_requests_total').map((s) => s.labels['operation']));
    expect([...operations].sort()).toEqual([AD_HOC, 'Hello'].sort());
    expect(valueOf(text, 'passerelle_graphql_requests_total', { channel: 'web', client: 'web-app', operation: AD_HOC })).toBe(100);
    expect(valueOf(text, 'passerelle_graphql_requests_total', { client: UNREGISTERED, operation: AD_HOC })).toBe(1);
    expect(new Set(series(text, 'passerelle_graphql_requests_total').map((s) => s.labels['client']))).toEqual(new Set(['web-app', UNREGISTERED]));
  });

  it('counts errors by code and refused tokens, beside the cache, shedding and process metrics', async () => {
    expect((await postJson(gateway.url, { query: '{ nope }' }, WEB)).body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await postJson(gateway.url, { query: '{ hello }' }, { ...WEB, authorization: 'Bearer not-a-token' })).status).toBe(401);
    const text = await metrics();
    expect(valueOf(text, 'passerelle_graphql_errors_total', { channel: 'web', code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(valueOf(text, 'passerelle_token_failures_total', { code: 'UNAUTHENTICATED' })).toBe(1);
    expect(valueOf(text, 'passerelle_requests_shed_total')).toBe(0);
    expect(valueOf(text, 'passerelle_requests_in_flight')).toBe(0);
    expect(families(text).get('process_cpu_user_seconds_total')).toBe('counter');
    expect(families(text).get('nodejs_eventloop_lag_p99_seconds')).toBe('gauge');
  });
});
