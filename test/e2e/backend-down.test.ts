// Scenario 4 (a back end goes down): with Billing dead, hanging or broken, the mobile account home still
// answers with everything but the bills, says in a coded error what is missing, and leaks nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { customerWith, errorCodes, startE2E, type Caller, type E2E } from './harness.ts';
import { FAULTS_ONLY } from '../support/faults-only.ts';

const LEAKS = /ORA-|BILL-PRD|127\.0\.0\.1|localhost|\bat [\w.$]+\(|Exception|stacktrace|soap:|faultstring/i;

describe('scenario 4: a back end goes down', () => {
  let e2e: E2E;
  let mobile: Caller;
  beforeAll(async () => {
    // Each fault's coded error, one after the other: no breaker carrying one test's failures into the next.
    e2e = await startE2E({ legacyTimeoutMs: 500, resilience: FAULTS_ONLY });
    mobile = await e2e.as(`customer:${customerWith(e2e.dataset, { orders: 3, openBills: true }).id}`, 'mobile');
  });
  afterEach(() => e2e.stack.legacy.billing.setKnobs({ errorRate: 0, hang: false }));
  afterAll(() => e2e.stack.stop());

  const expectEverythingButBills = (res: Awaited<ReturnType<Caller['run']>>, code: string) => {
    expect(res.status).toBe(200);
    const me = res.body.data.me;
    expect(me.displayName).toEqual(expect.any(String));
    expect(me.orders.nodes).toHaveLength(3);
    expect(me.orders.nodes[0].items[0].productOffering.name).toEqual(expect.any(String));
    expect(me.balance).toBeNull();
    expect(me.unpaidBills).toBeNull();
    expect(errorCodes(res)).toEqual({ 'me.balance': code, 'me.unpaidBills': code });
    expect(JSON.stringify(res.body.errors)).not.toMatch(LEAKS);
    expect(res.headers.get('cache-control')).toBe('no-store');
  };

  it('Billing failing with SOAP faults: UPSTREAM_ERROR on the bills, the rest answers', async () => {
    e2e.stack.legacy.billing.setKnobs({ errorRate: 1 });
    expectEverythingButBills(await mobile.run('AccountHome'), 'UPSTREAM_ERROR');
  });

  it('Billing hanging: UPSTREAM_TIMEOUT within the legacy timeout, never a hung request', async () => {
    e2e.stack.legacy.billing.setKnobs({ hang: true });
    expectEverythingButBills(await mobile.run('AccountHome'), 'UPSTREAM_TIMEOUT');
  });

  it('the billing subgraph itself dead: SUBGRAPH_UNAVAILABLE on the bills, the rest answers', async () => {
    await e2e.stack.subgraphs.billing.stop();
    expectEverythingButBills(await mobile.run('AccountHome'), 'SUBGRAPH_UNAVAILABLE');
  });
});

describe('scenario 4: the legacy Billing system stopped', () => {
  it('answers UPSTREAM_UNAVAILABLE on the bills, the rest answers', async () => {
    const e2e = await startE2E();
    try {
      const mobile = await e2e.as('customer', 'mobile');
      await e2e.stack.legacy.billing.close();
      const res = await mobile.run('AccountHome');
      expect(res.body.data.me.orders.nodes.length).toBeGreaterThan(0);
      expect(errorCodes(res)).toEqual({ 'me.balance': 'UPSTREAM_UNAVAILABLE', 'me.unpaidBills': 'UPSTREAM_UNAVAILABLE' });
      expect(JSON.stringify(res.body.errors)).not.toMatch(LEAKS);
    } finally {
      await e2e.stack.stop();
    }
  });
});
