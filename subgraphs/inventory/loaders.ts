/**
 * Per-request context: the caller and this request's DataLoader. All the offerings of one response share
 * one loader, so their availability costs ceil(N / 200) ERP calls; the data source (connections, the
 * warehouse table) is shared by all requests.
 */
import DataLoader from 'dataloader';
import { codedError } from '../../contracts/error-codes.ts';
import type { Principal } from '../../contracts/principal.ts';
import type { BaseContext } from '../runtime/serving/definition.ts';
import { ERP_BATCH_LIMIT, type ErpDataSource } from './erp/erp-data-source.ts';
import type { ProductAvailability } from './erp/mapping.ts';

export interface InventoryContext extends BaseContext {
  erp: ErpDataSource;
  loaders: { availability: DataLoader<string, ProductAvailability> };
}

export function createInventoryContext(erp: ErpDataSource, principal: Principal): InventoryContext {
  const availability = new DataLoader<string, ProductAvailability>(async (codes) => {
    const found = await erp.availabilities(codes);
    return codes.map((code) => found.get(code) ?? codedError('NOT_FOUND', 'The ERP holds no stock record for this offering.'));
  }, { maxBatchSize: ERP_BATCH_LIMIT });
  return { principal, erp, loaders: { availability } };
}
