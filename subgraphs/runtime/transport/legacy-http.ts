/**
 * HTTP to a legacy REST system: keep-alive connections, a timeout and a response-size cap on every call,
 * and transport failures turned into coded errors that never name the host. Each data source wraps one
 * LegacyHttpClient and is the only place that knows its system's paths, fields and faults.
 */
import { Agent, request } from 'undici';
import { codedError } from '../../../contracts/error-codes.ts';
import { FAILURE_WORDING, isCodedError, readCapped, transportFailure } from './transport.ts';
import { observeLegacyCall, routeOf, type LegacyCallContext } from './legacy-call-channel.ts';
import { protectLegacySystem, type LegacyPolicy } from './resilience/policy-registry.ts';
import type { ResilienceOptions } from './resilience/resilience-options.ts';

export interface LegacyHttpOptions {
  /** Human name of the system, for error messages ("CRM", "Catalogue"...). */
  system: string;
  baseUrl: string;
  /** Per call, connection included. */
  timeoutMs: number;
  maxResponseBytes: number;
  /** Breaker, retries and bulkhead of this system (resilience/); named defaults when absent. */
  resilience?: ResilienceOptions;
}

export const LEGACY_HTTP_DEFAULTS = Object.freeze({ timeoutMs: 5_000, maxResponseBytes: 5 * 1024 * 1024 });

export interface LegacyResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface LegacyRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** Already-encoded path, built with pathSegment() for every variable part. */
  path: string;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  json?: unknown;
  /** May be retried after a transient failure: GET by default; a write only with an idempotency key. */
  idempotent?: boolean;
  /** Retried after a timeout too (a write with an idempotency key: its outcome is unknown). */
  retryTimeouts?: boolean;
}

/** One variable path segment, validated and encoded: identifiers never steer the URL. */
export function pathSegment(value: string): string {
  if (value === '' || value === '.' || value === '..' || /[/\\?#%\u0000-\u001f]/.test(value) || value.length > 128) {
    throw codedError('BAD_USER_INPUT', 'Invalid identifier.');
  }
  return encodeURIComponent(value);
}

export class LegacyHttpClient {
  private readonly agent: Agent;
  private readonly origin: string;
  private readonly basePath: string;
  private closing: Promise<void> | undefined;
  private readonly policy: LegacyPolicy;

  constructor(private readonly options: LegacyHttpOptions) {
    this.policy = protectLegacySystem(options.system, options.resilience);
    const base = new URL(options.baseUrl);
    this.origin = base.origin;
    this.basePath = base.pathname.replace(/\/$/, '');
    this.agent = new Agent({ keepAliveTimeout: 30_000, connections: 64, connectTimeout: options.timeoutMs });
  }

  async call(req: LegacyRequest): Promise<LegacyResponse> {
    const url = new URL(this.basePath + req.path, this.origin);
    if (url.origin !== this.origin) throw codedError('BAD_USER_INPUT', 'Invalid identifier.');
    for (const [key, value] of Object.entries(req.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    const idempotent = req.idempotent ?? (req.method ?? 'GET') === 'GET';
    return this.policy.execute((timeoutMs, attemptNo) => this.attempt(req, url, timeoutMs, attemptNo), { idempotent, retryTimeouts: req.retryTimeouts === true, timeoutMs: this.options.timeoutMs });
  }

  private attempt(req: LegacyRequest, url: URL, timeoutMs: number, attemptNo: number): Promise<LegacyResponse> {
    const method = req.method ?? 'GET';
    const headers = { accept: 'application/json', ...(req.json !== undefined ? { 'content-type': 'application/json' } : {}), ...req.headers };
    const context: LegacyCallContext = { system: this.options.system, protocol: 'rest', route: routeOf(method, req.path), method, attempt: attemptNo, headers };
    return observeLegacyCall(context, () => this.send(req, url, timeoutMs, context));
  }

  private async send(req: LegacyRequest, url: URL, timeoutMs: number, context: LegacyCallContext): Promise<LegacyResponse> {
    const signal = AbortSignal.timeout(timeoutMs);
    const system = this.options.system;
    try {
      const res = await request(url, {
        method: req.method ?? 'GET',
        dispatcher: this.agent,
        signal,
        // The channel's subscribers may have added headers (traceparent) to the context's.
        headers: context.headers,
        ...(req.json !== undefined ? { body: JSON.stringify(req.json) } : {}),
      });
      context.status = res.statusCode;
      const body = await readCapped(res, this.options.maxResponseBytes);
      if (!body) throw codedError('UPSTREAM_ERROR', `The ${system} sent an oversized response.`, { system });
      const response = { status: res.statusCode, headers: res.headers, text: body.toString('utf8') };
      if (response.status === 503 || response.status === 502 || response.status === 504) {
        throw codedError('UPSTREAM_UNAVAILABLE', `The ${system} is unavailable.`, { system });
      }
      if (response.status >= 500) throw codedError('UPSTREAM_ERROR', `The ${system} failed to answer.`, { system });
      return response;
    } catch (error) {
      if (isCodedError(error)) throw error;
      const failure = transportFailure(error, signal);
      throw codedError(failure, `The ${system} ${FAILURE_WORDING[failure]}`, { system });
    }
  }

  /** GET/POST returning parsed JSON; a body that is not JSON is an UPSTREAM_ERROR, never a crash. */
  parseJson<T>(response: LegacyResponse): T {
    try {
      return JSON.parse(response.text) as T;
    } catch {
      throw codedError('UPSTREAM_ERROR', `The ${this.options.system} sent an unreadable response.`, { system: this.options.system });
    }
  }

  /** Idempotent: the owner and the server that stops it may both call it. */
  close(): Promise<void> {
    this.policy.release();
    this.closing ??= this.agent.close();
    return this.closing;
  }
}
