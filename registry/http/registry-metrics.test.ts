/**
 * The registry's GET /metrics: publishes, rollbacks and checks by subgraph and outcome after real calls
 * to the API, the process metrics beside them, and a credential required to read them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogWithField, startTestRegistry, type TestRegistry } from '../registry-test-support.ts';
import { families, scrape, valueOf } from '../../test/support/prometheus-text.ts';

describe('registry metrics', () => {
  let t: TestRegistry;
  beforeAll(async () => { t = await startTestRegistry(); });
  afterAll(async () => { await t.stop(); });
  const metrics = () => scrape(`${t.registry.url}/metrics`, { authorization: `Bearer ${t.tokens.reader}` });

  it('counts publishes by subgraph and outcome: published, unchanged, refused by a check, or the error code', async () => {
    const sdl = catalogWithField('metricsField');
    expect((await t.api('POST', '/subgraphs/catalog/publish', t.tokens.catalogOwner, { sdl })).status).toBe(201);
    expect((await t.api('POST', '/subgraphs/catalog/publish', t.tokens.catalogOwner, { sdl })).status).toBe(200);
    expect((await t.api('POST', '/subgraphs/catalog/publish', t.tokens.catalogOwner, { sdl: 'type Query {' })).status).toBe(409);
    expect((await t.api('POST', '/subgraphs/catalog/publish', t.tokens.catalogOwner, { sdl: ' ' })).body.errors[0].extensions.code).toBe('BAD_REQUEST');
    const text = await metrics();
    for (const outcome of ['published', 'unchanged', 'refused', 'BAD_REQUEST']) {
      expect(valueOf(text, 'passerelle_registry_publishes_total', { subgraph: 'catalog', outcome }), outcome).toBe(1);
    }
  });

  it('counts checks by outcome, and serves the process metrics', async () => {
    expect((await t.api('POST', '/subgraphs/catalog/check', t.tokens.reader, { sdl: catalogWithField('another') })).body.ok).toBe(true);
    const text = await metrics();
    expect(valueOf(text, 'passerelle_registry_checks_total', { subgraph: 'catalog', outcome: 'passed' })).toBe(1);
    expect(families(text).get('passerelle_registry_rollbacks_total')).toBe('counter');
    expect(families(text).get('process_cpu_user_seconds_total')).toBe('counter');
  });

  it('needs a credential: its series name the subgraphs', async () => {
    const res = await fetch(`${t.registry.url}/metrics`);
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('catalog');
  });
});
