/**
 * The OMS's state: the seeded orders (read-only, shared with the other stand-ins), plus what this
 * process changed: status updates, placed orders, carts and idempotency keys, all in memory.
 * Every method is synchronous, so a check-then-write (an idempotency key, a cart merge) can never
 * interleave with another request: two concurrent POSTs with one key create one order.
 */
import { DATASET_EPOCH, type Dataset, type OfferingRecord, type OrderRecord, type OrderStatus } from '../common/dataset.ts';
import { CHANNEL_CODES, legacyLine, legacyTimestamp, type ChannelCode, type OmsCart, type OmsOrder } from './legacy-format.ts';

export const OMS_LIMITS = Object.freeze({ maxPageSize: 100, defaultPageSize: 20, maxBatchIds: 100, minQty: 1, maxQty: 99 });

export interface PlaceOrderBody { customerId: number; channelCode: ChannelCode; agentId: string | null; partnerId: string | null }
export type PlaceOrderResult =
  | { kind: 'created' | 'replayed'; order: OmsOrder }
  | { kind: 'mismatch' }
  | { kind: 'empty' };
/** What a cancellation did: 'cancelled' also when the order already was (the OMS's cancel is idempotent). */
export type CancelResult = { kind: 'cancelled'; order: OmsOrder } | { kind: 'not-cancellable' } | { kind: 'unknown' };
export type CartResult = { kind: 'ok'; cart: OmsCart } | { kind: 'unknown-product' } | { kind: 'bad-qty' } | { kind: 'unknown-line' };

interface MutableCart { cart: OmsCart; nextLineNo: number }

const ORDER_NUMBER = /^ORD-(\d{7,})$/;

export class OmsStore {
  private readonly statusUpdates = new Map<string, OrderStatus>();
  private readonly placed = new Map<string, OmsOrder>();
  /** Newest first, like the listing. */
  private readonly placedByCustomer = new Map<number, OmsOrder[]>();
  private readonly carts = new Map<number, MutableCart>();
  private readonly idempotencyKeys = new Map<string, { fingerprint: string; orderId: string }>();
  private offeringsByCode: Map<string, OfferingRecord> | null = null;

  constructor(private readonly dataset: Dataset) {}

  order(orderId: string): OmsOrder | undefined {
    const placed = this.placed.get(orderId);
    if (placed) return structuredClone(placed);
    const seeded = this.seededOrder(orderId);
    return seeded ? this.toLegacy(seeded) : undefined;
  }

  customerOrders(customerId: number, offset: number, limit: number): { total: number; orders: OmsOrder[] } {
    const placed = this.placedByCustomer.get(customerId) ?? [];
    const seeded = this.dataset.ordersByCustomer.get(customerId) ?? [];
    const fromPlaced = placed.slice(offset, offset + limit).map((o) => structuredClone(o));
    const seededStart = Math.max(0, offset - placed.length);
    const seededPage = seeded.slice(seededStart, seededStart + limit - fromPlaced.length).map((o) => this.toLegacy(o));
    return { total: placed.length + seeded.length, orders: [...fromPlaced, ...seededPage] };
  }

  /** Admin: move an order to another status (e.g. 30 once delivered). False when the order is unknown. */
  setStatus(orderId: string, status: OrderStatus): boolean {
    const placed = this.placed.get(orderId);
    if (placed) { placed.status = status; return true; }
    if (!this.seededOrder(orderId)) return false;
    this.statusUpdates.set(orderId, status);
    return true;
  }

  /**
   * Cancels an order not yet completed: 10 (acknowledged) or 20 (in progress) -> 90. Cancelling a cancelled
   * order changes nothing and succeeds; a completed one (30) cannot be cancelled. Seeded orders change
   * through the status overlay (setStatus), never in the shared dataset records.
   */
  cancel(orderId: string): CancelResult {
    const current = this.order(orderId);
    if (!current) return { kind: 'unknown' };
    if (current.status === 30) return { kind: 'not-cancellable' };
    if (current.status !== 90) this.setStatus(orderId, 90);
    return { kind: 'cancelled', order: this.order(orderId) as OmsOrder };
  }

  cart(customerId: number): OmsCart {
    return structuredClone(this.cartOf(customerId).cart);
  }

