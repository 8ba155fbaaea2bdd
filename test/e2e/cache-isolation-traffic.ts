/**
 * Traffic for the cache-isolation proof (cache-isolation.test.ts): principals of every role, each request
 * checked against the dataset the stand-ins serve. A violation is any answer that holds something its
 * caller may not see (another customer's account, orders or bills; another partner's order; trade prices
 * for a customer or a visitor) or that is older than the caller's last acknowledged mutation.
 */
import { randomUUID } from 'node:crypto';
import type { RunningGateway } from '../../gateway/server.ts';
import { postJson, type GraphQLResponse } from '../support/http.ts';
import type { E2E } from './harness.ts';

/**
 * The account home; `round` makes a document of that round only, so that nothing is cached yet and
 * identical requests meet in the subgraph fetches (coalescing) rather than in the response cache.
 */
const accountHome = (round?: number) => `query AccountHome { ${round === undefined ? '' : `round${round}: __typename `}me { id displayName
  orders(first: 3) { totalCount nodes { id state items { productOffering { id name } } } }
  unpaidBills: bills(first: 5, states: [UNPAID, OVERDUE]) { nodes { id } } } }`;
const ACCOUNT_HOME = accountHome();
const OFFERING = '{ productOffering(id: "PO-0007") { id name price { amount } partnerPrice { amount } } }';
const PARTNER_ORDER = 'query PartnerOrder($orderId: ID!) { productOrder(id: $orderId) { id state channel } }';
const CUSTOMER = 'query Customer($id: ID!) { customer(id: $id) { id displayName } }';

interface Caller { label: string; headers: Record<string, string> }
interface CustomerState { id: number; caller: Caller; orders: Set<string>; bills: Set<string>; newest: { id: string; total: number; at: number } | null }

export interface TrafficReport {
  requests: number; mutations: number; cacheHits: number; coalesced: number; stalledRequests: number;
  byRole: Record<string, number>; violations: string[];
  summary(): Record<string, unknown>;
}
export interface TrafficOptions {
  rounds: number;
  /** Runs before each round; returns true when that round runs while the store is stalled (counted). */
  beforeRound?: (round: number) => Promise<boolean>;
}
export interface Traffic { run(options: TrafficOptions): Promise<TrafficReport> }

const CLIENTS = { mobile: ['passerelle-mobile', '2.1.0'], web: ['passerelle-web', '1.0.0'], partner: ['partner-portal', '1.0.0'], agent: ['agent-desk', '1.0.0'] } as const;

async function callerFor(e2e: E2E, user: string | null, channel: keyof typeof CLIENTS): Promise<Caller> {
  const [client, version] = CLIENTS[channel];
  const headers: Record<string, string> = { 'apollographql-client-name': client, 'apollographql-client-version': version };
  if (user) headers['authorization'] = `Bearer ${await e2e.stack.idp.tokenFor(user, { client })}`;
  return { label: `${user ?? 'anonymous'}@${channel}`, headers };
}

