/**
 * The OMS data source: what the loaders and resolvers call, and the only code that knows the OMS's paths,
 * fields and codes. Every call has the transport's timeout and size cap; answers are validated (wire.ts)
 * and mapped to domain types (mapping.ts), error answers to coded errors (faults.ts).
 */
import type { z } from 'zod';
import type { Channel } from '../../../contracts/principal.ts';
import { codedError } from '../../../contracts/error-codes.ts';
import { LegacyHttpClient, pathSegment, type LegacyRequest } from '../../runtime/transport/legacy-http.ts';
import type { OrdersPage, ProductOrder, ShoppingCart } from '../model.ts';
import { omsFaultError, unreadable } from './faults.ts';
import { CHANNEL_CODE_OF, toProductOrder, toShoppingCart } from './mapping.ts';
import { omsCart, omsOrder, omsOrderBatch, omsOrderPage } from './wire.ts';
import type { ResilienceOptions } from '../../runtime/transport/resilience/resilience-options.ts';

/** How a cart item id names its OMS line (mutations check it before any call). */
export { cartLineNo } from './mapping.ts';

export interface OmsDataSourceOptions { baseUrl: string; timeoutMs: number; maxResponseBytes: number; resilience?: ResilienceOptions }

/** The OMS's own limits: at most 100 ids per batch lookup and 100 orders per page. */
export const OMS_LIMITS = Object.freeze({ batchIds: 100, pageSize: 100 });

export interface PlaceOrderRequest {
  customerId: string;
  /** The channel the order is placed from, recorded by the OMS as its channel code. */
  channel: Channel;
  agentId: string | null;
  partnerId: string | null;
}

/** CRM customer numbers are digits; anything else never reaches the OMS. */
export function omsCustomerId(customerId: string): string {
  if (!/^\d{1,12}$/.test(customerId)) throw codedError('BAD_USER_INPUT', 'Invalid customer id.', { argument: 'customerId' });
  return customerId;
}

export class OmsDataSource {
  private readonly http: LegacyHttpClient;

  constructor(options: OmsDataSourceOptions) {
    this.http = new LegacyHttpClient({ system: 'OMS', ...options });
  }

  /** One call for up to OMS_LIMITS.batchIds orders; ids the OMS does not know are absent from the map. */
  async ordersByIds(ids: readonly string[]): Promise<Map<string, ProductOrder>> {
    if (ids.length > OMS_LIMITS.batchIds) throw new RangeError(`at most ${OMS_LIMITS.batchIds} ids per OMS call`);
    const batch = await this.send({ path: '/oms/orders', query: { ids: ids.join(',') } }, omsOrderBatch);
    return new Map(batch.orders.map((order) => [order.orderId, toProductOrder(order)]));
  }

  async customerOrders(customerId: string, offset: number, limit: number): Promise<OrdersPage> {
    const path = `/oms/customers/${pathSegment(omsCustomerId(customerId))}/orders`;
    const page = await this.send({ path, query: { offset, limit: Math.min(limit, OMS_LIMITS.pageSize) } }, omsOrderPage);
    return { total: page.total, orders: page.orders.map(toProductOrder) };
  }

  async cart(customerId: string): Promise<ShoppingCart> {
    return toShoppingCart(await this.send({ path: this.cartPath(customerId) }, omsCart));
  }

  async addCartLine(customerId: string, productCode: string, qty: number): Promise<ShoppingCart> {
    const req: LegacyRequest = { method: 'POST', path: `${this.cartPath(customerId)}/lines`, json: { productCode, qty } };
    return toShoppingCart(await this.send(req, omsCart));
  }

  /** qty 0 removes the line (the OMS's own rule). */
  async setCartLineQty(customerId: string, lineNo: number, qty: number): Promise<ShoppingCart> {
    const req: LegacyRequest = { method: 'PATCH', path: `${this.cartPath(customerId)}/lines/${lineNo}`, json: { qty } };
    return toShoppingCart(await this.send(req, omsCart));
  }

  async removeCartLine(customerId: string, lineNo: number): Promise<ShoppingCart> {
    return toShoppingCart(await this.send({ method: 'DELETE', path: `${this.cartPath(customerId)}/lines/${lineNo}` }, omsCart));
  }

  /**
   * Turns the cart into an order. The OMS answers 201 for a new order and 200 (Idempotent-Replayed) for
   * a retry with the same key: both are the same order, so callers see no difference.
   */
  async placeOrder(idempotencyKey: string, order: PlaceOrderRequest): Promise<ProductOrder> {
    const json = {
      customerId: Number(omsCustomerId(order.customerId)),
      channelCode: CHANNEL_CODE_OF[order.channel],
      ...(order.agentId ? { agentId: order.agentId } : {}),
      ...(order.partnerId ? { partnerId: order.partnerId } : {}),
    };
    // The OMS's keys are global: scoping them by customer means one customer's key can never collide
    // with (or reveal) another's, while the customer and an agent finishing their checkout still share it.
    const scopedKey = `${json.customerId}.${idempotencyKey}`;
    // The OMS deduplicates on the idempotency key: retrying this write can never create a second order.
    const req: LegacyRequest = { method: 'POST', path: '/oms/orders', headers: { 'idempotency-key': scopedKey }, json, idempotent: true, retryTimeouts: true };
    return toProductOrder(await this.send(req, omsOrder));
  }

  /**
   * Cancels an order not yet completed (OMS status 10 or 20 -> 90). The OMS answers 200 with the order,
   * also when it was already cancelled; a completed order is refused (ORD-NOT-CANCELLABLE -> CONFLICT).
   */
  async cancelOrder(orderId: string): Promise<ProductOrder> {
    const req: LegacyRequest = { method: 'POST', path: `/oms/orders/${pathSegment(orderId)}/cancel` };
    return toProductOrder(await this.send(req, omsOrder));
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private cartPath(customerId: string): string {
    return `/oms/customers/${pathSegment(omsCustomerId(customerId))}/cart`;
  }

  private async send<S extends z.ZodType>(req: LegacyRequest, schema: S): Promise<z.infer<S>> {
    const response = await this.http.call(req);
    if (response.status !== 200 && response.status !== 201) throw omsFaultError(response);
    const parsed = schema.safeParse(this.http.parseJson<unknown>(response));
    if (!parsed.success) throw unreadable();
    return parsed.data;
  }
}
