// A burst of identical queries costs each subgraph one fetch while the first is in flight.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness.ts';

describe('coalescing identical subgraph queries', () => {
  let e2e: E2E;
  // No response cache: only coalescing can save the fetches here.
  beforeAll(async () => { e2e = await startE2E({ gateway: { cache: { responses: false } }, knobs: { catalogue: { latencyMs: 150 } } }); });
  afterAll(() => e2e.stack.stop());

  it('sends ten identical concurrent queries once to each subgraph and its legacy system', async () => {
    const web = await e2e.as(null, 'web');
    const before = { catalog: e2e.stack.subgraphs.catalog.requests(), inventory: e2e.stack.subgraphs.inventory.requests() };
    e2e.stack.resetLegacyCalls();
    const answers = await Promise.all(Array.from({ length: 10 }, () => web.run('CatalogPage', { first: 7 })));
    for (const answer of answers) expect(answer.body).toEqual(answers[0]?.body);
    expect(e2e.stack.subgraphs.catalog.requests() - before.catalog).toBe(1);
    expect(e2e.stack.subgraphs.inventory.requests() - before.inventory).toBe(1);
    expect(e2e.stack.legacyCalls()).toEqual({ crm: 0, catalogue: 2, oms: 0, billing: 0, erp: 1 });
  });

  it('never coalesces queries of different principals', async () => {
    const before = e2e.stack.subgraphs.catalog.requests();
    const [partner, agent] = await Promise.all([e2e.as('partner', 'partner'), e2e.as('agent', 'agent')]);
    await Promise.all([partner.run('{ productOffering(id: "PO-0009") { partnerPrice { amount } } }'), agent.run('{ productOffering(id: "PO-0009") { partnerPrice { amount } } }')]);
    expect(e2e.stack.subgraphs.catalog.requests() - before).toBe(2);
  });
});
