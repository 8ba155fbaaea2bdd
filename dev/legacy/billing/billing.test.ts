import soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset } from '../common/dataset.ts';
import type { StandInHandle } from '../common/stand-in.ts';
import { BILLING_NS } from './records.ts';
import { startBilling } from './server.ts';

const DATASET = { customers: 200, orders: 2000, invoices: 2400 };
const dataset = getDataset(DATASET);
let billing: StandInHandle;
// An independent SOAP stack (the `soap` package) reads our WSDL and talks to the stand-in: proof that both are real.
let client: soap.Client;

const customerWith = (min: number) => dataset.customers.find((c) => (dataset.invoicesByCustomer.get(c.id)?.length ?? 0) >= min)!;
const decimal = (cents: number) => (cents / 100).toFixed(2);

/** A raw SOAP request, to test what a generated client would never send. */
function rawPost(body: string, action: string | null, contentType = 'text/xml; charset=utf-8') {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (action !== null) headers['soapaction'] = action;
  return fetch(`${billing.url}/BillingService`, { method: 'POST', headers, body });
}
const envelope = (inner: string) =>
  `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${inner}</soap:Body></soap:Envelope>`;

beforeAll(async () => {
  billing = await startBilling({ port: 0, dataset: DATASET });
  client = await soap.createClientAsync(`${billing.url}/BillingService?wsdl`);
});
afterAll(async () => { await billing.close(); });

describe('billing stand-in: WSDL', () => {
  it('serves a document/literal WSDL naming every operation and the address that served it', async () => {
    const res = await fetch(`${billing.url}/BillingService?wsdl`);
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
    const wsdl = await res.text();
    expect(wsdl).toContain(`<soap:address location="${billing.url}/BillingService"/>`);
    expect(Object.keys(client.describe()['BillingService']['BillingServiceSoap'])).toEqual([
      'GetInvoicesByCustomer', 'GetInvoice', 'GetInvoices', 'GetInvoicesByOrders', 'GetBalance', 'GetBalances',
    ]);
  });
});

describe('billing stand-in: operations', () => {
  it('GetInvoicesByCustomer pages a customer\'s invoices newest first, with decimal amounts', async () => {
    const customer = customerWith(4);
    const all = dataset.invoicesByCustomer.get(customer.id)!;
    const [page1] = await client.GetInvoicesByCustomerAsync({ CustomerId: String(customer.id), PageIndex: 1, PageSize: 2 });
    expect(Number(page1.TotalCount)).toBe(all.length);
    const expected = all.slice(2, 4);
    expect(page1.Invoice.map((i: { InvoiceNumber: string }) => i.InvoiceNumber)).toEqual(expected.map((i) => i.number));
    const raw = await rawPost(envelope(`<GetInvoicesByCustomer xmlns="${BILLING_NS}"><CustomerId>${customer.id}</CustomerId><PageIndex>0</PageIndex><PageSize>1</PageSize></GetInvoicesByCustomer>`),
      `"${BILLING_NS}GetInvoicesByCustomer"`).then((r) => r.text());
    const newest = all[0]!;
    expect(raw).toContain(`<InvoiceNumber>${newest.number}</InvoiceNumber>`);
    expect(raw).toContain(`<AmountInclTax>${decimal(newest.amountInclTaxCents)}</AmountInclTax>`);
    expect(raw).toContain(`<DueDate>${newest.dueAt}</DueDate>`);
    expect(all.map((i) => i.issuedAt)).toEqual([...all.map((i) => i.issuedAt)].sort().reverse());
  });

  it('GetInvoicesByCustomer filters by repeated Status and refuses pages above 100', async () => {
    const customer = dataset.customers.find((c) => dataset.invoicesByCustomer.get(c.id)?.some((i) => i.status !== 'PAID'))!;
    const open = dataset.invoicesByCustomer.get(customer.id)!.filter((i) => i.status !== 'PAID');
    const [res] = await client.GetInvoicesByCustomerAsync({ CustomerId: String(customer.id), Status: ['UNPAID', 'OVERDUE'], PageIndex: 0, PageSize: 100 });
    expect(Number(res.TotalCount)).toBe(open.length);
    expect(res.Invoice.every((i: { Status: string }) => i.Status !== 'PAID')).toBe(true);
    await expect(client.GetInvoicesByCustomerAsync({ CustomerId: String(customer.id), PageIndex: 0, PageSize: 101 }))
      .rejects.toMatchObject({ root: { Envelope: { Body: { Fault: { faultcode: 'soap:Client', faultstring: expect.stringMatching(/^BIL-400/) } } } } });
  });

  it('GetInvoice, GetInvoices and GetInvoicesByOrders find invoices by number and by order', async () => {
    const withOrder = dataset.invoices.find((i) => i.orderId !== null)!;
    const subscription = dataset.invoices.find((i) => i.orderId === null)!;
    const [one] = await client.GetInvoiceAsync({ InvoiceNumber: withOrder.number });
    expect(one.Invoice).toMatchObject({ InvoiceNumber: withOrder.number, CustomerId: String(withOrder.customerId), OrderId: withOrder.orderId, Status: withOrder.status });
    const [several] = await client.GetInvoicesAsync({ InvoiceNumber: [withOrder.number, 'F1999-000000', subscription.number] });
    expect(several.Invoice.map((i: { InvoiceNumber: string }) => i.InvoiceNumber)).toEqual([withOrder.number, subscription.number]);
    expect(several.Invoice[1].OrderId).toBeUndefined();
    const [byOrders] = await client.GetInvoicesByOrdersAsync({ OrderId: [withOrder.orderId, 'ORD-9999999'] });
    expect(byOrders.Invoice.map((i: { InvoiceNumber: string }) => i.InvoiceNumber)).toEqual([withOrder.number]);
  });

  it('GetBalance and GetBalances sum open and overdue amounts incl. tax', async () => {
    const customer = dataset.customers.find((c) => dataset.invoicesByCustomer.get(c.id)?.some((i) => i.status === 'OVERDUE'))!;
    const invoices = dataset.invoicesByCustomer.get(customer.id)!;
    const open = invoices.filter((i) => i.status !== 'PAID').reduce((s, i) => s + i.amountInclTaxCents, 0);
    const overdue = invoices.filter((i) => i.status === 'OVERDUE').reduce((s, i) => s + i.amountInclTaxCents, 0);
    const res = await rawPost(envelope(`<b:GetBalance xmlns:b="${BILLING_NS}"><b:CustomerId>${customer.id}</b:CustomerId></b:GetBalance>`), `"${BILLING_NS}GetBalance"`);
    const xml = await res.text();
    expect(xml).toContain(`<OpenAmount>${decimal(open)}</OpenAmount><OverdueAmount>${decimal(overdue)}</OverdueAmount><Currency>EUR</Currency>`);
    const [batch] = await client.GetBalancesAsync({ CustomerId: [String(customer.id), '999', String(dataset.customers[0]!.id)] });
    expect(batch.Balance.map((b: { CustomerId: string }) => b.CustomerId)).toEqual([String(customer.id), String(dataset.customers[0]!.id)]);
    await expect(client.GetBalancesAsync({ CustomerId: Array.from({ length: 101 }, (_, i) => String(100_001 + i)) }))
      .rejects.toMatchObject({ root: { Envelope: { Body: { Fault: { faultstring: expect.stringMatching(/^BIL-400/) } } } } });
  });
});

