/**
 * The seeded world every stand-in serves: one truth, so that the CRM's customers are the OMS's
 * customers, the OMS sells the Catalogue's offerings and Billing invoices the OMS's orders.
 *
 * Records here are neutral (plain numbers, ISO dates, cents); each stand-in turns them into its own
 * legacy habits (upper-case field names, DD/MM/YYYY dates, numeric status codes, SOAP decimals).
 * Generation is lazy and memoised per options, so an in-process stack builds each part once.
 */
import { createRng } from './rng.ts';
import {
  CATEGORY_NAMES, CITIES, COMPANY_WORDS, FAMILY_NAMES, GIVEN_NAMES, PARTNER_NAMES,
  PRODUCT_ADJECTIVES, PRODUCT_NOUNS, WAREHOUSES,
} from './names.ts';

export interface DatasetOptions {
  seed: number;
  customers: number;
  partners: number;
  agents: number;
  offerings: number;
  orders: number;
  invoices: number;
}

export const DEFAULT_DATASET_OPTIONS: Readonly<DatasetOptions> = Object.freeze({
  seed: 42, customers: 5_000, partners: 10, agents: 5, offerings: 300, orders: 50_000, invoices: 60_000,
});

/** "Today" for the generated world: fixed, so that the data never depends on the clock. */
export const DATASET_EPOCH = Date.UTC(2026, 9, 1);
const DAY = 86_400_000;

export type Segment = 'PAR' | 'PRO' | 'ENT';
export interface CustomerRecord {
  id: number; segment: Segment; givenName: string | null; familyName: string | null;
  tradingName: string | null; email: string; phone: string; birthDate: string | null;
  createdAt: string; city: string;
}
export interface PartnerRecord { id: string; name: string; email: string }
export interface AgentRecord { id: string; givenName: string; familyName: string }
export interface CategoryRecord { id: string; name: string }
export interface OfferingRecord {
  code: string; name: string; description: string; categoryId: string; priceCents: number;
  partnerPriceCents: number; currency: 'EUR'; launchedAt: string; isBundle: boolean;
}
/** OMS status codes, kept numeric as the OMS has them. */
export type OrderStatus = 10 | 20 | 30 | 90;
export type Channel = 'web' | 'mobile' | 'agent' | 'partner';
export interface OrderLineRecord { lineNo: number; productCode: string; quantity: number; unitPriceCents: number }
export interface OrderRecord {
  id: string; customerId: number; status: OrderStatus; createdAt: string; channel: Channel;
  partnerId: string | null; agentId: string | null; lines: OrderLineRecord[]; currency: 'EUR';
}
export type InvoiceStatus = 'PAID' | 'UNPAID' | 'OVERDUE';
export interface InvoiceRecord {
  number: string; customerId: number; orderId: string | null; issuedAt: string; dueAt: string;
  amountExclTaxCents: number; amountInclTaxCents: number; currency: 'EUR'; status: InvoiceStatus;
}
export interface StockRecord { productCode: string; warehouseCode: string; onHand: number; reserved: number; leadTimeDays: number }
export interface WarehouseRecord { code: string; name: string }

export interface Dataset {
  readonly options: Readonly<DatasetOptions>;
  readonly customers: readonly CustomerRecord[];
  readonly partners: readonly PartnerRecord[];
  readonly agents: readonly AgentRecord[];
  readonly categories: readonly CategoryRecord[];
  readonly offerings: readonly OfferingRecord[];
  /** All orders, newest first within each customer. */
  readonly orders: readonly OrderRecord[];
  readonly ordersByCustomer: ReadonlyMap<number, readonly OrderRecord[]>;
  readonly invoices: readonly InvoiceRecord[];
  readonly invoicesByCustomer: ReadonlyMap<number, readonly InvoiceRecord[]>;
  readonly warehouses: readonly WarehouseRecord[];
  readonly stock: readonly StockRecord[];
}

export const FIRST_CUSTOMER_ID = 100_001;
const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const ascii = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');

function generateCustomers(o: DatasetOptions): CustomerRecord[] {
  const rng = createRng(o.seed, 'customers');
  return Array.from({ length: o.customers }, (_, i) => {
    const id = FIRST_CUSTOMER_ID + i;
    const segment: Segment = rng.chance(0.8) ? 'PAR' : rng.chance(0.7) ? 'PRO' : 'ENT';
    const givenName = rng.pick(GIVEN_NAMES);
    const familyName = rng.pick(FAMILY_NAMES);
    const tradingName = segment === 'PAR' ? null : `${rng.pick(COMPANY_WORDS)} ${familyName}`;
    const local = tradingName ? ascii(tradingName) : `${ascii(givenName)}.${ascii(familyName)}`;
    return {
      id, segment,
      givenName: segment === 'PAR' ? givenName : null,
      familyName: segment === 'PAR' ? familyName : null,
      tradingName,
      email: `${local}${id % 1000}@example.org`,
      phone: `+33 6 ${pad(rng.int(0, 99), 2)} ${pad(rng.int(0, 99), 2)} ${pad(rng.int(0, 99), 2)} ${pad(rng.int(0, 99), 2)}`,
      birthDate: segment === 'PAR' ? isoDate(DATASET_EPOCH - rng.int(18 * 365, 85 * 365) * DAY) : null,
      createdAt: isoDate(DATASET_EPOCH - rng.int(30, 20 * 365) * DAY),
      city: rng.pick(CITIES),
    };
  });
}

