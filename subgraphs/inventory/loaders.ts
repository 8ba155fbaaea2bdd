/**
 * The per-request DataLoader over the ERP, and the context that carries it. All the offerings of one
 * response share one loader, so their availability costs ceil(N / 200) ERP calls; the data source
 * (connections, the warehouse table) is shared by all requests.
 */
import type DataLoader from 'dataloader';
import { codedError } from '../../contracts/error-codes.ts';
import type { Principal } from '../../contracts/principal.ts';
import type { BaseContext } from '../runtime/serving/definition.ts';
import { ERP_BATCH_LIMIT, type ErpDataSource } from './erp/erp-data-source.ts';
import type { ProductAvailability } from './model.ts';
import { ObservedDataLoader } from '../runtime/metrics/observed-data-loader.ts';

export interface InventoryLoaders {
  /** Availability by catalogue code: N offerings cost ceil(N / 200) ERP calls. */
  availability: DataLoader<string, ProductAvailability>;
}

export interface InventoryContext extends BaseContext {
  erp: ErpDataSource;
  loaders: InventoryLoaders;
}

export function createInventoryLoaders(erp: ErpDataSource): InventoryLoaders {
  const availability = new ObservedDataLoader<string, ProductAvailability>('inventory', 'availability', async (codes) => {
    const found = await erp.availabilities(codes);
    return codes.map((code) => found.get(code) ?? codedError('NOT_FOUND', 'The ERP holds no stock record for this offering.'));
  }, { maxBatchSize: ERP_BATCH_LIMIT });
  return { availability };
}

export function createInventoryContext(erp: ErpDataSource, principal: Principal): InventoryContext {
  return { principal, erp, loaders: createInventoryLoaders(erp) };
}
