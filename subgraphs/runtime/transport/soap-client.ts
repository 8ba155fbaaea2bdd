/**
 * SOAP 1.1 (document/literal) to a legacy system: the SOAP counterpart of LegacyHttpClient. Envelopes
 * are built by an escaping XML builder (values never steer the XML), responses are parsed with entity
 * processing off and any DTD refused, and every call has a timeout and a response-size cap. Transport
 * failures and faults become coded errors whose message names the system only: fault text, detail,
 * host and port stay on this side. Each data source wraps one SoapClient and classifies its own faults.
 */
import { Agent, request } from 'undici';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { GraphQLError } from 'graphql';
import { codedError } from '../../../contracts/error-codes.ts';
import { FAILURE_WORDING, isCodedError, readCapped, transportFailure, type TransportFailure } from './transport.ts';
import { observeLegacyCall, type LegacyCallContext } from './legacy-call-channel.ts';
import { protectLegacySystem, type LegacyPolicy } from './resilience/policy-registry.ts';
import type { ResilienceOptions } from './resilience/resilience-options.ts';
import { createLogger, type Logger } from '../../../contracts/lib/logger.ts';

export const SOAP11_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

let processLog: Logger | undefined;
const soapLog = (): Logger => (processLog ??= createLogger('soap'));

export interface SoapClientOptions {
  /** Human name of the system, for error messages ("Billing", "ERP"). */
  system: string;
  /** Where undocumented faults are logged (default: the process's logger, component "soap"). */
  log?: Logger;
  /** Full endpoint URL, e.g. http://127.0.0.1:5004/BillingService. */
  endpointUrl: string;
  /** targetNamespace of the WSDL: request elements are qualified with it. */
  namespace: string;
  /** SOAPAction of an operation; defaults to namespace + operation (the .NET/CXF convention). */
  soapAction?: (operation: string) => string;
  timeoutMs: number;
  maxResponseBytes: number;
  /** Turns a fault this system documents (e.g. "not found") into a coded error; others are UPSTREAM_ERROR. */
  classifyFault?: (fault: SoapFaultInfo) => GraphQLError | undefined;
  /** Breaker, retries and bulkhead of this system (resilience/); named defaults when absent. */
  resilience?: ResilienceOptions;
}

/** A fault as received: for classification and server-side logs only, never for a client. */
export interface SoapFaultInfo { operation: string; code: string; text: string; detail: unknown }

export type SoapValue = string | number | boolean | undefined | readonly SoapValue[] | { readonly [key: string]: SoapValue };

export interface SoapCallOptions {
  /** Response element names that may repeat (maxOccurs > 1): always parsed as arrays. */
  arrays?: readonly string[];
  /** A read, or a write the system deduplicates: may be retried after a transient failure. */
  idempotent?: boolean;
}

/** XML 1.0 forbids these characters even escaped: such a value cannot be sent at all. */
const NOT_XML_CHAR = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decodeXmlText = (text: string): string =>
  text.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (_, ref: string) =>
    ref.startsWith('#x') ? String.fromCodePoint(parseInt(ref.slice(2), 16))
      : ref.startsWith('#') ? String.fromCodePoint(Number(ref.slice(1))) : (PREDEFINED[ref] ?? ''));

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false, processEntities: true });

export class SoapClient {
  private readonly agent: Agent;
  private readonly url: URL;
  private readonly policy: LegacyPolicy;

  constructor(private readonly options: SoapClientOptions) {
    this.url = new URL(options.endpointUrl);
    this.policy = protectLegacySystem(options.system, options.resilience);
    this.agent = new Agent({ keepAliveTimeout: 30_000, connections: 32, connectTimeout: options.timeoutMs });
  }

  /** Calls `operation`; resolves to the children of `<operation>Response` (local names, text values). */
  async call<T = Record<string, unknown>>(operation: string, body: Record<string, SoapValue>, options: SoapCallOptions = {}): Promise<T> {
    const envelope = this.envelope(operation, body);
    // A fault is read inside the policy: an unclassified one counts against the system, "not found" does not.
    return this.policy.execute(
      (timeoutMs, attemptNo) => {
        const context: LegacyCallContext = { system: this.options.system, protocol: 'soap', route: operation, method: 'POST', attempt: attemptNo, headers: {} };
        return observeLegacyCall(context, async () => this.read<T>(operation, await this.post(operation, envelope, timeoutMs, context), options));
      },
      { idempotent: options.idempotent ?? false, timeoutMs: this.options.timeoutMs },
    );
  }

