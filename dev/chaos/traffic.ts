/**
 * The chaos run's traffic: the channels' real operations (clients/<channel>/operations) at a set rate,
 * spread over a few dozen customers, anonymous visitors and a partner, alternating between the gateway
 * replicas as a load balancer would. Each request is recorded against the phase it started in.
 */
import { loadClientOperations } from '../../clients/operations.ts';
import type { Dataset } from '../legacy/common/dataset.ts';
import type { IdentityProvider } from '../identity/server.ts';

export interface Outcome { status: number; ms: number; errorCodes: string[]; lost: boolean }

interface Caller { headers: Record<string, string>; operation: string; variables: Record<string, unknown> }

const CLIENT = { mobile: 'passerelle-mobile', web: 'passerelle-web', partner: 'partner-portal' } as const;
const REQUEST_TIMEOUT_MS = 15_000;

/** Builds the mix once (tokens included): each call picks one request of it at random. */
export async function trafficMix(dataset: Dataset, idp: IdentityProvider): Promise<() => Caller> {
  const sources = new Map(loadClientOperations().map((op) => [op.name, op.source]));
  const customers = dataset.customers.filter((c) => (dataset.ordersByCustomer.get(c.id)?.length ?? 0) > 0).slice(0, 24);
  const headers = async (channel: keyof typeof CLIENT, user?: string) => ({
    'apollographql-client-name': CLIENT[channel], 'apollographql-client-version': channel === 'mobile' ? '2.1.0' : '1.0.0',
    ...(user ? { authorization: `Bearer ${await idp.tokenFor(user, { client: CLIENT[channel], expiresIn: '2h' })}` } : {}),
  });
  const signedIn = await Promise.all(customers.map(async (c) => ({
    mobile: await headers('mobile', `customer:${c.id}`), web: await headers('web', `customer:${c.id}`),
    orderId: dataset.ordersByCustomer.get(c.id)?.[0]?.id as string,
  })));
  const anonymous = await headers('web');
  const partner = await headers('partner', 'partner');
  const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
  const offering = () => pick(dataset.offerings).code;
  const mix: (() => Caller)[] = [
    () => { const c = pick(signedIn); return { headers: c.mobile, operation: 'AccountHome', variables: {} }; },
    () => { const c = pick(signedIn); return { headers: c.mobile, operation: 'OrderTracking', variables: { orderId: c.orderId } }; },
    () => ({ headers: anonymous, operation: 'CatalogPage', variables: {} }),
    () => ({ headers: anonymous, operation: 'OfferingDetail', variables: { id: offering() } }),
    () => { const c = pick(signedIn); return { headers: c.web, operation: 'AccountBills', variables: {} }; },
    () => { const c = pick(signedIn); return { headers: c.web, operation: 'AddToCart', variables: { productOfferingId: offering(), quantity: 1 } }; },
    () => ({ headers: partner, operation: 'PartnerCatalogPage', variables: {} }),
  ];
  return () => {
    const caller = pick(mix)();
    return { ...caller, operation: sources.get(caller.operation) as string };
  };
}

/** Sends one request; never throws (a failure to get any answer is `lost`). */
export async function send(url: string, caller: Caller): Promise<Outcome> {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...caller.headers },
      body: JSON.stringify({ query: caller.operation, variables: caller.variables }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    let codes: string[] = [];
    try { codes = ((JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors ?? []).map((e) => e.extensions?.code ?? 'UNCODED'); } catch { codes = ['UNREADABLE']; }
    return { status: res.status, ms: performance.now() - started, errorCodes: codes, lost: false };
  } catch {
    return { status: 0, ms: performance.now() - started, errorCodes: [], lost: true };
  }
}

/** Runs `tick` `rate` times a second until `stop` resolves; resolves once every request has finished. */
export async function atRate(rate: number, stop: Promise<void>, tick: () => Promise<void>): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  void stop.then(() => { stopped = true; });
  const interval = 1000 / rate;
  let next = performance.now();
  while (!stopped) {
    const request = tick().finally(() => inFlight.delete(request));
    inFlight.add(request);
    next += interval;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
  }
  await Promise.all(inFlight);
}
