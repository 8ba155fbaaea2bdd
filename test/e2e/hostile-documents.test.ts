// Issue 9, bounded document analysis: a ~1 KB document whose fragments spread the next one twice, 24
// levels deep, used to block the event loop for minutes; 5,000 nested inline fragments came back as a parse
// failure with an internal message. Through the whole stack, on every channel: each is refused with a
// coded 400 naming the limit, quickly, while /health keeps answering and normal queries keep working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fragmentFanOut, nestedInlineFragments } from '../../gateway/limits/hostile-shapes.ts';
import type { GraphQLResponse } from '../support/http.ts';
import { startE2E, type Caller, type ChannelName, type E2E } from './harness.ts';

const OFFERING = 'productOffering(id: "PO-0001")';
const SHAPES = {
  'fan-out at the root': { query: fragmentFanOut(24, { type: 'Query', leaf: `${OFFERING} { id }` }), limit: 'maxRootFields' },
  'fan-out in a field': { query: fragmentFanOut(24, { field: OFFERING, type: 'ProductOffering', leaf: 'id' }), limit: 'maxSelections' },
  '5,000 nested inline fragments': { query: nestedInlineFragments(5_000), limit: 'maxNesting' },
} as const;
// Mobile in the development posture, where it may send documents; partner and agent signed in, as only they can be.
const CALLERS: [ChannelName, string | null][] = [['web', null], ['mobile', null], ['partner', 'partner'], ['agent', 'agent']];

describe('hostile documents through the gateway, on every channel', () => {
  let e2e: E2E;
  const callers = new Map<ChannelName, Caller>();
  beforeAll(async () => {
    e2e = await startE2E();
    for (const [channel, user] of CALLERS) callers.set(channel, await e2e.as(user, channel));
  });
  afterAll(() => e2e.stack.stop());

  it('the fan-out documents are about 1 KB', () => {
    expect(SHAPES['fan-out at the root'].query.length).toBeLessThan(1_400);
    expect(SHAPES['fan-out in a field'].query.length).toBeLessThan(1_400);
  });

  for (const [name, shape] of Object.entries(SHAPES)) {
    it(`refuses ${name} with 400 OPERATION_LIMIT_EXCEEDED naming ${shape.limit}, while /health answers at once`, async () => {
      for (const [channel] of CALLERS) {
        const started = performance.now();
        let refusedAt = 0;
        const refusal = (callers.get(channel) as Caller).run(shape.query).then((res: GraphQLResponse) => { refusedAt = performance.now(); return res; });
        const health = await fetch(`${e2e.stack.gateway.url.replace(/\/(graphql)?$/, '')}/health`);
        const healthAt = performance.now();
        const res = await refusal;
        expect(health.status, channel).toBe(200);
        expect([res.status, res.body.errors?.[0]?.extensions?.code], channel).toEqual([400, 'OPERATION_LIMIT_EXCEEDED']);
        expect(res.body.errors[0].message, channel).toContain(`(${shape.limit}) for the ${channel} channel`);
        expect(res.body.data, channel).toBeUndefined();
        // Generous bounds: before the fix the refusal took from 8 s to forever, and /health waited as long.
        expect(refusedAt - started, channel).toBeLessThan(2_000);
        expect(healthAt - started, channel).toBeLessThan(2_000);
      }
    });
  }

  it('keeps serving normal queries afterwards, on every channel', async () => {
    for (const [channel] of CALLERS) {
      const res = await (callers.get(channel) as Caller).run(`{ ${OFFERING} { id name } }`);
      expect([res.status, res.body.data], channel).toEqual([200, { productOffering: { id: 'PO-0001', name: expect.any(String) } }]);
    }
  });
});
