/** The records of the seeded world, neutral of any legacy system's habits (see dataset.ts). */
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
export const DAY = 86_400_000;

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

