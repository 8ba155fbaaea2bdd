/**
 * The recording stage's own work per request (coordinate cache lookup and aggregation), timed alone:
 * a number a shared machine's load barely moves, beside the throughput comparison that it does move.
 */
import { buildSchema, parse } from 'graphql';
import { CoordinateCache } from '../../../gateway/usage/field-coordinates.ts';
import { UsageRecorder } from '../../../gateway/usage/usage-recorder.ts';

export function recordingCostMicros(requests = 200_000): number {
  const schema = buildSchema('type Query { hello: String, sawInternalToken: Boolean }');
  const document = parse('query Both { hello sawInternalToken }');
  const cache = new CoordinateCache();
  // Never flushed here: only the request path's share is timed.
  const recorder = new UsageRecorder({ openStore: () => Promise.reject(new Error('not flushed in this measure')), flushIntervalMs: 3_600_000, retentionIntervalMs: 3_600_000 });
  const started = performance.now();
  for (let i = 0; i < requests; i += 1) {
    recorder.add({ client: 'bench', clientVersion: `1.${i % 3}.0`, operationName: 'Both', operationHash: 'h', durationMs: i % 40, failed: false, fields: cache.get(schema, 'h', document, 'Both') });
  }
  const micros = ((performance.now() - started) * 1000) / requests;
  recorder.aggregator.drain();
  void recorder.stop();
  return micros;
}
