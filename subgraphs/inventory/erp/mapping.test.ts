import { describe, expect, it } from 'vitest';
import { LOW_STOCK_THRESHOLD, statusOf, toAvailability, toWarehouseStock } from './mapping.ts';

describe('availability mapping', () => {
  it('derives status from the named thresholds and lead time from the warehouses that can serve', () => {
    expect([0, 1, LOW_STOCK_THRESHOLD, LOW_STOCK_THRESHOLD + 1].map(statusOf)).toEqual(['OUT_OF_STOCK', 'LOW_STOCK', 'LOW_STOCK', 'IN_STOCK']);
    const availability = toAvailability('PO-1', [
      { warehouseCode: 'A', availableQuantity: 0, leadTimeDays: 1 },
      { warehouseCode: 'B', availableQuantity: 4, leadTimeDays: 6 },
      { warehouseCode: 'C', availableQuantity: 3, leadTimeDays: 9 },
    ]);
    expect(availability).toMatchObject({ status: 'LOW_STOCK', availableQuantity: 7, leadTimeDays: 6 });
    expect(toAvailability('PO-2', [{ warehouseCode: 'A', availableQuantity: 0, leadTimeDays: 12 }, { warehouseCode: 'B', availableQuantity: 0, leadTimeDays: 5 }]))
      .toMatchObject({ status: 'OUT_OF_STOCK', availableQuantity: 0, leadTimeDays: 5 });
  });
});

describe('ERP stock records', () => {
  it('never sells a negative quantity (reservations above stock on hand), and refuses unreadable rows', () => {
    expect(toWarehouseStock({ ProductCode: 'PO-1', WarehouseCode: 'A', QtyOnHand: '3', QtyReserved: '5', LeadTimeDays: '2' }))
      .toEqual({ productCode: 'PO-1', stock: { warehouseCode: 'A', availableQuantity: 0, leadTimeDays: 2 } });
    expect(() => toWarehouseStock({ ProductCode: 'PO-1', WarehouseCode: 'A', QtyOnHand: 'many', QtyReserved: '0', LeadTimeDays: '2' }))
      .toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'UPSTREAM_ERROR' }) }));
  });
});
