/**
 * What a mobile screen costs without Passerelle: the REST and SOAP calls the app itself would make to the
 * legacy systems for the same information, with the routes and envelopes the subgraphs' data sources use
 * (SOAP envelopes from the same escaping builder, subgraphs/runtime/soap-client.ts). Calls that need an
 * earlier answer (the product codes of orders or cart lines, before the Catalogue or the ERP can be asked)
 * form a later step: the step count is the length of the dependent sequence, each step one network
 * round-trip time at least, however parallel the calls within it.
 */
import { BILLING_ENDPOINT_PATH, BILLING_NAMESPACE } from '../../subgraphs/billing/billing/billing-data-source.ts';
import { STATUS_OF_STATE } from '../../subgraphs/billing/billing/mapping.ts';
import { ERP_ENDPOINT_PATH, ERP_NAMESPACE } from '../../subgraphs/inventory/erp/erp-data-source.ts';
import { pathSegment } from '../../subgraphs/runtime/transport/legacy-http.ts';
import { SoapClient, type SoapValue } from '../../subgraphs/runtime/transport/soap-client.ts';
import { exchange, type WireExchange } from './wire-bytes.ts';

export interface DirectCall { step: number; system: string; call: string; requestBytes: number; responseBytes: number }

export interface DirectScreen {
  calls: DirectCall[];
  roundTrips: number;
  /** Steps that must wait for an earlier answer, plus the first. */
  dependentSteps: number;
  requestBytes: number;
  responseBytes: number;
}

interface OmsLines { lines: { productCode: string }[] }

const SOAP_LIMITS = { timeoutMs: 10_000, maxResponseBytes: 5 * 1024 * 1024 };

/** The direct calls of one screen, each counted with the step it belongs to. */
class DirectClient {
  readonly calls: DirectCall[] = [];
  private current = 0;
  /** The SoapClients only build envelopes here: the exchange itself is counted by wire-bytes.ts. */
  private readonly soapServices: Record<'billing' | 'erp', { client: SoapClient; endpoint: string; namespace: string }>;

  constructor(private readonly legacy: Record<string, string>) {
    const service = (system: string, url: string | undefined, path: string, namespace: string) => {
      const endpoint = `${url}${path}`;
      return { client: new SoapClient({ system, endpointUrl: endpoint, namespace, ...SOAP_LIMITS }), endpoint, namespace };
    };
    this.soapServices = {
      billing: service('Billing', legacy['billing'], BILLING_ENDPOINT_PATH, BILLING_NAMESPACE),
      erp: service('ERP', legacy['erp'], ERP_ENDPOINT_PATH, ERP_NAMESPACE),
    };
  }

  /** Calls started together; the next step starts once they have all answered. */
  async step<T extends readonly Promise<unknown>[]>(calls: () => T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
    this.current += 1;
    return Promise.all(calls()) as Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }>;
  }

  async rest<T>(system: string, path: string, query: Record<string, string | number> = {}): Promise<T> {
    const url = new URL(`${this.legacy[system]}${path}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
    const label = Object.keys(query).length ? `?${Object.keys(query).join('&')}` : '';
    const res = this.record(system, `GET ${path}${label}`, await exchange(url.href, { headers: { accept: 'application/json' } }));
    if (!res.contentType.includes('json')) throw new Error(`${system} ${path}: not JSON`);
    return JSON.parse(res.body) as T;
  }

  async soap(system: 'billing' | 'erp', operation: string, body: Record<string, SoapValue>): Promise<string> {
    const { client, endpoint, namespace } = this.soapServices[system];
    // The SOAPAction convention of both WSDLs (and SoapClient's default): namespace + operation.
    const res = this.record(system, `SOAP ${operation}`, await exchange(endpoint, {
      method: 'POST', body: client.envelope(operation, body),
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${namespace}${operation}"`, accept: 'text/xml' },
    }));
    if (/:Fault>/.test(res.body)) throw new Error(`${system} ${operation}: SOAP fault`);
    return res.body;
  }

  async close(): Promise<DirectScreen> {
    await Promise.all(Object.values(this.soapServices).map((s) => s.client.close()));
    const sum = (pick: (c: DirectCall) => number) => this.calls.reduce((n, c) => n + pick(c), 0);
    return { calls: this.calls, roundTrips: this.calls.length, dependentSteps: this.current, requestBytes: sum((c) => c.requestBytes), responseBytes: sum((c) => c.responseBytes) };
  }

  private record(system: string, call: string, res: WireExchange): WireExchange {
    if (res.status !== 200) throw new Error(`${system} ${call} answered ${res.status}`);
    this.calls.push({ step: this.current, system, call, requestBytes: res.requestBytes, responseBytes: res.responseBytes });
    return res;
  }
}

const productCodes = (holders: OmsLines[]): string => [...new Set(holders.flatMap((h) => h.lines.map((l) => l.productCode)))].join(',');

async function offerings(direct: DirectClient, codes: string): Promise<void> {
  const batch = await direct.rest<{ items: unknown[] }>('catalogue', '/catalog/v2/offerings', { codes });
  if (batch.items.length !== codes.split(',').length) throw new Error('the Catalogue did not return every offering');
}

/** AccountHome: name, balance, the last 3 orders with their offerings, the first 5 unpaid or overdue bills. */
export async function accountHomeDirect(legacy: Record<string, string>, customerId: string): Promise<DirectScreen> {
  const direct = new DirectClient(legacy);
  const id = pathSegment(customerId);
  const [, orders] = await direct.step(() => [
    direct.rest('crm', `/api/clients/${id}`),
    direct.rest<{ orders: OmsLines[] }>('oms', `/oms/customers/${id}/orders`, { offset: 0, limit: 3 }),
    direct.soap('billing', 'GetBalance', { CustomerId: customerId }),
    direct.soap('billing', 'GetInvoicesByCustomer', {
      CustomerId: customerId, Status: [STATUS_OF_STATE.UNPAID, STATUS_OF_STATE.OVERDUE], PageIndex: 0, PageSize: 5,
    }),
  ] as const);
  const codes = productCodes(orders.orders);
  if (codes) await direct.step(() => [offerings(direct, codes)] as const);
  return direct.close();
}

/** OrderTracking: the order, its items' offerings, its bill. */
export async function orderTrackingDirect(legacy: Record<string, string>, orderId: string): Promise<DirectScreen> {
  const direct = new DirectClient(legacy);
  const [order] = await direct.step(() => [
    direct.rest<OmsLines>('oms', `/oms/orders/${pathSegment(orderId)}`),
    direct.soap('billing', 'GetInvoicesByOrders', { OrderId: [orderId] }),
  ] as const);
  const codes = productCodes([order]);
  if (codes) await direct.step(() => [offerings(direct, codes)] as const);
  return direct.close();
}

/** MobileCart: the cart, its offerings and their availability. */
export async function mobileCartDirect(legacy: Record<string, string>, customerId: string): Promise<DirectScreen> {
  const direct = new DirectClient(legacy);
  const [cart] = await direct.step(() => [direct.rest<OmsLines>('oms', `/oms/customers/${pathSegment(customerId)}/cart`)] as const);
  const codes = productCodes([cart]);
  if (codes) {
    await direct.step(() => [offerings(direct, codes), direct.soap('erp', 'GetStockLevels', { ProductCode: codes.split(',') })] as const);
  }
  return direct.close();
}
