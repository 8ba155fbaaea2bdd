/**
 * Per-request DataLoaders over the CRM, and the context that carries them. Loaders live one request only,
 * so batching and caching never mix two callers' data; the CRM data source (its connections) is shared.
 */
import type DataLoader from 'dataloader';
import { codedError } from '../../contracts/error-codes.ts';
import type { Principal } from '../../contracts/principal.ts';
import type { BaseContext } from '../runtime/serving/definition.ts';
import { notFound } from '../runtime/authorization/not-found.ts';
import { CRM_BATCH_LIMIT, type CrmDataSource } from './crm/crm-data-source.ts';
import type { Customer, Partner } from './model.ts';
import { ObservedDataLoader } from '../runtime/metrics/observed-data-loader.ts';

export interface PartyLoaders {
  /** N customers cost ceil(N / 50) CRM calls; a missing one fails alone with NOT_FOUND (runtime/authorization/not-found.ts). */
  customer: DataLoader<string, Customer>;
  partner: DataLoader<string, Partner>;
}

export interface PartyContext extends BaseContext {
  crm: CrmDataSource;
  loaders: PartyLoaders;
}

export function createPartyLoaders(crm: CrmDataSource): PartyLoaders {
  const customer = new ObservedDataLoader<string, Customer>('party', 'customer', async (ids) => {
    const found = await crm.customersByIds(ids);
    return ids.map((id) => found.get(id) ?? notFound('Customer'));
  }, { maxBatchSize: CRM_BATCH_LIMIT });
  const partner = new ObservedDataLoader<string, Partner>('party', 'partner', async (ids) => {
    const found = await crm.partnersByIds(ids);
    return ids.map((id) => found.get(id) ?? codedError('NOT_FOUND', 'No such partner in the CRM.'));
  }, { maxBatchSize: CRM_BATCH_LIMIT });
  return { customer, partner };
}

export function createPartyContext(crm: CrmDataSource, principal: Principal): PartyContext {
  return { principal, crm, loaders: createPartyLoaders(crm) };
}
