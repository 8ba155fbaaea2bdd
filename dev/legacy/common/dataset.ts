/**
 * The seeded world every stand-in serves: one truth, so that the CRM's customers are the OMS's
 * customers, the OMS sells the Catalogue's offerings and Billing invoices the OMS's orders.
 *
 * Records here are neutral (plain numbers, ISO dates, cents); each stand-in turns them into its own
 * legacy habits (upper-case field names, DD/MM/YYYY dates, numeric status codes, SOAP decimals).
 * Generation is lazy and memoised per options, so an in-process stack builds each part once.
 */
import { createRng } from './rng.ts';
import { FAMILY_NAMES, GIVEN_NAMES, PARTNER_NAMES, WAREHOUSES } from './names.ts';
import {
  DEFAULT_DATASET_OPTIONS,
  type AgentRecord, type CustomerRecord, type Dataset, type DatasetOptions, type PartnerRecord,
} from './dataset-records.ts';
import { ascii, generateCustomers, generateInvoices, generateOfferings, generateOrders, generateStock, pad } from './dataset-generators.ts';

export * from './dataset-records.ts';
export { FIRST_CUSTOMER_ID, orderTotalCents } from './dataset-generators.ts';

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item); else map.set(k, [item]);
  }
  return map;
}

function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) { value = build(); built = true; }
    return value as T;
  };
}

function buildDataset(options: DatasetOptions): Dataset {
  const customers = lazy(() => generateCustomers(options));
  const partners = lazy(() => Array.from({ length: options.partners }, (_, i): PartnerRecord => {
    const name = PARTNER_NAMES[i % PARTNER_NAMES.length] ?? 'Partner';
    return { id: `P${pad(i + 1, 3)}`, name: i < PARTNER_NAMES.length ? name : `${name} ${i + 1}`, email: `contact@${ascii(name)}.example.com` };
  }));
  const agents = lazy(() => {
    const rng = createRng(options.seed, 'agents');
    return Array.from({ length: options.agents }, (_, i): AgentRecord => ({ id: `A${pad(i + 1, 3)}`, givenName: rng.pick(GIVEN_NAMES), familyName: rng.pick(FAMILY_NAMES) }));
  });
  const catalogue = lazy(() => generateOfferings(options));
  const orders = lazy(() => generateOrders(options, catalogue().offerings, partners(), agents()));
  const ordersByCustomer = lazy(() => {
    const map = groupBy(orders(), (order) => order.customerId);
    for (const list of map.values()) list.reverse();
    return map;
  });
  const invoices = lazy(() => generateInvoices(options, orders()));
  const invoicesByCustomer = lazy(() => {
    const map = groupBy(invoices(), (invoice) => invoice.customerId);
    for (const list of map.values()) list.reverse();
    return map;
  });
  const stock = lazy(() => generateStock(options, catalogue().offerings));
  return {
    options: Object.freeze({ ...options }),
    get customers() { return customers(); },
    get partners() { return partners(); },
    get agents() { return agents(); },
    get categories() { return catalogue().categories; },
    get offerings() { return catalogue().offerings; },
    get orders() { return orders(); },
    get ordersByCustomer() { return ordersByCustomer(); },
    get invoices() { return invoices(); },
    get invoicesByCustomer() { return invoicesByCustomer(); },
    warehouses: WAREHOUSES.map((w) => ({ ...w })),
    get stock() { return stock(); },
  };
}

const memo = new Map<string, Dataset>();

/** The dataset for these options (defaults filled in), built at most once per process. */
export function getDataset(overrides: Partial<DatasetOptions> = {}): Dataset {
  const options = { ...DEFAULT_DATASET_OPTIONS, ...overrides };
  const key = JSON.stringify(options);
  let dataset = memo.get(key);
  if (!dataset) { dataset = buildDataset(options); memo.set(key, dataset); }
  return dataset;
}

/** The first customer with exactly `count` orders: tests and demo users pick customers by shape. */
export function customerWithOrderCount(dataset: Dataset, count: number): CustomerRecord | undefined {
  return dataset.customers.find((c) => (dataset.ordersByCustomer.get(c.id)?.length ?? 0) === count);
}