  addLine(customerId: number, productCode: string, qty: number): CartResult {
    const offering = this.offering(productCode);
    if (!offering) return { kind: 'unknown-product' };
    const state = this.cartOf(customerId);
    const existing = state.cart.lines.find((line) => line.productCode === productCode);
    const merged = (existing?.qty ?? 0) + qty;
    if (!validQty(qty) || !validQty(merged)) return { kind: 'bad-qty' };
    if (existing) existing.qty = merged;
    else state.cart.lines.push({ lineNo: state.nextLineNo++, productCode, qty, unitPrice: offering.priceCents });
    return { kind: 'ok', cart: structuredClone(state.cart) };
  }

  /** qty 0 removes the line, as the OMS's screens do. */
  setLineQty(customerId: number, lineNo: number, qty: number): CartResult {
    if (qty !== 0 && !validQty(qty)) return { kind: 'bad-qty' };
    const state = this.cartOf(customerId);
    const line = state.cart.lines.find((l) => l.lineNo === lineNo);
    if (!line) return { kind: 'unknown-line' };
    if (qty === 0) state.cart.lines = state.cart.lines.filter((l) => l !== line);
    else line.qty = qty;
    return { kind: 'ok', cart: structuredClone(state.cart) };
  }

  removeLine(customerId: number, lineNo: number): CartResult {
    return this.setLineQty(customerId, lineNo, 0);
  }

  placeOrder(idempotencyKey: string, body: PlaceOrderBody): PlaceOrderResult {
    const fingerprint = JSON.stringify([body.customerId, body.channelCode, body.agentId, body.partnerId]);
    const previous = this.idempotencyKeys.get(idempotencyKey);
    if (previous) {
      if (previous.fingerprint !== fingerprint) return { kind: 'mismatch' };
      return { kind: 'replayed', order: structuredClone(this.placed.get(previous.orderId) as OmsOrder) };
    }
    const state = this.cartOf(body.customerId);
    if (state.cart.lines.length === 0) return { kind: 'empty' };
    const order: OmsOrder = {
      orderId: `ORD-${String(this.dataset.orders.length + this.placed.size + 1).padStart(7, '0')}`,
      customerId: body.customerId,
      status: 10,
      // The seeded world's "today" is DATASET_EPOCH: a new order is never older than the seeded ones.
      createdAt: legacyTimestamp(Math.max(Date.now(), DATASET_EPOCH)),
      channelCode: body.channelCode,
      partnerId: body.partnerId,
      agentId: body.agentId,
      currency: state.cart.currency,
      lines: state.cart.lines.map((line, i) => ({ ...line, lineNo: i + 1 })),
    };
    this.placed.set(order.orderId, order);
    this.placedByCustomer.set(body.customerId, [order, ...(this.placedByCustomer.get(body.customerId) ?? [])]);
    this.idempotencyKeys.set(idempotencyKey, { fingerprint, orderId: order.orderId });
    state.cart.lines = [];
    return { kind: 'created', order: structuredClone(order) };
  }

  private seededOrder(orderId: string): OrderRecord | undefined {
    const match = ORDER_NUMBER.exec(orderId);
    const record = match ? this.dataset.orders[Number(match[1]) - 1] : undefined;
    return record?.id === orderId ? record : undefined;
  }

  private toLegacy(record: OrderRecord): OmsOrder {
    return {
      orderId: record.id,
      customerId: record.customerId,
      status: this.statusUpdates.get(record.id) ?? record.status,
      createdAt: legacyTimestamp(record.createdAt),
      channelCode: CHANNEL_CODES[record.channel],
      partnerId: record.partnerId,
      agentId: record.agentId,
      currency: record.currency,
      lines: record.lines.map(legacyLine),
    };
  }

  private cartOf(customerId: number): MutableCart {
    let state = this.carts.get(customerId);
    if (!state) {
      // One cart per customer for life: its id never changes, whichever channel touches it.
      state = { cart: { cartId: `CRT-${String(customerId).padStart(9, '0')}`, customerId, currency: 'EUR', lines: [] }, nextLineNo: 1 };
      this.carts.set(customerId, state);
    }
    return state;
  }

  private offering(code: string): OfferingRecord | undefined {
    this.offeringsByCode ??= new Map(this.dataset.offerings.map((o) => [o.code, o]));
    return this.offeringsByCode.get(code);
  }
}

const validQty = (qty: number): boolean => Number.isInteger(qty) && qty >= OMS_LIMITS.minQty && qty <= OMS_LIMITS.maxQty;
