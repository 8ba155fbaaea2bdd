import { describe, expect, it } from 'vitest';
import { cartItemId, cartLineNo, isoFromOmsTimestamp, toProductOrder, toShoppingCart } from './mapping.ts';
import type { OmsOrder } from './wire.ts';

const order: OmsOrder = {
  orderId: 'ORD-0000042', customerId: 100007, status: 20, createdAt: '2026-09-30 23:59:01', channelCode: 'PTN',
  partnerId: 'P003', agentId: null, currency: 'EUR',
  lines: [{ lineNo: 1, productCode: 'PO-0001', qty: 3, unitPrice: 1999 }, { lineNo: 2, productCode: 'PO-0002', qty: 1, unitPrice: 5 }],
};

describe('OMS mapping', () => {
  it('turns codes, timestamps and cents into the domain', () => {
    expect(toProductOrder(order)).toEqual({
      id: 'ORD-0000042', state: 'IN_PROGRESS', orderDate: '2026-09-30T23:59:01Z', channel: 'PARTNER',
      items: [
        { id: 'ORD-0000042:1', quantity: 3, productOffering: { id: 'PO-0001' }, unitPrice: { amount: '19.99', currency: 'EUR' }, total: { amount: '59.97', currency: 'EUR' } },
        { id: 'ORD-0000042:2', quantity: 1, productOffering: { id: 'PO-0002' }, unitPrice: { amount: '0.05', currency: 'EUR' }, total: { amount: '0.05', currency: 'EUR' } },
      ],
      total: { amount: '60.02', currency: 'EUR' }, itemCount: 4, customer: { id: '100007' }, partner: { id: 'P003' }, agentId: null,
    });
    expect(toProductOrder({ ...order, status: 90, channelCode: 'MOB', partnerId: null }).partner).toBeNull();
    expect(isoFromOmsTimestamp('2026-01-02 03:04:05')).toBe('2026-01-02T03:04:05Z');
  });

  it('maps an empty cart to a zero total', () => {
    expect(toShoppingCart({ cartId: 'CRT-1', customerId: 100001, currency: 'EUR', lines: [] }))
      .toEqual({ id: 'CRT-1', customerId: '100001', items: [], total: { amount: '0.00', currency: 'EUR' }, itemCount: 0 });
  });

  it('reads back only this customer\'s cart item ids', () => {
    expect(cartLineNo(cartItemId('100001', 7), '100001')).toBe(7);
    expect(cartLineNo(cartItemId('100002', 7), '100001')).toBeNull();
    expect(cartLineNo('100001:7/../1', '100001')).toBeNull();
  });
});
