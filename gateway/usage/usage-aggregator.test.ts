/** Aggregation per minute, client version and operation; the recorder's flush, retry and stop. */
import { describe, expect, it } from 'vitest';
import type { UsageMinute, UsageStore } from '../../contracts/usage/usage-report.ts';
import { bucketOf, UsageAggregator } from './usage-aggregator.ts';
import { UsageRecorder } from './usage-recorder.ts';

const T = Date.UTC(2026, 10, 2, 10, 0, 30);
const request = { client: 'mobile', clientVersion: '1.4', operationName: 'Q', operationHash: 'h', durationMs: 30, failed: false, fields: ['Query.a', 'A.b'] };

describe('the usage aggregator', () => {
  it('adds requests of the same minute, client version and operation into one entry', () => {
    const aggregator = new UsageAggregator();
    aggregator.add({ ...request, at: T });
    aggregator.add({ ...request, at: T + 20_000, failed: true, durationMs: 20_000 });
    aggregator.add({ ...request, at: T + 40_000 });
    aggregator.add({ ...request, at: T, clientVersion: '1.5', fields: ['Query.a'] });
    const minutes = aggregator.drain();
    expect(minutes).toHaveLength(3);
    expect(minutes[0]).toMatchObject({ minute: Date.UTC(2026, 10, 2, 10, 0), requests: 2, errors: 1, durationMsSum: 20_030, fields: { 'Query.a': 2, 'A.b': 2 } });
    expect(minutes[0]!.durationBuckets[bucketOf(30)]).toBe(1);
    expect(minutes[0]!.durationBuckets.at(-1)).toBe(1);
    expect(aggregator.drain()).toEqual([]);
  });

  it('keeps at most maxKeys entries and counts what it drops', () => {
    const aggregator = new UsageAggregator(2);
    for (const hash of ['a', 'b', 'c', 'a']) aggregator.add({ ...request, operationHash: hash, at: T });
    expect(aggregator.size).toBe(2);
    expect(aggregator.dropped).toBe(1);
  });
});

describe('the usage recorder', () => {
  const fakeStore = (failFirst: boolean) => {
    const written: UsageMinute[][] = [];
    let calls = 0;
    const store: UsageStore = {
      async record(minutes) { calls += 1; if (failFirst && calls === 1) throw new Error('down'); written.push([...minutes]); },
      operations: async () => [], fieldUsage: async () => [], applyRetention: async () => 0, close: async () => {},
    };
    return { store, written };
  };

  it('puts minutes back when a write fails and writes them on the next flush; stop() flushes the rest', async () => {
    const { store, written } = fakeStore(true);
    const errors: string[] = [];
    const recorder = new UsageRecorder({ openStore: async () => store, flushIntervalMs: 60_000, retentionIntervalMs: 60_000, now: () => T, onError: (m) => errors.push(m) });
    recorder.add(request);
    await recorder.flush();
    expect(errors).toEqual(['usage flush failed: down']);
    recorder.add(request);
    await recorder.stop();
    expect(written).toHaveLength(1);
    expect(written[0]![0]!.requests).toBe(2);
  });

  it('never opens the store when nothing was recorded', async () => {
    let opened = false;
    const recorder = new UsageRecorder({ openStore: async () => { opened = true; return fakeStore(false).store; }, flushIntervalMs: 60_000, retentionIntervalMs: 60_000 });
    await recorder.stop();
    expect(opened).toBe(false);
  });
});
