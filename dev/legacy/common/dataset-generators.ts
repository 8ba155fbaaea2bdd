/**
 * Generators of the seeded world: each draws from its own random stream (seed, label), so that changing
 * the number of orders never reshuffles customers.
 */
import { createRng } from './rng.ts';
import {
  CATEGORY_NAMES, CITIES, COMPANY_WORDS, FAMILY_NAMES, GIVEN_NAMES,
  PRODUCT_ADJECTIVES, PRODUCT_NOUNS, WAREHOUSES,
} from './names.ts';
import {
  DATASET_EPOCH, DAY,
  type AgentRecord, type CategoryRecord, type CustomerRecord, type DatasetOptions, type InvoiceRecord, type InvoiceStatus,
  type OfferingRecord, type OrderLineRecord, type OrderRecord, type OrderStatus, type PartnerRecord, type Segment, type StockRecord,
} from './dataset-records.ts';

export const FIRST_CUSTOMER_ID = 100_001;
export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const pad = (n: number, width: number): string => String(n).padStart(width, '0');
export const ascii = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');

export function generateCustomers(o: DatasetOptions): CustomerRecord[] {
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

export function generateOfferings(o: DatasetOptions): { categories: CategoryRecord[]; offerings: OfferingRecord[] } {
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
export function generateOrders(o: DatasetOptions, offerings: readonly OfferingRecord[], partners: readonly PartnerRecord[], agents: readonly AgentRecord[]): OrderRecord[] {
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
export function generateInvoices(o: DatasetOptions, orders: readonly OrderRecord[]): InvoiceRecord[] {
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

export function generateStock(o: DatasetOptions, offerings: readonly OfferingRecord[]): StockRecord[] {
  const rng = createRng(o.seed, 'stock');
  return offerings.flatMap((offering) => WAREHOUSES.map((wh) => {
    const onHand = rng.chance(0.15) ? 0 : rng.int(0, 400);
    return { productCode: offering.code, warehouseCode: wh.code, onHand, reserved: Math.min(onHand, rng.int(0, 20)), leadTimeDays: rng.int(1, 15) };
  }));
}

