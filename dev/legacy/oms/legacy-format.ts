/**
 * The OMS's wire habits: numeric status codes, three-letter channel codes, "YYYY-MM-DD HH:mm:ss" UTC
 * timestamps and integer-cent prices. The neutral dataset records are turned into this shape here only.
 */
import type { Channel, OrderLineRecord, OrderStatus } from '../common/dataset.ts';

export type ChannelCode = 'WEB' | 'MOB' | 'AGT' | 'PTN';
export const CHANNEL_CODES: Readonly<Record<Channel, ChannelCode>> = Object.freeze({ web: 'WEB', mobile: 'MOB', agent: 'AGT', partner: 'PTN' });
export const isChannelCode = (value: unknown): value is ChannelCode =>
  typeof value === 'string' && (Object.values(CHANNEL_CODES) as string[]).includes(value);

export const ORDER_STATUSES: readonly OrderStatus[] = [10, 20, 30, 90];
export const isOrderStatus = (value: unknown): value is OrderStatus => ORDER_STATUSES.includes(value as OrderStatus);

export interface OmsLine { lineNo: number; productCode: string; qty: number; unitPrice: number }

export interface OmsOrder {
  orderId: string;
  customerId: number;
  status: OrderStatus;
  createdAt: string;
  channelCode: ChannelCode;
  partnerId: string | null;
  agentId: string | null;
  currency: string;
  lines: OmsLine[];
}

export interface OmsCart { cartId: string; customerId: number; currency: string; lines: OmsLine[] }

/** ISO instant -> "YYYY-MM-DD HH:mm:ss" (UTC, seconds truncated), as the OMS's Oracle columns print it. */
export function legacyTimestamp(iso: string | number): string {
  return new Date(iso).toISOString().slice(0, 19).replace('T', ' ');
}

export const legacyLine = (line: OrderLineRecord): OmsLine =>
  ({ lineNo: line.lineNo, productCode: line.productCode, qty: line.quantity, unitPrice: line.unitPriceCents });
