/**
 * The ERP data source (its stock service): what the loaders and resolvers call, and the only code that
 * knows StockService's operations, element names and limits. It turns stock records into availabilities
 * (mapping.ts) and failures into coded errors.
 */
import { SoapClient } from '../../runtime/transport/soap-client.ts';
import type { ProductAvailability, WarehouseStock } from '../model.ts';
import { ERP_SYSTEM, toAvailability, toWarehouseStock, unreadable, type LegacyStockLevel } from './mapping.ts';
import type { ResilienceOptions } from '../../runtime/transport/resilience/resilience-options.ts';

export const ERP_NAMESPACE = 'http://erp.legacy.passerelle.example/stock/2011/';
export const ERP_ENDPOINT_PATH = '/StockService';
/** The ERP refuses GetStockLevels above this many product codes. */
export const ERP_BATCH_LIMIT = 200;
/** The warehouse table changes a few times a year: one lookup serves every request for this long. */
export const WAREHOUSE_CACHE_TTL_MS = 10 * 60_000;
/** Catalogue codes are short printable codes: another value is not a product the ERP could know, so it is never sent. */
const isPlausibleCode = (code: string): boolean => /^[\x21-\x7e]{1,64}$/.test(code);

export interface ErpDataSourceOptions { baseUrl: string; timeoutMs: number; maxResponseBytes: number; resilience?: ResilienceOptions }

export class ErpDataSource {
  private readonly soap: SoapClient;
  private warehouseNames: { value: Promise<ReadonlyMap<string, string>>; expiresAt: number } | undefined;

  constructor(options: ErpDataSourceOptions) {
    this.soap = new SoapClient({
      system: ERP_SYSTEM,
      endpointUrl: options.baseUrl.replace(/\/+$/, '') + ERP_ENDPOINT_PATH,
      namespace: ERP_NAMESPACE,
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      ...(options.resilience ? { resilience: options.resilience } : {}),
    });
  }

  /** Availability per product code (one GetStockLevels call, at most ERP_BATCH_LIMIT codes); unknown codes are absent. */
  async availabilities(productCodes: readonly string[]): Promise<Map<string, ProductAvailability>> {
    const codes = productCodes.filter(isPlausibleCode);
    if (codes.length === 0) return new Map();
    const response = await this.soap.call<{ StockLevel?: LegacyStockLevel[] }>('GetStockLevels', { ProductCode: codes }, { arrays: ['StockLevel'], idempotent: true });
    const byProduct = new Map<string, WarehouseStock[]>();
    for (const level of response.StockLevel ?? []) {
      const { productCode, stock } = toWarehouseStock(level);
      const list = byProduct.get(productCode);
      if (list) list.push(stock); else byProduct.set(productCode, [stock]);
    }
    return new Map([...byProduct].map(([code, warehouses]) => [code, toAvailability(code, warehouses)]));
  }

  /** Warehouse code -> display name (GetWarehouses), shared by all requests for WAREHOUSE_CACHE_TTL_MS; failures are not kept. */
  warehouses(): Promise<ReadonlyMap<string, string>> {
    const now = Date.now();
    if (this.warehouseNames && this.warehouseNames.expiresAt > now) return this.warehouseNames.value;
    const value = this.fetchWarehouses();
    const entry = { value, expiresAt: now + WAREHOUSE_CACHE_TTL_MS };
    this.warehouseNames = entry;
    value.catch(() => { if (this.warehouseNames === entry) this.warehouseNames = undefined; });
    return value;
  }

  close(): Promise<void> {
    return this.soap.close();
  }

  private async fetchWarehouses(): Promise<ReadonlyMap<string, string>> {
    const response = await this.soap.call<{ Warehouse?: Record<string, unknown>[] }>('GetWarehouses', {}, { arrays: ['Warehouse'], idempotent: true });
    return new Map((response.Warehouse ?? []).map((w) => {
      const code = w['WarehouseCode'];
      const name = w['WarehouseName'];
      if (typeof code !== 'string' || typeof name !== 'string') throw unreadable();
      return [code, name];
    }));
  }
}
