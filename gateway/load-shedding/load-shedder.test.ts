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

  it('sheds while the event loop lags past the limit', async () => {
    shedder = new LoadShedder({ maxInFlight: 100, maxEventLoopDelayMs: 100, retryAfterSeconds: 1 });
    const until = Date.now() + 700;
    while (Date.now() < until) { /* a CPU-bound stall, as under overload */ }
    // The sampling timer, overdue, runs before this one: it reads the stall.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(shedder.admit()).toBe('event-loop-delay');
    expect(shedder.state().shed.eventLoopDelay).toBe(1);
  });
});
