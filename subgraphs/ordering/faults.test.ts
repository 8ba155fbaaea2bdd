import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInternalTokenSigner, generateInternalKeyPair } from '../../contracts/internal-token.ts';
import { startOms } from '../../dev/legacy/oms/server.ts';
import { callSubgraph, principals, TEST_KEYS, type GraphQLResult } from '../../test/support/subgraph-client.ts';
import { startSubgraph } from '../runtime/serving/serve.ts';
import { createOrderingSubgraph } from './index.ts';
import { codes, startOrderingStack, TEST_DATASET, TEST_TIMEOUT_MS, type OrderingStack } from '../../test/support/ordering-stack.ts';
import { FAULTS_ONLY } from '../../test/support/faults-only.ts';

let stack: OrderingStack;
beforeAll(async () => { stack = await startOrderingStack(); });
afterAll(async () => { await stack.stop(); });

const CUSTOMER = '100010';
const HOME = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { id orders(first: 3) { nodes { id } } cart { id } } } }`;
const reps = [{ __typename: 'Customer', id: CUSTOMER }];

/** Nothing of the OMS's insides may reach a client: no Oracle text, host, port or URL. */
function expectNoLeak(result: GraphQLResult<unknown>, omsPort: number): void {
  const text = JSON.stringify({ data: result.data, errors: result.errors });
  for (const secret of ['ORA-', 'deadlock', 'SYS-500', '127.0.0.1', 'localhost', `:${omsPort}`, 'http://', 'stack']) {
    expect(text).not.toContain(secret);
  }
}

describe('a failing OMS', () => {
  it('answers UPSTREAM_ERROR on the OMS fields only, without its Oracle fault', async () => {
    stack.oms.setKnobs({ errorRate: 1 });
    try {
      const res = await stack.call(principals.customer(CUSTOMER), HOME, { reps });
      expect(res.status).toBe(200);
      expect(res.data?._entities[0]).toEqual({ id: CUSTOMER, orders: null, cart: null });
      expect(codes(res)).toEqual(['UPSTREAM_ERROR', 'UPSTREAM_ERROR']);
      expectNoLeak(res, stack.oms.port);
      const place = await stack.call(principals.customer(CUSTOMER), `mutation { placeOrder(input: { idempotencyKey: "fails-0001" }) { id } }`);
      expect(codes(place)).toEqual(['UPSTREAM_ERROR']);
      expectNoLeak(place, stack.oms.port);
    } finally {
      stack.oms.setKnobs({ errorRate: 0 });
    }
  });

  it('answers UPSTREAM_TIMEOUT when the OMS hangs, within the configured timeout', async () => {
    stack.oms.setKnobs({ hang: true });
    try {
      const started = Date.now();
      const res = await stack.call(principals.agent(), `query { productOrder(id: "ORD-0000001") { id } }`);
      expect(Date.now() - started).toBeLessThan(TEST_TIMEOUT_MS * 4);
      expect(res.data?.productOrder).toBeNull();
      expect(codes(res)).toEqual(['UPSTREAM_TIMEOUT']);
      expectNoLeak(res, stack.oms.port);
    } finally {
      stack.oms.setKnobs({ hang: false });
    }
    // Once the OMS answers again, so does the subgraph.
    const res = await stack.call(principals.agent(), `query { productOrder(id: "ORD-0000001") { id } }`);
    expect(res.data?.productOrder).toEqual({ id: 'ORD-0000001' });
  });

  it('answers UPSTREAM_UNAVAILABLE when nothing listens, and UPSTREAM_ERROR for an oversized answer', async () => {
    const dead = await startOms({ dataset: TEST_DATASET });
    await dead.close();
    const down = await startSubgraph(createOrderingSubgraph({ omsUrl: dead.url, timeoutMs: TEST_TIMEOUT_MS, maxResponseBytes: 1_000_000, resilience: FAULTS_ONLY }), { internalTokenPublicKey: TEST_KEYS.publicKeyPem });
    const tiny = await startSubgraph(createOrderingSubgraph({ omsUrl: stack.oms.url, timeoutMs: TEST_TIMEOUT_MS, maxResponseBytes: 200, resilience: FAULTS_ONLY }), { internalTokenPublicKey: TEST_KEYS.publicKeyPem });
    try {
      const unavailable = await callSubgraph(down.url, 'ordering', principals.customer(CUSTOMER), HOME, { reps });
      expect(codes(unavailable)).toEqual(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_UNAVAILABLE']);
      expectNoLeak(unavailable, dead.port);
      const oversized = await callSubgraph(tiny.url, 'ordering', principals.customer(CUSTOMER), HOME, { reps });
      expect(oversized.data?._entities[0].orders).toBeNull();
      expect(codes(oversized)[0]).toBe('UPSTREAM_ERROR');
    } finally {
      await down.stop();
      await tiny.stop();
    }
  });
});

describe('the internal token', () => {
  const query = `query { productOrder(id: "ORD-0000001") { id } }`;

  it('is required', async () => {
    const res = await callSubgraph(stack.subgraph.url, 'ordering', null, query);
    expect(res.status).toBe(401);
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
  });

  it('must be signed by the gateway, for this subgraph', async () => {
    const forged = await createInternalTokenSigner(generateInternalKeyPair().privateKeyPem)(principals.agent(), 'ordering');
    const otherAudience = await createInternalTokenSigner(TEST_KEYS.privateKeyPem)(principals.agent(), 'party');
    stack.oms.resetStats();
    for (const token of [forged, otherAudience, 'not-a-jwt']) {
      const res = await callSubgraph(stack.subgraph.url, 'ordering', null, query, {}, token);
      expect(res.status).toBe(401);
      expect(res.data ?? null).toBeNull();
    }
    expect(stack.oms.stats().total).toBe(0);
  });
});
