/**
 * The ordering domain as the graph shows it: clean types with ISO dates, Money and enums. The OMS's own
 * shapes (status codes, channel codes, cents) never leave oms/.
 */
import type { Money } from '../runtime/shared-types/money.ts';

export type ProductOrderState = 'ACKNOWLEDGED' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED';
export type SalesChannel = 'WEB' | 'MOBILE' | 'AGENT' | 'PARTNER';

/** A reference to an entity another subgraph owns: only its key. */
export interface EntityRef { id: string }

export interface LineItem {
  id: string;
  quantity: number;
  productOffering: EntityRef;
  unitPrice: Money;
  total: Money;
}

export interface ProductOrder {
  id: string;
  state: ProductOrderState;
  orderDate: string;
  channel: SalesChannel;
  items: LineItem[];
  total: Money;
  itemCount: number;
  customer: EntityRef;
  partner: EntityRef | null;
  /** The agent who placed it, if any: kept for access decisions, not exposed. */
  agentId: string | null;
}

export interface ShoppingCart {
  id: string;
  customerId: string;
  items: LineItem[];
  total: Money;
  itemCount: number;
}

export interface OrdersPage { total: number; orders: ProductOrder[] }
