/**
 * SOAP 1.1 document/literal endpoints for the SOAP stand-ins (Billing, ERP stock), on the stand-in harness.
 * Behaves like the .NET/Java stacks these systems run on: the WSDL at `<path>?wsdl`, dispatch on the
 * SOAPAction header (which must match the body's operation element), namespace-checked envelopes, and
 * `soap:Fault` answers with HTTP 500. A DTD in a request is refused, as those stacks do by default.
 *
 * Operations receive their request element with namespaces resolved and return the children of
 * `<OperationResponse>` as a plain object (key order = the WSDL sequence order).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { StandInDefinition } from './stand-in.ts';

export const SOAP11_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/** A request element; `ns` is the resolved namespace URI (null when unqualified). */
export interface XmlElement { ns: string | null; name: string; children: XmlElement[]; text: string }

export type FaultCode = 'soap:Client' | 'soap:Server' | 'soap:VersionMismatch';

/** Thrown by an operation (or the dispatcher): answered as a soap:Fault with HTTP 500. */
export class SoapFault extends Error {
  constructor(readonly faultcode: FaultCode, readonly faultstring: string, readonly detail?: Record<string, unknown>) {
    super(faultstring);
  }
}

/** The children of `<Operation>Response`, in WSDL order; undefined values are left out (minOccurs=0). */
export type SoapResult = Record<string, unknown>;

export interface SoapServiceDefinition {
  system: string;
  /** Endpoint path, e.g. "/BillingService". */
  path: string;
  /** targetNamespace of the WSDL; SOAPAction of operation X is namespace + X. */
  namespace: string;
  /** The WSDL text; its `soap:address location` is rewritten to the address actually serving it. */
  wsdl: string;
  operations: Record<string, (request: XmlElement) => SoapResult>;
  /** The fault this system answers with when broken or overloaded (the errorRate knob). */
  serverFault(): SoapFault;
}

const parser = new XMLParser({
  preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false,
  parseAttributeValue: false, processEntities: false, ignoreDeclaration: true, ignorePiTags: true,
});
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false });

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** Entity processing is off in the parser (no DTD ever expands); the five XML entities and character references are decoded here. */
export function decodeXmlText(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (_, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    return PREDEFINED[ref] ?? '';
  });
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function toElement(node: OrderedNode, inherited: ReadonlyMap<string, string>): XmlElement {
  const qname = Object.keys(node).find((key) => key !== ':@') as string;
  const scope = new Map(inherited);
  for (const [attr, value] of Object.entries(node[':@'] ?? {})) {
    if (attr === 'xmlns') scope.set('', decodeXmlText(value));
    else if (attr.startsWith('xmlns:')) scope.set(attr.slice(6), decodeXmlText(value));
  }
  const colon = qname.indexOf(':');
  const prefix = colon >= 0 ? qname.slice(0, colon) : '';
  const element: XmlElement = { ns: scope.get(prefix) || null, name: qname.slice(colon + 1), children: [], text: '' };
  for (const child of (node[qname] as OrderedNode[]) ?? []) {
    if ('#text' in child) element.text += decodeXmlText(String(child['#text']));
    else if (!Object.keys(child).some((key) => key.startsWith('?') || key.startsWith('#'))) element.children.push(toElement(child, scope));
  }
  return element;
}

/** Parses a request document into its root element; a DTD or malformed XML is a Client fault. */
export function parseSoapRequest(xml: string): XmlElement {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new SoapFault('soap:Client', 'DTD is prohibited in this XML document.');
  if (XMLValidator.validate(xml) !== true) throw new SoapFault('soap:Client', 'Server was unable to read request. There is an error in the XML document.');
  const root = (parser.parse(xml) as OrderedNode[]).find((node) => !Object.keys(node).some((key) => key.startsWith('?') || key.startsWith('#')));
  if (!root) throw new SoapFault('soap:Client', 'Server was unable to read request. Root element is missing.');
  return toElement(root, new Map());
}

/** Child elements of the service namespace (elementFormDefault="qualified"). */
export const childrenNamed = (el: XmlElement, name: string, ns: string): XmlElement[] =>
  el.children.filter((child) => child.name === name && child.ns === ns);

/** Trimmed texts of the named children (repeated elements give several). */
export const textsOf = (el: XmlElement, name: string, ns: string): string[] =>
  childrenNamed(el, name, ns).map((child) => child.text.trim());

function envelope(body: Record<string, unknown>): string {
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
    'soap:Envelope': {
      '@_xmlns:soap': SOAP11_ENVELOPE_NS, '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', '@_xmlns:xsd': 'http://www.w3.org/2001/XMLSchema',
      'soap:Body': body,
    },
  });
}

