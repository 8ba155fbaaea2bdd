import { afterEach, describe, expect, it } from 'vitest';
import { LoadShedder } from './load-shedder.ts';

let shedder: LoadShedder | undefined;
afterEach(() => shedder?.close());

describe('LoadShedder', () => {
  it('admits up to maxInFlight requests, sheds the next, and admits again once one is released', () => {
    shedder = new LoadShedder({ maxInFlight: 2, maxEventLoopDelayMs: 0, retryAfterSeconds: 1 });
    expect([shedder.admit(), shedder.admit(), shedder.admit()]).toEqual(['admitted', 'admitted', 'in-flight']);
    shedder.release();
    expect(shedder.admit()).toBe('admitted');
    expect(shedder.state()).toMatchObject({ inFlight: 2, shed: { inFlight: 1, eventLoopDelay: 0 } });
  });

  const stall = (ms: number) => { const until = Date.now() + ms; while (Date.now() < until) { /* CPU-bound, as under overload */ } };
  const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

  it('sheds while the event loop lags past the limit, sample after sample', async () => {
    shedder = new LoadShedder({ maxInFlight: 100, maxEventLoopDelayMs: 100, retryAfterSeconds: 1 });
    // Each stall makes the overdue sampling timer read a lag before the next one starts.
    for (let i = 0; i < 3; i += 1) { stall(300); await tick(); }
    expect(shedder.admit()).toBe('event-loop-delay');
    expect(shedder.state().shed.eventLoopDelay).toBe(1);
  });

  it('sheds nothing for one long pause (a garbage collection, a supergraph being composed)', async () => {
    shedder = new LoadShedder({ maxInFlight: 100, maxEventLoopDelayMs: 100, retryAfterSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 350));
    stall(700);
    await tick();
    expect(shedder.admit()).toBe('admitted');
  });
});
