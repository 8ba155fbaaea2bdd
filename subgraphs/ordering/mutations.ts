/**
 * Cart and checkout mutations. Who may call them at all (customers and agents) is the schema's rule;
 * whose cart is touched depends on an argument, which no directive can see, so it comes from
 * actingCustomerId() only (a customer acts on their own cart, an agent names the customer), never from an
 * id the caller could forge (FORBIDDEN for a customer naming another account: the same for every id, so it
 * tells nothing about which exist). Inputs are checked here (BAD_USER_INPUT) before any OMS call. cancelOrder
 * acts on an order, whose owner only the OMS knows: it loads the order first; one the caller may not read is
 * answered exactly as an unknown one (NOT_FOUND, runtime/authorization/not-found.ts), so order numbers cannot be probed.
 */
import { codedError } from '../../contracts/error-codes.ts';
import { actingCustomerId } from '../runtime/authorization/access.ts';
import { notFound } from '../runtime/authorization/not-found.ts';
import { ORDER_ID, type OrderingContext } from './loaders.ts';
import { ORDER_CANCELLER, ORDER_READER } from './policies.ts';
import type { ProductOrder, ShoppingCart } from './model.ts';
import { cartLineNo } from './oms/oms-data-source.ts';

export const CART_LIMITS = Object.freeze({ minQuantity: 1, maxQuantity: 99 });
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;
const OFFERING_ID = /^[A-Za-z0-9_-]{1,64}$/;

interface AddCartItemInput { productOfferingId: string; quantity: number; customerId?: string | null }
interface UpdateCartItemQuantityInput { itemId: string; quantity: number; customerId?: string | null }
interface RemoveCartItemInput { itemId: string; customerId?: string | null }
interface PlaceOrderInput { idempotencyKey: string; customerId?: string | null }
interface CancelOrderInput { orderId: string }

function checkQuantity(quantity: number, min: number): void {
  if (!Number.isInteger(quantity) || quantity < min || quantity > CART_LIMITS.maxQuantity) {
    throw codedError('BAD_USER_INPUT', `"quantity" must be between ${min} and ${CART_LIMITS.maxQuantity}.`, { argument: 'quantity' });
  }
}

/** An item of another customer's cart is simply not in this cart. */
function lineNoOf(itemId: string, customerId: string): number {
  const lineNo = cartLineNo(itemId, customerId);
  if (lineNo === null) throw codedError('NOT_FOUND', 'No such item in this cart.', { argument: 'itemId' });
  return lineNo;
}

/**
 * Runs a mutation's OMS call and reports what it changes to the gateway (runtime/caching/entity-tracker.ts),
 * which drops its cached responses holding those entities: the customer's account (Customer.orders and
 * Customer.cart are read through the Customer, so its tag covers both), then the cart or order the OMS
 * answered with. What is known beforehand (the account; the order, when cancelling one) is reported before
 * the call: a call that timed out may still have changed it, and a needless invalidation costs one cache
 * miss where a missed one shows a stale cart or order.
 */
async function changing<T extends { id: string }>(
  ctx: OrderingContext, customerId: string, typename: 'ShoppingCart' | 'ProductOrder', call: () => Promise<T>, knownId?: string,
): Promise<T> {
  ctx.entities?.invalidate('Customer', customerId);
  if (knownId !== undefined) ctx.entities?.invalidate(typename, knownId);
  const changed = await call();
  ctx.entities?.invalidate(typename, changed.id);
  return changed;
}

export const mutationResolvers = {
  addCartItem(_: unknown, { input }: { input: AddCartItemInput }, ctx: OrderingContext): Promise<ShoppingCart> {
    const customerId = actingCustomerId(ctx.principal, input.customerId);
    checkQuantity(input.quantity, CART_LIMITS.minQuantity);
    if (!OFFERING_ID.test(input.productOfferingId)) {
      throw codedError('BAD_USER_INPUT', 'Invalid product offering id.', { argument: 'productOfferingId' });
    }
    return changing(ctx, customerId, 'ShoppingCart', () => ctx.oms.addCartLine(customerId, input.productOfferingId, input.quantity));
  },

  updateCartItemQuantity(_: unknown, { input }: { input: UpdateCartItemQuantityInput }, ctx: OrderingContext): Promise<ShoppingCart> {
    const customerId = actingCustomerId(ctx.principal, input.customerId);
    checkQuantity(input.quantity, 0);
    const lineNo = lineNoOf(input.itemId, customerId);
    return changing(ctx, customerId, 'ShoppingCart', () => ctx.oms.setCartLineQty(customerId, lineNo, input.quantity));
  },

  removeCartItem(_: unknown, { input }: { input: RemoveCartItemInput }, ctx: OrderingContext): Promise<ShoppingCart> {
    const customerId = actingCustomerId(ctx.principal, input.customerId);
    const lineNo = lineNoOf(input.itemId, customerId);
    return changing(ctx, customerId, 'ShoppingCart', () => ctx.oms.removeCartLine(customerId, lineNo));
  },

  async placeOrder(_: unknown, { input }: { input: PlaceOrderInput }, ctx: OrderingContext): Promise<ProductOrder> {
    const customerId = actingCustomerId(ctx.principal, input.customerId);
    if (!IDEMPOTENCY_KEY.test(input.idempotencyKey)) {
      throw codedError('BAD_USER_INPUT', 'The idempotency key must be 8 to 128 letters, digits, "-" or "_".', { argument: 'idempotencyKey' });
    }
    const { principal } = ctx;
    const order = await changing(ctx, customerId, 'ProductOrder', () => ctx.oms.placeOrder(input.idempotencyKey, {
      customerId,
      channel: principal.channel,
      agentId: principal.role === 'agent' ? principal.subject : null,
      partnerId: null,
    }));
    // The order shows at once if the same operation also reads it (e.g. through _entities).
    ctx.loaders.orderById.prime(order.id, order);
    return order;
  },

  async cancelOrder(_: unknown, { input }: { input: CancelOrderInput }, ctx: OrderingContext): Promise<ProductOrder> {
    if (!ORDER_ID.test(input.orderId)) throw codedError('BAD_USER_INPUT', 'Invalid order id.', { argument: 'orderId' });
    // The order as the OMS has it now: NOT_FOUND when unknown, and the owner the rules below decide on.
    const order = await ctx.loaders.orderById.load(input.orderId);
    // Someone else's order is not found, exactly as an unknown one: never a hint that it exists.
    if (!ORDER_READER.allows(ctx.principal, order)) throw notFound('ProductOrder');
    // Seen but not cancellable by this caller (none today: partners may not call cancelOrder at all).
    if (!ORDER_CANCELLER.allows(ctx.principal, order)) throw codedError('FORBIDDEN', 'You may cancel only your own orders.');
    // The OMS refuses it too (ORD-NOT-CANCELLABLE); refusing here spares the call, and a refusal changes
    // nothing, so nothing is invalidated.
    if (order.state === 'COMPLETED') throw codedError('CONFLICT', 'This order is completed and can no longer be cancelled.');
    const cancelled = await changing(ctx, order.customer.id, 'ProductOrder', () => ctx.oms.cancelOrder(order.id), order.id);
    // Anything else this operation reads of the order sees it cancelled.
    ctx.loaders.orderById.clear(cancelled.id).prime(cancelled.id, cancelled);
    return cancelled;
  },
};
