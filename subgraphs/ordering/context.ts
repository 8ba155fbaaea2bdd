/** The per-request context of the ordering subgraph: who calls, and this request's OMS loaders. */
import type { Principal } from '../../contracts/principal.ts';
import type { BaseContext } from '../runtime/serving/definition.ts';
import { createOrderingLoaders, type OrderingLoaders } from './loaders.ts';
import type { OmsClient } from './oms/oms-data-source.ts';

export interface OrderingContext extends BaseContext {
  principal: Principal;
  /** Shared by all requests (keep-alive connections); only the loaders are per request. */
  oms: OmsClient;
  loaders: OrderingLoaders;
}

export function createOrderingContext(principal: Principal, oms: OmsClient): OrderingContext {
  return { principal, oms, loaders: createOrderingLoaders(oms) };
}
