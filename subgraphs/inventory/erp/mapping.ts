/**
 * ERP stock records -> availability. The ERP gives one StockLevel per product and warehouse with raw
 * quantities; the graph gives a status, a sellable quantity and a lead time.
 */
import { codedError } from '../../../contracts/error-codes.ts';
import type { AvailabilityStatus, ProductAvailability, WarehouseStock } from '../model.ts';

/** How errors name the system: never its host, port or URL. */
export const ERP_SYSTEM = 'ERP';
/** At or below this many available units (and above 0), an offering is LOW_STOCK. */
export const LOW_STOCK_THRESHOLD = 10;
/** At or below this many available units, an offering is OUT_OF_STOCK. */
export const OUT_OF_STOCK_THRESHOLD = 0;

/** A StockLevel element as the SOAP client parsed it: local names, text values. */
export type LegacyStockLevel = Record<string, unknown>;

export const unreadable = () => codedError('UPSTREAM_ERROR', `The ${ERP_SYSTEM} sent an unreadable response.`, { system: ERP_SYSTEM });

function count(record: LegacyStockLevel, field: string): number {
  const raw = record[field];
  if (typeof raw !== 'string' || !/^-?\d{1,9}$/.test(raw)) throw unreadable();
  return Number(raw);
}

function code(record: LegacyStockLevel, field: string): string {
  const raw = record[field];
  if (typeof raw !== 'string' || raw === '') throw unreadable();
  return raw;
}

export function statusOf(availableQuantity: number): AvailabilityStatus {
  if (availableQuantity <= OUT_OF_STOCK_THRESHOLD) return 'OUT_OF_STOCK';
  return availableQuantity <= LOW_STOCK_THRESHOLD ? 'LOW_STOCK' : 'IN_STOCK';
}

export function toWarehouseStock(level: LegacyStockLevel): { productCode: string; stock: WarehouseStock } {
  // Reservations can exceed stock on hand in the ERP (back orders): nothing is sellable then, never a negative.
  const available = Math.max(0, count(level, 'QtyOnHand') - count(level, 'QtyReserved'));
  return {
    productCode: code(level, 'ProductCode'),
    stock: { warehouseCode: code(level, 'WarehouseCode'), availableQuantity: available, leadTimeDays: count(level, 'LeadTimeDays') },
  };
}

/** One offering's availability from its warehouse rows (at least one). */
export function toAvailability(productCode: string, warehouses: WarehouseStock[]): ProductAvailability {
  const availableQuantity = warehouses.reduce((sum, w) => sum + w.availableQuantity, 0);
  const serving = warehouses.filter((w) => w.availableQuantity > 0);
  const leadTimes = (serving.length > 0 ? serving : warehouses).map((w) => w.leadTimeDays);
  return {
    productCode,
    status: statusOf(availableQuantity),
    availableQuantity,
    leadTimeDays: leadTimes.length > 0 ? Math.min(...leadTimes) : null,
    warehouses,
  };
}