function generateOfferings(o: DatasetOptions): { categories: CategoryRecord[]; offerings: OfferingRecord[] } {
  const rng = createRng(o.seed, 'offerings');
  const categories = CATEGORY_NAMES.map((name, i) => ({ id: `CAT-${pad(i + 1, 2)}`, name }));
  const offerings = Array.from({ length: o.offerings }, (_, i): OfferingRecord => {
    const category = rng.pick(categories);
    const name = `${rng.pick(PRODUCT_NOUNS)} ${rng.pick(PRODUCT_ADJECTIVES)} ${rng.int(1, 9)}`;
    const priceCents = rng.int(5, 1200) * 100 - (rng.chance(0.6) ? 1 : 0);
    return {
      code: `PO-${pad(i + 1, 4)}`, name,
      description: `${name}, from our ${category.name.toLowerCase()} range.`,
      categoryId: category.id, priceCents,
      partnerPriceCents: Math.round(priceCents * (0.7 + rng.next() * 0.15)),
      currency: 'EUR',
      launchedAt: isoDate(DATASET_EPOCH - rng.int(0, 4 * 365) * DAY),
      isBundle: rng.chance(0.1),
    };
  });
  return { categories, offerings };
}

/**
 * Orders per customer follow an exponential law, so that some customers have 1 order and some 40+:
 * the account home must cost the same legacy calls for both.
 */
function generateOrders(o: DatasetOptions, offerings: readonly OfferingRecord[], partners: readonly PartnerRecord[], agents: readonly AgentRecord[]): OrderRecord[] {
  const rng = createRng(o.seed, 'orders');
  const weights = Array.from({ length: o.customers }, () => -Math.log(1 - rng.next()));
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((o.orders * w) / sum));
  let remainder = o.orders - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; remainder > 0; i = (i + 1) % counts.length, remainder--) counts[i] = (counts[i] ?? 0) + 1;

  const orders: OrderRecord[] = [];
  counts.forEach((count, index) => {
    const customerId = FIRST_CUSTOMER_ID + index;
    for (let k = 0; k < count; k++) {
      const ageDays = rng.int(0, 3 * 365);
      const channel = rng.pick(['web', 'web', 'mobile', 'mobile', 'agent', 'partner'] as const);
      const status: OrderStatus = ageDays < 3 ? rng.pick([10, 20] as const) : rng.chance(0.93) ? 30 : 90;
      const lines = Array.from({ length: rng.int(1, 4) }, (_, n): OrderLineRecord => {
        const offering = rng.pick(offerings);
        return { lineNo: n + 1, productCode: offering.code, quantity: rng.int(1, 3), unitPriceCents: offering.priceCents };
      });
      orders.push({
        id: '', customerId, status, channel, lines, currency: 'EUR',
        createdAt: new Date(DATASET_EPOCH - ageDays * DAY - rng.int(0, DAY - 1)).toISOString(),
        partnerId: channel === 'partner' && partners.length > 0 ? rng.pick(partners).id : null,
        agentId: channel === 'agent' && agents.length > 0 ? rng.pick(agents).id : null,
      });
    }
  });
  orders.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  orders.forEach((order, i) => { order.id = `ORD-${pad(i + 1, 7)}`; });
  return orders;
}

export const orderTotalCents = (order: Pick<OrderRecord, 'lines'>): number =>
  order.lines.reduce((total, line) => total + line.quantity * line.unitPriceCents, 0);

/** One invoice per completed order, the rest monthly subscription invoices without an order. */
function generateInvoices(o: DatasetOptions, orders: readonly OrderRecord[]): InvoiceRecord[] {
  const rng = createRng(o.seed, 'invoices');
  const invoiced = orders.filter((order) => order.status === 30).slice(-o.invoices);
  const drafts = invoiced.map((order) => ({ customerId: order.customerId, orderId: order.id as string | null, issuedMs: Date.parse(order.createdAt) + 2 * DAY, exclCents: orderTotalCents(order) }));
  for (let i = drafts.length; i < o.invoices; i++) {
    drafts.push({ customerId: FIRST_CUSTOMER_ID + rng.int(0, o.customers - 1), orderId: null, issuedMs: DATASET_EPOCH - rng.int(0, 3 * 365) * DAY, exclCents: rng.int(999, 8999) });
  }
  drafts.sort((a, b) => a.issuedMs - b.issuedMs);
  return drafts.map((d, i) => {
    const dueMs = d.issuedMs + 30 * DAY;
    const open = dueMs > DATASET_EPOCH - 60 * DAY && rng.chance(0.35);
    const status: InvoiceStatus = !open ? 'PAID' : dueMs < DATASET_EPOCH ? 'OVERDUE' : 'UNPAID';
    return {
      number: `F${new Date(d.issuedMs).getUTCFullYear()}-${pad(i + 1, 6)}`, customerId: d.customerId, orderId: d.orderId,
      issuedAt: isoDate(d.issuedMs), dueAt: isoDate(dueMs), amountExclTaxCents: Math.round(d.exclCents / 1.2),
      amountInclTaxCents: d.exclCents, currency: 'EUR', status,
    };
  });
}

function generateStock(o: DatasetOptions, offerings: readonly OfferingRecord[]): StockRecord[] {
  const rng = createRng(o.seed, 'stock');
  return offerings.flatMap((offering) => WAREHOUSES.map((wh) => {
    const onHand = rng.chance(0.15) ? 0 : rng.int(0, 400);
    return { productCode: offering.code, warehouseCode: wh.code, onHand, reserved: Math.min(onHand, rng.int(0, 20)), leadTimeDays: rng.int(1, 15) };
  }));
}

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
