/**
 * Per-request DataLoaders over the OMS, and the context that carries them (the data source, its
 * keep-alive connections, is shared by all requests; only the loaders are per request). Orders by id go 100 to a call (the OMS's batch limit); pages of
 * a customer's orders are loaded once per (customer, page) and prime the order loader, so an order read
 * from a page and again through _entities costs nothing more.
 */
import type DataLoader from 'dataloader';
import { codedError } from '../../contracts/error-codes.ts';
import type { Principal } from '../../contracts/principal.ts';
import { notFound } from '../runtime/authorization/not-found.ts';
import type { BaseContext } from '../runtime/serving/definition.ts';
import type { OrdersPage, ProductOrder } from './model.ts';
import { OMS_LIMITS, type OmsDataSource } from './oms/oms-data-source.ts';
import { ObservedDataLoader } from '../runtime/metrics/observed-data-loader.ts';

export interface OrderingLoaders {
  orderById: DataLoader<string, ProductOrder>;
  ordersPage: DataLoader<OrdersPageKey, OrdersPage, string>;
}

export interface OrderingContext extends BaseContext {
  oms: OmsDataSource;
  loaders: OrderingLoaders;
}

export interface OrdersPageKey { customerId: string; offset: number; limit: number }

/** OMS order numbers: anything else (a comma, a slash) would steer the batch query, so it never leaves. */
export const ORDER_ID = /^[A-Za-z0-9_-]{1,40}$/;

export function createOrderingLoaders(oms: OmsDataSource): OrderingLoaders {
  const orderById = new ObservedDataLoader<string, ProductOrder>('ordering', 'orderById',
    async (ids) => {
      const valid = ids.filter((id) => ORDER_ID.test(id));
      // A failed batch rejects every id of that batch only; DataLoader does not cache rejections.
      const found = valid.length > 0 ? await oms.ordersByIds([...new Set(valid)]) : new Map<string, ProductOrder>();
      return ids.map((id) => {
        if (!ORDER_ID.test(id)) return codedError('BAD_USER_INPUT', 'Invalid order id.', { argument: 'id' });
        return found.get(id) ?? notFound('ProductOrder');
      });
    },
    { maxBatchSize: OMS_LIMITS.batchIds },
  );

  const ordersPage = new ObservedDataLoader<OrdersPageKey, OrdersPage, string>('ordering', 'ordersPage',
    // The OMS has no multi-customer listing: distinct keys are fetched in parallel, equal keys once.
    (keys) => Promise.all(keys.map(async (key) => {
      try {
        const page = await oms.customerOrders(key.customerId, key.offset, key.limit);
        for (const order of page.orders) orderById.prime(order.id, order);
        return page;
      } catch (error) {
        return error as Error;
      }
    })),
    { cacheKeyFn: (key) => `${key.customerId}|${key.offset}|${key.limit}` },
  );

  return { orderById, ordersPage };
}

export function createOrderingContext(oms: OmsDataSource, principal: Principal): OrderingContext {
  return { principal, oms, loaders: createOrderingLoaders(oms) };
}