describe('billing stand-in: faults and protocol', () => {
  it('answers an unknown invoice with a soap:Client BIL-404 fault full of internal detail', async () => {
    const res = await rawPost(envelope(`<GetInvoice xmlns="${BILLING_NS}"><InvoiceNumber>F0000-000000</InvoiceNumber></GetInvoice>`), `"${BILLING_NS}GetInvoice"`);
    expect(res.status).toBe(500);
    const xml = await res.text();
    expect(xml).toContain('<faultcode>soap:Client</faultcode><faultstring>BIL-404 Invoice not found</faultstring><detail>');
    expect(xml).toContain('BILL-PRD-DB02');
    expect(xml).toMatch(/SELECT \* FROM BIL_INVOICE WHERE INV_NO = &apos;F0000-000000&apos;/);
    expect(xml).toMatch(/at com\.acme\.billing/);
  });

  it('dispatches on SOAPAction and refuses a missing or mismatched one, a DTD, and SOAP 1.2', async () => {
    const body = envelope(`<GetInvoice xmlns="${BILLING_NS}"><InvoiceNumber>x</InvoiceNumber></GetInvoice>`);
    for (const action of [null, `"${BILLING_NS}GetBalance"`]) {
      const res = await rawPost(body, action);
      expect(res.status).toBe(500);
      expect(await res.text()).toMatch(/<faultcode>soap:Client<\/faultcode><faultstring>Server did not recognize/);
    }
    const dtd = await rawPost(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${body.replace('<?xml version="1.0"?>', '')}`, `"${BILLING_NS}GetInvoice"`);
    expect(await dtd.text()).toContain('DTD is prohibited');
    const wrongNs = await rawPost(body.replace('http://schemas.xmlsoap.org/soap/envelope/', 'http://www.w3.org/2003/05/soap-envelope'), `"${BILLING_NS}GetInvoice"`);
    expect(await wrongNs.text()).toContain('<faultcode>soap:VersionMismatch</faultcode>');
    expect((await rawPost(body, `"${BILLING_NS}GetInvoice"`, 'application/soap+xml')).status).toBe(415);
  });

  it('counts each operation, and fails like a broken back office when told to (ORA-12541, HTTP 500)', async () => {
    billing.resetStats();
    await client.GetBalanceAsync({ CustomerId: String(dataset.customers[0]!.id) });
    await client.GetBalancesAsync({ CustomerId: [String(dataset.customers[0]!.id)] });
    expect(billing.stats().byRoute).toEqual({ 'POST /BillingService#GetBalance': 1, 'POST /BillingService#GetBalances': 1 });
    billing.setKnobs({ errorRate: 1 });
    try {
      const res = await rawPost(envelope(`<GetBalance xmlns="${BILLING_NS}"><CustomerId>100001</CustomerId></GetBalance>`), `"${BILLING_NS}GetBalance"`);
      expect(res.status).toBe(500);
      const xml = await res.text();
      expect(xml).toContain('<faultcode>soap:Server</faultcode>');
      expect(xml).toContain('ORA-12541: TNS:no listener');
      expect(xml).toMatch(/<StackTrace>[^<]*at org\.apache\.cxf/);
    } finally {
      billing.setKnobs({ errorRate: 0 });
    }
    expect(billing.stats().byRoute['POST /BillingService#GetBalance']).toBe(2);
  });

  it('hangs when told to, until the caller gives up', async () => {
    billing.setKnobs({ hang: true });
    try {
      const started = Date.now();
      await expect(fetch(`${billing.url}/BillingService`, {
        method: 'POST', headers: { 'content-type': 'text/xml', soapaction: `"${BILLING_NS}GetBalance"` }, body: envelope('<x/>'), signal: AbortSignal.timeout(300),
      })).rejects.toThrow(/aborted|timeout/i);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    } finally {
      billing.setKnobs({ hang: false });
    }
  });
});
