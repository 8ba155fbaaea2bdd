import { describe, expect, it } from 'vitest';
import { Coalescer } from './coalesce.ts';

describe('coalescing identical in-flight subgraph queries', () => {
  it('sends identical concurrent fetches once and gives each caller its own copy, with the fetch\'s start', async () => {
    const coalescer = new Coalescer<{ data: { n: number[] } }>();
    let fetches = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const fetch = async () => { fetches += 1; await gate; return { data: { n: [1] } }; };
    const before = Date.now();
    const results = Promise.all([coalescer.run('k', fetch), coalescer.run('k', fetch), coalescer.run('k', fetch)]);
    release();
    const [a, b, c] = await results;
    expect(fetches).toBe(1);
    expect(coalescer.shared).toBe(2);
    expect([a?.joined, b?.joined, c?.joined]).toEqual([false, true, true]);
    // Followers learn when the fetch they joined was sent: one moment for all.
    expect(new Set([a?.startedAt, b?.startedAt, c?.startedAt]).size).toBe(1);
    expect(a?.startedAt).toBeGreaterThanOrEqual(before);
    b?.value.data.n.push(2);
    expect(a?.value.data.n).toEqual([1]);
    expect(c?.value.data.n).toEqual([1]);
  });

  it('fetches again once the first fetch is over, and never shares across keys', async () => {
    const coalescer = new Coalescer<number>();
    let fetches = 0;
    const fetch = async () => ++fetches;
    await coalescer.run('k', fetch);
    await coalescer.run('k', fetch);
    await Promise.all([coalescer.run('a', fetch), coalescer.run('b', fetch)]);
    expect(fetches).toBe(4);
  });

  it('shares a failure with the callers that waited for it', async () => {
    const coalescer = new Coalescer<number>();
    const failing = async () => { throw new Error('down'); };
    await expect(Promise.all([coalescer.run('k', failing), coalescer.run('k', failing)])).rejects.toThrow('down');
  });
});
