/**
 * Demo users of every role, taken from the stand-in data so that their tokens open real accounts:
 * `customer` has 3 orders, `customer-many` has 40, `partner` and `agent` are the first of their kind.
 * Each role signs in through its own registered clients (clients/clients.json), and a token names the
 * client it was issued to (`azp`, `client_id`): customers use the web or mobile app, partners the
 * partner portal, agents their desk.
 */
import { customerWithOrderCount, getDataset, type DatasetOptions } from '../legacy/common/dataset.ts';

export type DemoRole = 'customer' | 'partner' | 'agent';
export interface DemoUser { username: string; role: DemoRole; subject: string; name: string }

/** The clients each role may be issued tokens for, the default first. */
export const DEMO_CLIENTS: Readonly<Record<DemoRole, readonly string[]>> = Object.freeze({
  customer: ['passerelle-web', 'passerelle-mobile'],
  partner: ['partner-portal'],
  agent: ['agent-desk'],
});

/** The client a token of this role is issued to: `requested` when the role may use it, else null. */
export function clientFor(role: DemoRole, requested?: string): string | null {
  const allowed = DEMO_CLIENTS[role];
  if (requested === undefined) return allowed[0] as string;
  return allowed.includes(requested) ? requested : null;
}

export function demoUsers(dataset: Partial<DatasetOptions> = {}): DemoUser[] {
  const data = getDataset(dataset);
  const named = (id: number, alias: string): DemoUser | null => {
    const c = data.customers.find((x) => x.id === id);
    return c ? { username: alias, role: 'customer', subject: String(c.id), name: c.tradingName ?? `${c.givenName} ${c.familyName}` } : null;
  };
  const few = customerWithOrderCount(data, 3) ?? data.customers[0];
  const many = customerWithOrderCount(data, 40);
  const partner = data.partners[0];
  const agent = data.agents[0];
  return [
    few ? named(few.id, 'customer') : null,
    many ? named(many.id, 'customer-many') : null,
    partner ? { username: 'partner', role: 'partner' as const, subject: partner.id, name: partner.name } : null,
    agent ? { username: 'agent', role: 'agent' as const, subject: agent.id, name: `${agent.givenName} ${agent.familyName}` } : null,
  ].filter((u): u is DemoUser => u !== null);
}

/**
 * Resolves "customer", "customer:100042", "partner:P002", "agent:A003" to a user of the dataset;
 * null when no such user exists.
 */
export function findUser(spec: string, dataset: Partial<DatasetOptions> = {}): DemoUser | null {
  const [alias, id] = spec.split(':', 2);
  if (!id) return demoUsers(dataset).find((u) => u.username === alias) ?? null;
  const data = getDataset(dataset);
  if (alias === 'customer') {
    const c = data.customers.find((x) => String(x.id) === id);
    return c ? { username: spec, role: 'customer', subject: id, name: c.tradingName ?? `${c.givenName} ${c.familyName}` } : null;
  }
  if (alias === 'partner') {
    const p = data.partners.find((x) => x.id === id);
    return p ? { username: spec, role: 'partner', subject: id, name: p.name } : null;
  }
  if (alias === 'agent') {
    const a = data.agents.find((x) => x.id === id);
    return a ? { username: spec, role: 'agent', subject: id, name: `${a.givenName} ${a.familyName}` } : null;
  }
  return null;
}
