// Issue 12's acceptance: a sick Billing is cut off by its breaker and probed back; a flaky Billing is
// retried inside the budget; a placeOrder retried through an OMS timeout creates one order. Counts, not
// timings: what the legacy stand-ins received says whether the breaker and the budget held.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { legacyPolicySnapshots } from '../../subgraphs/runtime/transport/resilience/policy-registry.ts';
import { BILLING_SYSTEM } from '../../subgraphs/billing/billing/mapping.ts';
import { RESILIENCE_DEFAULTS } from '../../subgraphs/runtime/transport/resilience/resilience-options.ts';
import { customerWith, errorCodes, startE2E, type E2E } from './harness.ts';

const HALF_OPEN_MS = 1_000;
const THRESHOLD = 3;

describe('resilience of the legacy calls, end to end', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({
      legacyTimeoutMs: 300,
      // The response cache would answer repeated account homes without calling Billing at all.
      gateway: { cache: { responses: false } },
      resilience: { breaker: { consecutiveFailures: THRESHOLD, halfOpenAfterMs: HALF_OPEN_MS } },
    });
  });
  afterAll(() => e2e.stack.stop());
  const billingCalls = () => e2e.stack.legacy.billing.stats().total;
  const billingPolicies = () => legacyPolicySnapshots().filter((p) => p.system === BILLING_SYSTEM);

  it('Billing hanging: the breaker opens after its threshold, Billing is called no more, and a probe brings bills back once it heals', async () => {
    const mobile = await e2e.as(`customer:${customerWith(e2e.dataset, { orders: 3 }).id}`, 'mobile');
    e2e.stack.legacy.billing.setKnobs({ hang: true });
    const before = billingCalls();
    const homes = [];
    for (let i = 0; i < 6; i += 1) homes.push(await mobile.run('AccountHome'));
    // Billing saw the calls that opened the breaker (one account home makes two at once), then only the
    // probes: each failed probe opens the breaker again.
    const openings = billingPolicies().reduce((sum, p) => sum + p.opened, 0);
    expect(openings).toBeGreaterThanOrEqual(1);
    expect(billingCalls() - before).toBeLessThanOrEqual(THRESHOLD + 1 + (openings - 1));
    const last = homes.at(-1)!;
    expect(last.status).toBe(200);
    expect(last.body.data.me.orders.nodes).toHaveLength(3);
    // Refused at once by the open breaker; on a slow machine the last request may be a (failing) probe.
    expect(Object.keys(errorCodes(last))).toEqual(['me.balance', 'me.unpaidBills']);
    for (const code of Object.values(errorCodes(last))) expect(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT']).toContain(code);
    expect(billingPolicies().reduce((sum, p) => sum + p.shortCircuited, 0)).toBeGreaterThan(0);
    // Operators see it: the subgraph stays ready (the breaker answers for Billing) but says it is degraded.
    const ready = await fetch(new URL('ready?verbose', e2e.stack.subgraphs.billing.url));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, status: 'degraded', systems: expect.arrayContaining([expect.objectContaining({ system: BILLING_SYSTEM, breaker: 'open' })]) });
    expect(await (await fetch(new URL('metrics', e2e.stack.subgraphs.billing.url))).text()).toContain(`passerelle_legacy_breaker_state{system="${BILLING_SYSTEM}"} 2`);

    e2e.stack.legacy.billing.setKnobs({ hang: false });
    // Once the breaker's delay has passed, the next call is its probe; the other field of that same
    // request may still be refused while the probe runs. A probe still in flight when Billing healed
    // fails and reopens it for one more delay, hence a few tries.
    let healed;
    for (let i = 0; i < 12 && !(healed?.body.data.me.balance && healed.body.data.me.unpaidBills); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, HALF_OPEN_MS / 2));
      healed = await mobile.run('AccountHome');
    }
    expect(billingPolicies().every((p) => p.breaker === 'closed')).toBe(true);
    expect(healed?.body.errors ?? null, JSON.stringify(healed?.body.errors)).toBeNull();
    expect(healed?.body.data.me.balance).not.toBeNull();
    expect(healed?.body.errors).toBeUndefined();
  });

  it('placeOrder retried through an OMS timeout never creates two orders', async () => {
    const customer = customerWith(e2e.dataset, { orders: 3 });
    const web = await e2e.as(`customer:${customer.id}`, 'web');
    const offering = e2e.dataset.offerings[7]!.code;
    expect((await web.run('AddToCart', { productOfferingId: offering, quantity: 1 })).status).toBe(200);
    const ordersBefore = (await web.run('{ me { orders(first: 1) { totalCount } } }')).body.data.me.orders.totalCount;
    const omsPostsBefore = e2e.stack.legacy.oms.stats().byRoute['POST /oms/orders'] ?? 0;

    // The OMS answers after the timeout: every attempt times out, yet each one is processed.
    e2e.stack.legacy.oms.setKnobs({ latencyMs: 450 });
    const timedOut = await web.run('Checkout', { idempotencyKey: 'resilience-checkout-1' });
    e2e.stack.legacy.oms.setKnobs({ latencyMs: 0 });
    expect(errorCodes(timedOut)).toEqual({ placeOrder: 'UPSTREAM_TIMEOUT' });
    expect((e2e.stack.legacy.oms.stats().byRoute['POST /oms/orders'] ?? 0) - omsPostsBefore).toBeGreaterThan(1);

    // The client resends its checkout with the same key: the order the OMS already made comes back. (Three
    // timeouts opened the OMS breaker of this stack: the resend comes after its delay, as the probe.)
    await new Promise((resolve) => setTimeout(resolve, HALF_OPEN_MS + 200));
    const placed = await web.run('Checkout', { idempotencyKey: 'resilience-checkout-1' });
    expect(placed.body.errors).toBeUndefined();
    const ordersAfter = (await web.run('{ me { orders(first: 1) { totalCount } } }')).body.data.me.orders.totalCount;
    expect(ordersAfter).toBe(ordersBefore + 1);
  });
});