/** Drops undefined values so that optional elements are simply absent. */
function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, prune(v)]));
  }
  return value;
}

export function sendFault(res: ServerResponse, fault: SoapFault): void {
  const body = { 'soap:Fault': { faultcode: fault.faultcode, faultstring: fault.faultstring, ...(fault.detail ? { detail: prune(fault.detail) } : {}) } };
  res.writeHead(500, { 'content-type': 'text/xml; charset=utf-8' }).end(envelope(body));
}

const soapActionOf = (req: IncomingMessage): string | undefined => {
  const header = req.headers['soapaction'];
  return typeof header === 'string' ? header.trim().replace(/^"(.*)"$/, '$1') : undefined;
};

/** Wraps a SOAP service as a stand-in definition: route labels are "POST <path>#<Operation>" and "GET <path>?wsdl". */
export function soapStandIn(def: SoapServiceDefinition): StandInDefinition {
  const actions = new Map(Object.keys(def.operations).map((op) => [def.namespace + op, op]));
  const isWsdlRequest = (url: URL): boolean => [...url.searchParams.keys()].some((key) => key.toLowerCase() === 'wsdl');

  const routeOf = (req: IncomingMessage): string => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (url.pathname !== def.path) return `${req.method} (unknown)`;
    if (req.method === 'GET') return isWsdlRequest(url) ? `GET ${def.path}?wsdl` : `GET ${def.path}`;
    return `POST ${def.path}#${actions.get(soapActionOf(req) ?? '') ?? '(unknown)'}`;
  };

  function dispatch(req: IncomingMessage, body: Buffer): { operation: string; result: SoapResult } {
    const envelopeEl = parseSoapRequest(body.toString('utf8'));
    if (envelopeEl.name !== 'Envelope' || envelopeEl.ns !== SOAP11_ENVELOPE_NS) {
      throw new SoapFault('soap:VersionMismatch', 'Possible SOAP version mismatch: Envelope namespace was unexpected.');
    }
    const bodyEl = envelopeEl.children.find((child) => child.name === 'Body' && child.ns === SOAP11_ENVELOPE_NS);
    const request = bodyEl?.children[0];
    if (!request) throw new SoapFault('soap:Client', 'Server was unable to read request. The SOAP Body is empty.');
    const action = soapActionOf(req);
    const operation = actions.get(action ?? '');
    if (!operation) throw new SoapFault('soap:Client', `Server did not recognize the value of HTTP Header SOAPAction: ${action ?? ''}.`);
    if (request.name !== operation || request.ns !== def.namespace) {
      throw new SoapFault('soap:Client', `Server did not recognize the request element ${request.name} for SOAPAction ${action}.`);
    }
    return { operation, result: (def.operations[operation] as (r: XmlElement) => SoapResult)(request) };
  }

  return {
    system: def.system,
    routeOf,
    handle(req, res, body) {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      if (url.pathname !== def.path) {
        res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body><h1>404 Not Found</h1></body></html>');
        return routeOf(req);
      }
      if (req.method === 'GET' && isWsdlRequest(url)) {
        // The address that served the WSDL, from the socket (never from the client's Host header).
        const location = `http://${req.socket.localAddress ?? '127.0.0.1'}:${req.socket.localPort ?? 80}${def.path}`;
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' })
          .end(def.wsdl.replace(/(<soap:address\s+location=")[^"]*(")/, `$1${location}$2`));
        return routeOf(req);
      }
      if (req.method !== 'POST') {
        res.writeHead(405, { 'content-type': 'text/html', allow: 'GET, POST' }).end('<html><body><h1>405 Method Not Allowed</h1></body></html>');
        return routeOf(req);
      }
      if (!/^text\/xml\b/i.test(req.headers['content-type'] ?? '')) {
        res.writeHead(415, { 'content-type': 'text/html' }).end('<html><body><h1>415 Unsupported Media Type</h1><p>SOAP 1.1 expects text/xml.</p></body></html>');
        return routeOf(req);
      }
      try {
        const { operation, result } = dispatch(req, body);
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' })
          .end(envelope({ [`${operation}Response`]: { '@_xmlns': def.namespace, ...(prune(result) as object) } }));
        return `POST ${def.path}#${operation}`;
      } catch (error) {
        if (!(error instanceof SoapFault)) throw error;
        sendFault(res, error);
        return routeOf(req);
      }
    },
    fail(_req, res) {
      sendFault(res, def.serverFault());
    },
  };
}
