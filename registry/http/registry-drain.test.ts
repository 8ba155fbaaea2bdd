// The registry drains the way load balancers can follow: /ready turns 503 first, while every route
// still answers; only then does the listener close.
import { describe, expect, it } from 'vitest';
import { startTestRegistry } from '../registry-test-support.ts';

describe('registry drain', () => {
  it('answers /ready 200, then 503 while still serving during the not-ready period, then closes', async () => {
    const t = await startTestRegistry({ notReadyMs: 1_500 });
    expect(await t.api('GET', '/ready')).toMatchObject({ status: 200, body: { ready: true } });
    const stopped = t.stop();
    expect(await t.api('GET', '/ready')).toMatchObject({ status: 503, body: { ready: false } });
    expect(await t.api('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect((await t.api('GET', '/subgraphs', t.tokens.reader)).status).toBe(200);
    await stopped;
    await expect(t.api('GET', '/health')).rejects.toThrow();
  });
});
