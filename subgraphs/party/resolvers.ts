/**
 * Thin resolvers: access checks, then the per-request loaders. A Customer parent may be a full record
 * or only { id } (the signed-in customer); its fields always read through the loader, which answers
 * from the request's cache when the record is already there.
 */
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { codedError } from '../../schema/error-codes.ts';
import { toConnection, toPage, type PageArgs } from '../runtime/connection.ts';
import { DateScalar } from '../runtime/scalars.ts';
import { customerAccessError, customerListAccessError } from './access.ts';
import type { PartyContext } from './context.ts';
import type { Customer, CustomerRef, Party } from './model.ts';

/** For nullable lookups: "no such thing" is null, any other failure stays an error. */
async function loadOrNull<T>(loader: DataLoader<string, T>, id: string): Promise<T | null> {
  try {
    return await loader.load(id);
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions['code'] === 'NOT_FOUND') return null;
    throw error;
  }
}

const customerField = <K extends keyof Customer>(key: K) =>
  async (parent: CustomerRef, _args: unknown, ctx: PartyContext): Promise<Customer[K]> =>
    (await ctx.loaders.customer.load(parent.id))[key];

export const resolvers: GraphQLResolverMap<PartyContext> = {
  Date: DateScalar,

  Query: {
    me: (_root: unknown, _args: unknown, ctx: PartyContext): CustomerRef | null => {
      const { role, subject } = ctx.principal;
      if (role === 'anonymous') throw codedError('UNAUTHENTICATED', 'Sign in to see your customer account.');
      // No CRM call here: the id comes from the verified token, so other domains' fields (orders,
      // bills) still answer when the CRM is down; only the CRM-backed fields then fail.
      return role === 'customer' && subject ? { id: subject } : null;
    },

    customer: async (_root: unknown, { id }: { id: string }, ctx: PartyContext): Promise<Customer | null> => {
      const denied = customerAccessError(ctx.principal, id);
      if (denied) throw denied;
      return loadOrNull(ctx.loaders.customer, id);
    },

    customers: async (_root: unknown, args: PageArgs, ctx: PartyContext) => {
      const denied = customerListAccessError(ctx.principal);
      if (denied) throw denied;
      const page = toPage(args);
      const { total, customers } = await ctx.crm.customerWindow(page.offset, page.first);
      // The nodes' fields then read from the loader's cache: no second CRM call.
      for (const customer of customers) ctx.loaders.customer.prime(customer.id, customer);
      return toConnection(customers, page, total);
    },

    partner: (_root: unknown, { id }: { id: string }, ctx: PartyContext) => loadOrNull(ctx.loaders.partner, id),
  },

  Customer: {
    // Reached from other subgraphs' data: the same object-level rule, failing this entity alone.
    __resolveReference: (ref: CustomerRef, ctx: PartyContext): Promise<Customer> => {
      const denied = customerAccessError(ctx.principal, ref.id);
      return denied ? Promise.reject(denied) : ctx.loaders.customer.load(ref.id);
    },
    displayName: customerField('displayName'),
    engagedParty: customerField('engagedParty'),
    segment: customerField('segment'),
    customerSince: customerField('customerSince'),
    contactMedia: customerField('contactMedia'),
    city: customerField('city'),
  },

  Party: {
    __resolveType: (party: Party) => party.kind,
  },

  Partner: {
    __resolveReference: (ref: { id: string }, ctx: PartyContext) => ctx.loaders.partner.load(ref.id),
  },
};
