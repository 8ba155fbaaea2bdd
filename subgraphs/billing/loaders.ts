/**
 * Per-request DataLoaders over Billing, and the context that carries them. Loaders live one request only,
 * so batching never mixes two callers' data; the Billing data source (its connections) is shared.
 */
import type DataLoader from 'dataloader';
import { codedError } from '../../contracts/error-codes.ts';
import type { Principal } from '../../contracts/principal.ts';
import type { Page } from '../runtime/shared-types/connection.ts';
import type { BaseContext } from '../runtime/serving/definition.ts';
import { notFound } from '../runtime/authorization/not-found.ts';
import { BILLING_BATCH_LIMIT, type BillingDataSource } from './billing/billing-data-source.ts';
import type { BillPage, CustomerBalance, CustomerBill, CustomerBillState } from './model.ts';
import { ObservedDataLoader } from '../runtime/metrics/observed-data-loader.ts';

export interface BillPageKey { customerId: string; page: Page; states: readonly CustomerBillState[] }

export interface BillingLoaders {
  /** N customers' balances cost ceil(N / 100) GetBalances calls; an unknown customer fails alone with NOT_FOUND. */
  balance: DataLoader<string, CustomerBalance>;
  /** Bills by invoice number (entity references): ceil(N / 100) GetInvoices calls. */
  bill: DataLoader<string, CustomerBill>;
  /** The bill of each order, or null when the order has none yet: ceil(N / 100) GetInvoicesByOrders calls. */
  billOfOrder: DataLoader<string, CustomerBill | null>;
  /** A page of a customer's bills; Billing has no multi-customer operation, so this only de-duplicates. */
  billPage: DataLoader<BillPageKey, BillPage, string>;
}

export interface BillingContext extends BaseContext { billing: BillingDataSource; loaders: BillingLoaders }

export function createBillingLoaders(billing: BillingDataSource): BillingLoaders {
  const balance = new ObservedDataLoader<string, CustomerBalance>('billing', 'balance', async (ids) => {
    const found = await billing.balances(ids);
    return ids.map((id) => found.get(id) ?? codedError('NOT_FOUND', 'Billing has no account for this customer.'));
  }, { maxBatchSize: BILLING_BATCH_LIMIT });

  const bill = new ObservedDataLoader<string, CustomerBill>('billing', 'bill', async (ids) => {
    const found = await billing.billsByIds(ids);
    return ids.map((id) => found.get(id) ?? notFound('CustomerBill'));
  }, { maxBatchSize: BILLING_BATCH_LIMIT });

  const billOfOrder = new ObservedDataLoader<string, CustomerBill | null>('billing', 'billOfOrder', async (orderIds) => {
    const found = await billing.billsByOrders(orderIds);
    return orderIds.map((id) => found.get(id) ?? null);
  }, { maxBatchSize: BILLING_BATCH_LIMIT });

  // Each key is its own call: a failing page fails only the customer it belongs to.
  const billPage = new ObservedDataLoader<BillPageKey, BillPage, string>('billing', 'billPage',
    (keys) => Promise.all(keys.map((key) => billing.billsOfCustomer(key.customerId, key.page, key.states).catch((error: Error) => error))),
    { cacheKeyFn: (key) => JSON.stringify([key.customerId, key.page.offset, key.page.first, [...key.states].sort()]) },
  );

  return { balance, bill, billOfOrder, billPage };
}

export function createBillingContext(billing: BillingDataSource, principal: Principal): BillingContext {
  return { principal, billing, loaders: createBillingLoaders(billing) };
}
