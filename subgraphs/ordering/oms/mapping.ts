/** OMS records -> domain types: status and channel codes to enums, legacy timestamps to ISO, cents to Money. */
import type { Channel } from '../../../contracts/principal.ts';
import { moneyFromCents } from '../../runtime/shared-types/money.ts';
import type { LineItem, ProductOrder, ProductOrderState, SalesChannel, ShoppingCart } from '../model.ts';
import type { OmsCart, OmsChannelCode, OmsLine, OmsOrder } from './wire.ts';

const STATES: Readonly<Record<OmsOrder['status'], ProductOrderState>> = {
  10: 'ACKNOWLEDGED', 20: 'IN_PROGRESS', 30: 'COMPLETED', 90: 'CANCELLED',
};

const CHANNELS: Readonly<Record<OmsChannelCode, SalesChannel>> = { WEB: 'WEB', MOB: 'MOBILE', AGT: 'AGENT', PTN: 'PARTNER' };

/** The OMS code of the channel a principal calls from, recorded on the orders it places. */
export const CHANNEL_CODE_OF: Readonly<Record<Channel, OmsChannelCode>> = { web: 'WEB', mobile: 'MOB', agent: 'AGT', partner: 'PTN' };

/** "2026-09-30 14:05:09" (UTC, as the OMS prints it) -> "2026-09-30T14:05:09Z". */
export const isoFromOmsTimestamp = (value: string): string => `${value.replace(' ', 'T')}Z`;

function mapLines(lines: readonly OmsLine[], currency: string, idOf: (line: OmsLine) => string): { items: LineItem[]; totalCents: number; itemCount: number } {
  let totalCents = 0;
  let itemCount = 0;
  const items = lines.map((line): LineItem => {
    const lineCents = line.qty * line.unitPrice;
    totalCents += lineCents;
    itemCount += line.qty;
    return {
      id: idOf(line),
      quantity: line.qty,
      productOffering: { id: line.productCode },
      unitPrice: moneyFromCents(line.unitPrice, currency),
      total: moneyFromCents(lineCents, currency),
    };
  });
  return { items, totalCents, itemCount };
}

export function toProductOrder(order: OmsOrder): ProductOrder {
  const { items, totalCents, itemCount } = mapLines(order.lines, order.currency, (line) => `${order.orderId}:${line.lineNo}`);
  return {
    id: order.orderId,
    state: STATES[order.status],
    orderDate: isoFromOmsTimestamp(order.createdAt),
    channel: CHANNELS[order.channelCode],
    items,
    total: moneyFromCents(totalCents, order.currency),
    itemCount,
    customer: { id: String(order.customerId) },
    partner: order.partnerId ? { id: order.partnerId } : null,
    agentId: order.agentId ?? null,
  };
}

/** Cart item ids carry the customer number, so a mutation can tell an item of another cart at once. */
export const cartItemId = (customerId: string, lineNo: number): string => `${customerId}:${lineNo}`;

/** The OMS line number of a cart item id, or null when the id is not one of this customer's items. */
export function cartLineNo(itemId: string, customerId: string): number | null {
  const match = /^(\d{1,12}):(\d{1,4})$/.exec(itemId);
  return match && match[1] === customerId ? Number(match[2]) : null;
}

export function toShoppingCart(cart: OmsCart): ShoppingCart {
  const customerId = String(cart.customerId);
  const { items, totalCents, itemCount } = mapLines(cart.lines, cart.currency, (line) => cartItemId(customerId, line.lineNo));
  return { id: cart.cartId, customerId, items, total: moneyFromCents(totalCents, cart.currency), itemCount };
}
