// One large schema must not freeze the registry (issue 10): checks compose in a worker thread, schemas
// over the size limits are refused at once, checks over the time budget are stopped, and /health and
// reads answer all along. Bounds on /health are generous on purpose (a loaded 2-core machine).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wideSchema } from '../checks/wide-schema.ts';
import { startTestRegistry, type TestRegistry } from '../registry-test-support.ts';

let t: TestRegistry;
let fast: TestRegistry;
beforeAll(async () => {
  t = await startTestRegistry();
  // No seed: the wide schema composes alone, and no seed publish has to fit the short budget.
  fast = await startTestRegistry({ seed: false, checkRunner: { budgetMs: 500, limits: { maxSdlBytes: 4 * 1024 * 1024 } } });
});
afterAll(async () => { await Promise.all([t?.stop(), fast?.stop()]); });

/** Polls /health every 50 ms until `work` settles: how many answered and the slowest answer, in ms. */
async function healthDuring<T>(registry: TestRegistry, work: Promise<T>): Promise<{ result: T; answered: number; slowestMs: number }> {
  let settled = false;
  const done = work.finally(() => { settled = true; });
  let answered = 0;
  let slowestMs = 0;
  while (!settled) {
    const started = performance.now();
    const health = await registry.api('GET', '/health');
    expect(health.status).toBe(200);
    answered += 1;
    slowestMs = Math.max(slowestMs, performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { result: await done, answered, slowestMs };
}

describe('registry under a large schema', () => {
  it('refuses a 100,000-field schema (1.3 MB, under the body limit) with SCHEMA_TOO_LARGE naming the limit', async () => {
    const huge = wideSchema(100_000, 50, 'Wide', false);
    expect(Buffer.byteLength(huge)).toBeLessThan(2 * 1024 * 1024);
    const started = performance.now();
    const refused = await t.api('POST', '/subgraphs/huge/check', t.tokens.reader, { sdl: huge, routingUrl: 'http://127.0.0.1:4999/graphql' });
    const ms = performance.now() - started;
    expect(refused.status).toBe(413);
    expect(refused.body.errors[0]).toMatchObject({ extensions: { code: 'SCHEMA_TOO_LARGE' }, message: expect.stringMatching(/maxSdlBytes limit of 524288 bytes/) });
    // With the byte limit raised, the worker's parser stops at the token limit, still without composing.
    const inWorker = performance.now();
    const { result, answered, slowestMs } = await healthDuring(fast, fast.api('POST', '/subgraphs/huge/check', fast.tokens.reader, { sdl: huge, routingUrl: 'http://127.0.0.1:4999/graphql' }));
    expect(result.status).toBe(413);
    expect(result.body.errors[0].message).toMatch(/maxTokens limit of 100000 tokens/);
    console.log(`100,000 fields (${Buffer.byteLength(huge)} bytes): refused by bytes in ${ms.toFixed(0)} ms; by tokens in the worker in ${(performance.now() - inWorker).toFixed(0)} ms while /health answered ${answered} times, slowest ${slowestMs.toFixed(0)} ms`);
  });

  it('stops a check over its budget with CHECK_TIMEOUT while /health answers', async () => {
    const started = performance.now();
    const { result, answered, slowestMs } = await healthDuring(fast, fast.api('POST', '/subgraphs/wide/check', fast.tokens.reader, { sdl: wideSchema(4_900), routingUrl: 'http://127.0.0.1:4999/graphql' }));
    expect(result.status).toBe(503);
    expect(result.body.errors[0]).toMatchObject({ extensions: { code: 'CHECK_TIMEOUT' }, message: expect.stringMatching(/budget of 500 ms \(budgetMs\)/) });
    expect(answered).toBeGreaterThan(0);
    expect(slowestMs).toBeLessThan(2_000);
    console.log(`4,900 fields, 500 ms budget: CHECK_TIMEOUT answered after ${(performance.now() - started).toFixed(0)} ms; /health answered ${answered} times, slowest ${slowestMs.toFixed(0)} ms`);
  });

  it('answers /health and reads while a long check composes, and the check still passes through the worker', async () => {
    const started = performance.now();
    const check = t.api('POST', '/subgraphs/wide/check', t.tokens.reader, { sdl: wideSchema(4_900), routingUrl: 'http://127.0.0.1:4999/graphql' });
    const { result, answered, slowestMs } = await healthDuring(t, check);
    expect(result.status).toBe(200);
    expect(result.body.report.composition.errors).toEqual([]);
    expect(answered).toBeGreaterThan(1);
    expect(slowestMs).toBeLessThan(2_000);
    expect((await t.api('GET', '/subgraphs', t.tokens.reader)).status).toBe(200);
    console.log(`4,900 fields composed with the real graph in ${(performance.now() - started).toFixed(0)} ms; /health answered ${answered} times, slowest ${slowestMs.toFixed(0)} ms`);
    const normal = await t.api('POST', '/subgraphs/catalog/check', t.tokens.reader, { sdl: (await t.api('GET', '/subgraphs/catalog', t.tokens.reader)).body.sdl });
    expect(normal).toMatchObject({ status: 200, body: { ok: true, baseVersion: 1 } });
  });
});
