/**
 * The inventory domain's own types: what the resolvers serve, whatever the system of record. Only
 * erp/mapping.ts knows how the ERP's stock records turn into these.
 */

export type AvailabilityStatus = 'IN_STOCK' | 'LOW_STOCK' | 'OUT_OF_STOCK';

export interface WarehouseStock { warehouseCode: string; availableQuantity: number; leadTimeDays: number }

export interface ProductAvailability {
  productCode: string;
  status: AvailabilityStatus;
  availableQuantity: number;
  leadTimeDays: number | null;
  /** Per warehouse; exposed as stockLevels to partners and agents only. */
  warehouses: WarehouseStock[];
}
