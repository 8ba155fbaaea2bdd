import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CheckRunner } from './check-runner.ts';
import { candidateInput, realGraph } from './real-graph.ts';
import { wideSchema } from './wide-schema.ts';

const graph = realGraph();
const COMMITTED = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');
const wide = (fields: number) => ({ ...graph, candidate: { name: 'wide', url: 'http://127.0.0.1:4999/graphql', sdl: wideSchema(fields) } });
const runners: CheckRunner[] = [];
const runner = (options: ConstructorParameters<typeof CheckRunner>[0] = {}) => { const r = new CheckRunner(options); runners.push(r); return r; };
afterAll(async () => { await Promise.all(runners.map((r) => r.close())); });

describe('checks in a worker thread', () => {
  it('runs a normal check through the worker: the real catalog composes to the committed supergraph', async () => {
    const result = await runner().run(candidateInput(graph, 'catalog', (sdl) => sdl));
    expect(result.report.ok).toBe(true);
    expect(result.supergraphSdl).toBe(COMMITTED);
  });

  it('stops a check past its budget with CHECK_TIMEOUT naming it, then checks again on a fresh worker', async () => {
    const r = runner({ budgetMs: 300 });
    await expect(r.run(wide(4_900))).rejects.toMatchObject({ code: 'CHECK_TIMEOUT', message: expect.stringMatching(/budget of 300 ms \(budgetMs\)/) });
    expect(r.timeouts).toBe(1);
    expect((await r.run(candidateInput(graph, 'billing', (sdl) => sdl), { budgetMs: 60_000 })).report.ok).toBe(true);
  });

  it('refuses a schema over a limit with SCHEMA_TOO_LARGE naming the limit: bytes before queueing, fields in the worker', async () => {
    const r = runner({ limits: { maxFields: 1_000 } });
    await expect(r.run(wide(100_000))).rejects.toMatchObject({ code: 'SCHEMA_TOO_LARGE', details: { limit: 'maxSdlBytes' } });
    await expect(r.run(wide(1_001))).rejects.toMatchObject({ code: 'SCHEMA_TOO_LARGE', message: expect.stringMatching(/maxFields limit of 1000 fields \(1022\)/) });
  });

  it('runs one check at a time and refuses past its queue (CHECK_BUSY, Retry-After) instead of starting more workers; a publish\'s check goes first', async () => {
    const r = runner({ maxQueued: 2 });
    const input = candidateInput(graph, 'billing', (sdl) => sdl);
    const finished: string[] = [];
    const accepted = ['first', 'queued 1', 'queued 2'].map((name) => r.run(input).then((result) => { finished.push(name); return result; }));
    await expect(r.run(input)).rejects.toMatchObject({ code: 'CHECK_BUSY', headers: { 'retry-after': '5' } });
    const publish = r.run(input, { urgent: true }).then((result) => { finished.push('publish'); return result; });
    for (const result of await Promise.all([...accepted, publish])) expect(result.report.ok).toBe(true);
    expect(finished).toEqual(['first', 'publish', 'queued 1', 'queued 2']);
  });
});
