/**
 * Bytes and round trips of each mobile screen: one request to Passerelle (by persisted id, as the app
 * sends it; the screen's cache entry purged first, so that it is the first load and the legacy calls
 * behind it are counted) against the REST and SOAP calls the app would make to the legacy systems
 * directly (legacy-direct.ts). The customer's cart is filled through the OMS first, so that the cart
 * screen has lines; the tracked order is one of the customer's completed orders.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchStack } from './bench-stack.ts';
import { purge } from './gateway-admin.ts';
import { accountHomeDirect, mobileCartDirect, orderTrackingDirect, type DirectScreen } from './legacy-direct.ts';
import { legacyCallsOf, type LegacyCalls } from './legacy-stats.ts';
import { mobileRequest, post } from './scenarios.ts';
import { exchange } from './wire-bytes.ts';

export interface ScreenBytes {
  screen: string;
  passerelle: { roundTrips: 1; dependentSteps: 1; requestBytes: number; responseBytes: number; legacyCallsBehind: LegacyCalls };
  direct: DirectScreen;
}

const CART_LINES = 3;

async function fillCart(stack: BenchStack): Promise<void> {
  const catalogue = stack.info.legacy['catalogue'];
  const page = (await (await fetch(`${catalogue}/catalog/v2/offerings?offset=0&limit=${CART_LINES}`)).json()) as { items: { productCode: string }[] };
  for (const { productCode } of page.items) {
    const res = await fetch(`${stack.info.legacy['oms']}/oms/customers/${stack.customerId}/cart/lines`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ productCode, qty: 2 }),
    });
    if (!res.ok) throw new Error(`the OMS refused a cart line: ${res.status}`);
  }
}

async function trackedOrderId(stack: BenchStack): Promise<string> {
  const home = JSON.parse((await post(stack.passerelle.cacheOn, mobileRequest('AccountHome', stack.info.customerToken))).text) as
    { data: { me: { orders: { nodes: { id: string; state: string }[] } } } };
  const orders = home.data.me.orders.nodes;
  const order = orders.find((o) => o.state === 'COMPLETED') ?? orders[0];
  if (!order) throw new Error('the benchmark customer has no order to track');
  return order.id;
}

async function throughPasserelle(stack: BenchStack, name: string, variables: Record<string, unknown> | undefined, tags: string[]): Promise<ScreenBytes['passerelle']> {
  const url = stack.passerelle.cacheOn;
  await purge(url, stack.purgeSecret, tags);
  await sleep(2);
  const request = mobileRequest(name, stack.info.customerToken, variables);
  let bytes = { requestBytes: 0, responseBytes: 0 };
  const legacyCallsBehind = await legacyCallsOf(stack.info.legacy, async () => {
    const res = await exchange(url, { method: 'POST', headers: request.headers, body: request.body });
    if (res.status !== 200 || res.body.includes('"errors"')) throw new Error(`${name} through Passerelle: ${res.status} ${res.body.slice(0, 200)}`);
    bytes = { requestBytes: res.requestBytes, responseBytes: res.responseBytes };
  });
  return { roundTrips: 1, dependentSteps: 1, ...bytes, legacyCallsBehind };
}

export async function measureScreenBytes(stack: BenchStack): Promise<ScreenBytes[]> {
  await fillCart(stack);
  const orderId = await trackedOrderId(stack);
  const { legacy } = stack.info;
  const customerTag = `Customer:${stack.customerId}`;
  return [
    { screen: 'AccountHome', passerelle: await throughPasserelle(stack, 'AccountHome', undefined, [customerTag]), direct: await accountHomeDirect(legacy, stack.customerId) },
    { screen: 'OrderTracking', passerelle: await throughPasserelle(stack, 'OrderTracking', { orderId }, [`ProductOrder:${orderId}`]), direct: await orderTrackingDirect(legacy, orderId) },
    { screen: 'MobileCart', passerelle: await throughPasserelle(stack, 'MobileCart', undefined, [customerTag]), direct: await mobileCartDirect(legacy, stack.customerId) },
  ];
}