const metric = async (gateway: RunningGateway, name: string): Promise<number> =>
  Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(await (await fetch(`${gateway.adminUrl}/metrics`)).text())?.[1] ?? 0);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function trafficOf(e2e: E2E, gateways: RunningGateway[]): Promise<Traffic> {
  const { dataset } = e2e;
  const picked = dataset.customers.filter((c) => {
    const orders = dataset.ordersByCustomer.get(c.id)?.length ?? 0;
    return orders >= 3 && orders <= 12;
  }).slice(0, 16);
  const customers: CustomerState[] = await Promise.all(picked.map(async (c, i) => ({
    id: c.id,
    caller: await callerFor(e2e, `customer:${c.id}`, i % 2 === 0 ? 'mobile' : 'web'),
    orders: new Set((dataset.ordersByCustomer.get(c.id) ?? []).map((o) => o.id)),
    bills: new Set((dataset.invoicesByCustomer.get(c.id) ?? []).map((b) => b.number)),
    newest: null,
  })));
  const partners = await Promise.all(dataset.partners.slice(0, 2).map(async (p) => ({
    id: p.id, caller: await callerFor(e2e, `partner:${p.id}`, 'partner'),
    order: dataset.orders.find((o) => o.partnerId === p.id)?.id as string,
  })));
  const agent = await callerFor(e2e, 'agent', 'agent');
  const visitors = await Promise.all([0, 1, 2].map(() => callerFor(e2e, null, 'web')));

  return {
    async run({ rounds, beforeRound }) {
      const violations: string[] = [];
      // Deterministic jitter (0-24 ms): a failing run can be replayed as it was.
      let seed = 7;
      const jitter = () => { seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648; return seed % 25; };
      const byRole: Record<string, number> = { customer: 0, partner: 0, agent: 0, anonymous: 0 };
      let mutations = 0;
      let stalledRequests = 0;
      let inStall = false;
      const send = async (role: string, gateway: RunningGateway, caller: Caller, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> => {
        byRole[role] = (byRole[role] ?? 0) + 1;
        if (inStall) stalledRequests += 1;
        return postJson(gateway.url, { query, variables }, caller.headers);
      };
      const flag = (caller: Caller, what: string, res: GraphQLResponse) =>
        violations.push(`${caller.label}: ${what} (status ${res.status}: ${JSON.stringify(res.body).slice(0, 300)})`);

      const checkHome = (customer: CustomerState, startedAt: number, res: GraphQLResponse) => {
        const me = res.body?.data?.me;
        if (res.status !== 200 || !me) return flag(customer.caller, 'no account home', res);
        if (me.id !== String(customer.id)) return flag(customer.caller, `received account ${me.id}`, res);
        for (const order of me.orders?.nodes ?? []) if (!customer.orders.has(order.id)) flag(customer.caller, `received order ${order.id}`, res);
        for (const bill of me.unpaidBills?.nodes ?? []) if (!customer.bills.has(bill.id)) flag(customer.caller, `received bill ${bill.id}`, res);
        const newest = customer.newest;
        if (newest && startedAt > newest.at && (me.orders.nodes[0]?.id !== newest.id || me.orders.totalCount < newest.total)) {
          flag(customer.caller, `answer older than its order ${newest.id} acknowledged ${startedAt - newest.at} ms before`, res);
        }
      };
      const home = async (customer: CustomerState, gateway: RunningGateway, document = ACCOUNT_HOME) => {
        const startedAt = Date.now();
        checkHome(customer, startedAt, await send('customer', gateway, customer.caller, document));
      };
      const placeOrder = async (customer: CustomerState, gateway: RunningGateway) => {
        await send('customer', gateway, customer.caller, 'mutation { addCartItem(input: { productOfferingId: "PO-0003", quantity: 1 }) { id } }');
        const placed = await send('customer', gateway, customer.caller, `mutation { placeOrder(input: { idempotencyKey: "${randomUUID()}" }) { id } }`);
        const id = placed.body?.data?.placeOrder?.id as string | undefined;
        if (!id) return flag(customer.caller, 'order not placed', placed);
        mutations += 1;
        customer.orders.add(id);
        customer.newest = { id, total: customer.orders.size, at: Date.now() };
        // Read at once after the acknowledgement, on every replica, twice at a time (double tap).
        await Promise.all(gateways.flatMap((g) => [home(customer, g), home(customer, g)]));
      };
      const partnerReads = (partner: (typeof partners)[number], other: (typeof partners)[number], gateway: RunningGateway) => [0, 1].flatMap(() => [
        send('partner', gateway, partner.caller, PARTNER_ORDER, { orderId: partner.order }).then((res) => {
          if (res.body?.data?.productOrder?.id !== partner.order) flag(partner.caller, 'own order missing', res);
        }),
        send('partner', gateway, partner.caller, PARTNER_ORDER, { orderId: other.order }).then((res) => {
          if (res.body?.data?.productOrder) flag(partner.caller, `received partner ${other.id}'s order`, res);
        }),
        send('partner', gateway, partner.caller, OFFERING).then((res) => {
          if (typeof res.body?.data?.productOffering?.partnerPrice?.amount !== 'string') flag(partner.caller, 'partner price missing', res);
        }),
      ]);

      const hitsBefore = await Promise.all(gateways.map((g) => metric(g, 'passerelle_response_cache_hits_total')));
      const sharedBefore = await Promise.all(gateways.map((g) => metric(g, 'passerelle_subgraph_fetches_shared_total')));
      for (let round = 0; round < rounds; round += 1) {
        inStall = (await beforeRound?.(round)) ?? false;
        const gateway = gateways[round % gateways.length] as RunningGateway;
        const other = gateways[(round + 1) % gateways.length] as RunningGateway;
        const ordering = new Set([round % customers.length, (round + 5) % customers.length]);
        const work: Promise<unknown>[] = [];
        customers.forEach((customer, i) => {
          if (ordering.has(i) && round % 3 === 1) { work.push(placeOrder(customer, other)); return; }
          // A double tap on one replica (the second tap a few milliseconds later, as fingers and retries
          // do: it joins the first tap's fetches at different points), and the same screen on the other one.
          // Half the customers read a document of this round only (shared fetches), half the usual one (cache).
          const document = i % 2 === 0 ? accountHome(round) : ACCOUNT_HOME;
          work.push(home(customer, gateway, document), sleep(jitter()).then(() => home(customer, gateway, document)), home(customer, other, document));
        });
        for (const visitor of visitors) {
          work.push(send('anonymous', gateway, visitor, ACCOUNT_HOME).then((res) => {
            if (res.body?.data?.me) flag(visitor, 'received an account', res);
          }));
          work.push(send('anonymous', other, visitor, OFFERING).then((res) => {
            const offering = res.body?.data?.productOffering;
            if (!offering || offering.partnerPrice !== null) flag(visitor, 'trade price or no offering', res);
          }));
        }
        const [a, b] = partners as [(typeof partners)[number], (typeof partners)[number]];
        work.push(...partnerReads(a, b, gateway), ...partnerReads(b, a, other));
        const target = customers[round % customers.length] as CustomerState;
        work.push(...[gateway, gateway].map((g) => send('agent', g, agent, CUSTOMER, { id: String(target.id) }).then((res) => {
          if (res.body?.data?.customer?.id !== String(target.id)) flag(agent, `asked for ${target.id}, received ${res.body?.data?.customer?.id}`, res);
        })));
        await Promise.all(work);
      }
      const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
      const cacheHits = sum(await Promise.all(gateways.map((g) => metric(g, 'passerelle_response_cache_hits_total')))) - sum(hitsBefore);
      const coalesced = sum(await Promise.all(gateways.map((g) => metric(g, 'passerelle_subgraph_fetches_shared_total')))) - sum(sharedBefore);
      const requests = sum(Object.values(byRole));
      return {
        requests, mutations, cacheHits, coalesced, stalledRequests, byRole, violations,
        summary: () => ({ requests, byRole, mutations, cacheHits, coalesced, stalledRequests, violations: violations.length }),
      };
    },
  };
}
