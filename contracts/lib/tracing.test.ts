// Tracing is off unless an endpoint is configured (nothing registered, nothing recorded, nothing sent);
// on, it exports over OTLP/HTTP and can be stopped and started again in one process, reaching tracers
// handed out before (as @apollo/gateway keeps its own).
import { context, propagation, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver } from '../../test/support/otlp-receiver.ts';
import { startTracing, tracerOf, tracingEnabled, tracingOptionsFromEnv } from './tracing.ts';

describe('tracing configuration', () => {
  it('reads the endpoint from the environment, off when unset or disabled', () => {
    expect(tracingOptionsFromEnv('passerelle-gateway', {})).toEqual({ endpoint: null, serviceName: 'passerelle-gateway' });
    expect(tracingOptionsFromEnv('g', { PASSERELLE_OTLP_ENDPOINT: 'http://collector:4318/' }).endpoint).toBe('http://collector:4318/v1/traces');
    expect(tracingOptionsFromEnv('g', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).endpoint).toBe('http://collector:4318/v1/traces');
    expect(tracingOptionsFromEnv('g', { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/traces' }).endpoint).toBe('http://collector:4318/traces');
    expect(tracingOptionsFromEnv('g', { PASSERELLE_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }).endpoint).toBeNull();
    expect(tracingOptionsFromEnv('g', { OTEL_SERVICE_NAME: 'edge-gateway' }).serviceName).toBe('edge-gateway');
  });
});

describe('tracing in a process', () => {
  let receiver: OtlpReceiver;
  beforeAll(async () => { receiver = await startOtlpReceiver(); });
  afterAll(() => receiver.close());
  // Obtained before tracing starts, kept across restarts: what a library's module-level tracer does.
  const early = trace.getTracer('early-library');

  it('without an endpoint: nothing registered, spans are no-ops, no traceparent written', async () => {
    const tracing = await startTracing({ endpoint: null, serviceName: 'test' });
    expect(tracing.enabled).toBe(false);
    expect(tracingEnabled()).toBe(false);
    expect(tracerOf('test').startSpan('nothing').isRecording()).toBe(false);
    const headers: Record<string, string> = {};
    propagation.inject(context.active(), headers);
    expect(headers).toEqual({});
    await tracing.shutdown();
  });

  it('with an endpoint: spans are exported; the last of shared handles turns it off; it starts again', async () => {
    for (const round of [1, 2]) {
      const first = await startTracing({ endpoint: receiver.url, serviceName: `round-${round}` });
      const second = await startTracing({ endpoint: receiver.url, serviceName: 'ignored: one provider per process' });
      expect(tracingEnabled()).toBe(true);
      const span = early.startSpan(`span of round ${round}`);
      expect(span.isRecording()).toBe(true);
      span.end();
      await first.forceFlush();
      expect(receiver.spans.filter((s) => s.name === `span of round ${round}`).map((s) => s.service)).toEqual([`round-${round}`]);
      await first.shutdown();
      expect(tracingEnabled()).toBe(true);
      await second.shutdown();
      expect(tracingEnabled()).toBe(false);
      expect(early.startSpan('after').isRecording()).toBe(false);
    }
  });
});