  /** The request envelope; exposed so that tests can check escaping. */
  envelope(operation: string, body: Record<string, SoapValue>): string {
    return builder.build({
      '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
      'soap:Envelope': {
        '@_xmlns:soap': SOAP11_ENVELOPE_NS, '@_xmlns:tns': this.options.namespace,
        'soap:Body': { [`tns:${operation}`]: this.qualify(body) },
      },
    });
  }

  /** Idempotent: the subgraph runtime closes definitions when their server stops. */
  async close(): Promise<void> {
    this.policy.release();
    if (!this.agent.closed && !this.agent.destroyed) await this.agent.close();
  }

  private qualify(value: SoapValue): unknown {
    if (Array.isArray(value)) return value.map((item) => this.qualify(item));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value as Record<string, SoapValue>)
        .filter(([, v]) => v !== undefined).map(([key, v]) => [`tns:${key}`, this.qualify(v)]));
    }
    const scalar = String(value);
    if (NOT_XML_CHAR.test(scalar)) throw codedError('BAD_USER_INPUT', 'A value contains characters that cannot be sent.');
    return scalar;
  }

  private fail(code: TransportFailure, message: string): GraphQLError {
    return codedError(code, `The ${this.options.system} ${message}`, { system: this.options.system });
  }

  private async post(operation: string, envelope: string, timeoutMs: number, context: LegacyCallContext): Promise<{ status: number; text: string }> {
    const signal = AbortSignal.timeout(timeoutMs);
    const action = this.options.soapAction?.(operation) ?? this.options.namespace + operation;
    try {
      const res = await request(this.url, {
        method: 'POST', dispatcher: this.agent, signal, body: envelope,
        // The channel's subscribers may have added headers (traceparent) to the context's.
        headers: { ...context.headers, 'content-type': 'text/xml; charset=utf-8', soapaction: `"${action}"`, accept: 'text/xml' },
      });
      context.status = res.statusCode;
      const body = await readCapped(res, this.options.maxResponseBytes);
      if (!body) throw this.fail('UPSTREAM_ERROR', 'sent an oversized response.');
      if (res.statusCode === 502 || res.statusCode === 503 || res.statusCode === 504) throw this.fail('UPSTREAM_UNAVAILABLE', 'is unavailable.');
      return { status: res.statusCode, text: body.toString('utf8') };
    } catch (error) {
      if (isCodedError(error)) throw error;
      const failure = transportFailure(error, signal);
      throw this.fail(failure, FAILURE_WORDING[failure]);
    }
  }

  private read<T>(operation: string, { status, text }: { status: number; text: string }, options: SoapCallOptions): T {
    // No DTD, ever: it is how entity expansion and external entities get in.
    if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw this.fail('UPSTREAM_ERROR', 'sent a response that was refused.');
    if (XMLValidator.validate(text) !== true) throw this.fail('UPSTREAM_ERROR', 'sent an unreadable response.');
    const arrays = new Set(options.arrays ?? []);
    const parser = new XMLParser({
      removeNSPrefix: true, ignoreAttributes: true, ignoreDeclaration: true, ignorePiTags: true,
      parseTagValue: false, processEntities: false,
      tagValueProcessor: (_name, value) => decodeXmlText(value),
      isArray: (name, _path, _leaf, isAttribute) => !isAttribute && arrays.has(name),
    });
    const parsed = parser.parse(text) as { Envelope?: { Body?: Record<string, unknown> } };
    const body = parsed.Envelope?.Body;
    if (!body || typeof body !== 'object') throw this.fail('UPSTREAM_ERROR', 'sent an unreadable response.');
    const fault = body['Fault'] as Record<string, unknown> | undefined;
    if (fault && typeof fault === 'object') throw this.faultError(operation, fault);
    const response = body[`${operation}Response`];
    if (status !== 200 || response === undefined) throw this.fail('UPSTREAM_ERROR', 'sent an unreadable response.');
    return (response === '' ? {} : response) as T;
  }

  private faultError(operation: string, fault: Record<string, unknown>): GraphQLError {
    const info: SoapFaultInfo = {
      operation,
      code: String(fault['faultcode'] ?? '').replace(/^.*:/, ''),
      text: String(fault['faultstring'] ?? ''),
      detail: fault['detail'],
    };
    const classified = this.options.classifyFault?.(info);
    if (classified) return classified;
    // Operators get the fault code and text in the server log; clients get the system name only.
    // The fault text is the legacy system's own words: in the message, where token-looking text is scrubbed.
    (this.options.log ?? soapLog()).warn({ kind: 'soap-fault', system: this.options.system, operation, faultCode: info.code }, `${this.options.system} ${operation} SOAP fault ${info.code}: ${info.text}`);
    return this.fail('UPSTREAM_ERROR', 'reported an error.');
  }
}