describe('a flaky Billing, with the named defaults', () => {
  let flaky: E2E;
  beforeAll(async () => { flaky = await startE2E({ legacyTimeoutMs: 300, gateway: { cache: { responses: false } } }); });
  afterAll(() => flaky.stack.stop());
  const billingCalls = () => flaky.stack.legacy.billing.stats().total;

  it('Billing failing 10 % of its calls: at least 95 % of account homes have their bills, for at most the retry budget in extra calls', async () => {
    const customers = flaky.dataset.customers.filter((c) => (flaky.dataset.ordersByCustomer.get(c.id)?.length ?? 0) > 0).slice(0, 200);
    const callers = await Promise.all(customers.map((c) => flaky.as(`customer:${c.id}`, 'mobile')));
    const baselineStart = billingCalls();
    for (const caller of callers.slice(0, 20)) await caller.run('AccountHome');
    const perHome = (billingCalls() - baselineStart) / 20;

    flaky.stack.legacy.billing.setKnobs({ errorRate: 0.1 });
    const start = billingCalls();
    let complete = 0;
    for (const caller of callers) {
      const res = await caller.run('AccountHome');
      if (res.body.data?.me?.balance && res.body.data.me.unpaidBills) complete += 1;
    }
    flaky.stack.legacy.billing.setKnobs({ errorRate: 0 });
    expect(complete / callers.length).toBeGreaterThanOrEqual(0.95);
    // Retries: at most the budget (20 % of the calls), plus its small floor (3 per window).
    const budget = RESILIENCE_DEFAULTS.retry;
    expect(billingCalls() - start).toBeLessThanOrEqual(Math.ceil(perHome * callers.length * (1 + budget.budgetRatio)) + budget.budgetMinPerWindow);
  });
});

describe('a stale copy served in place of a failing Catalogue', () => {
  let e2e: E2E;
  // No response cache: what is marked here is the subgraph's own stale copy (the catalog's entity cache).
  beforeAll(async () => { e2e = await startE2E({ gateway: { cache: { responses: false } } }); });
  afterAll(() => e2e.stack.stop());

  it('is served, and marked stale in the answer once the Catalogue is known to fail', async () => {
    const web = await e2e.as(null, 'web');
    const fresh = await web.run('OfferingDetail', { id: 'PO-0005' });
    expect(fresh.body.errors).toBeUndefined();
    expect(fresh.body.extensions?.stale).toBeUndefined();
    // Past the offering's freshness (300 s), within its stale window (600 s more).
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 400_000 });
    try {
      e2e.stack.legacy.catalogue.setKnobs({ errorRate: 1 });
      let marked;
      // The first stale read starts the refresh that fails; the reads after it are marked.
      for (let i = 0; i < 20 && !marked?.body.extensions?.stale; i += 1) {
        marked = await web.run('OfferingDetail', { id: 'PO-0005' });
        expect(marked.body.data).toEqual(fresh.body.data);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(marked?.body.extensions).toEqual({ stale: true });
      expect(marked?.body.errors).toBeUndefined();
    } finally {
      vi.useRealTimers();
      e2e.stack.legacy.catalogue.setKnobs({ errorRate: 0 });
    }
  });
});
