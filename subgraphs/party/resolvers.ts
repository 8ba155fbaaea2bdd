/**
 * Thin resolvers: arguments -> the per-request loaders. Who may read what is the schema's business
 * (@requiresRole, @policy "customer-account", enforced by the runtime: an account the caller may not see
 * answers exactly as one the CRM does not know, NOT_FOUND). A Customer parent may be a full record or only
 * { id }; its fields always read through the loader, which answers from the request's cache when the record
 * is already there.
 */
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { toConnection, toPage, type PageArgs } from '../runtime/shared-types/connection.ts';
import { CUSTOMER_ACCOUNT } from '../runtime/authorization/policies.ts';
import { DateScalar } from '../runtime/shared-types/scalars.ts';
import type { PartyContext } from './loaders.ts';
import type { Customer, CustomerRef, Party } from './model.ts';

/** For nullable lookups of public objects: "no such thing" is null, any other failure stays an error. */
async function loadOrNull<T>(loader: DataLoader<string, T>, id: string): Promise<T | null> {
  try {
    return await loader.load(id);
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions['code'] === 'NOT_FOUND') return null;
    throw error;
  }
}

/**
 * A customer as a resolver hands it on (a promise: an unknown one rejects with NOT_FOUND). An account the
 * customer-account policy will refuse is handed on as its bare key, unloaded: the runtime then answers it as
 * missing (runtime/authorization/visibility.ts), with the error an unknown id gets, and the CRM is never called for it.
 */
function customerFor(ctx: PartyContext, id: string): Promise<Customer | CustomerRef> {
  return CUSTOMER_ACCOUNT.allows(ctx.principal, { id }) ? ctx.loaders.customer.load(id) : Promise.resolve({ id });
}

const customerField = <K extends keyof Customer>(key: K) =>
  async (parent: CustomerRef, _args: unknown, ctx: PartyContext): Promise<Customer[K]> =>
    (await ctx.loaders.customer.load(parent.id))[key];

export const resolvers: GraphQLResolverMap<PartyContext> = {
  Date: DateScalar,

  Query: {
    me: (_root: unknown, _args: unknown, ctx: PartyContext): CustomerRef | null => {
      const { role, subject } = ctx.principal;
      // No CRM call here: the id comes from the verified token, so other domains' fields (orders,
      // bills) still answer when the CRM is down; only the CRM-backed fields then fail.
      return role === 'customer' && subject ? { id: subject } : null;
    },

    customer: (_root: unknown, { id }: { id: string }, ctx: PartyContext) => customerFor(ctx, id),

    customers: async (_root: unknown, args: PageArgs, ctx: PartyContext) => {
      const page = toPage(args);
      const { total, customers } = await ctx.crm.customerWindow(page.offset, page.first);
      // The nodes' fields then read from the loader's cache: no second CRM call.
      for (const customer of customers) ctx.loaders.customer.prime(customer.id, customer);
      return toConnection(customers, page, total);
    },

    partner: (_root: unknown, { id }: { id: string }, ctx: PartyContext) => loadOrNull(ctx.loaders.partner, id),
  },

  Customer: {
    // Reached from other subgraphs' data: the same as customer(id), failing this entity alone with NOT_FOUND
    // whether the CRM does not know it or the caller may not see it (a rejected promise, never a throw).
    __resolveReference: (ref: CustomerRef, ctx: PartyContext): Promise<Customer | CustomerRef> => customerFor(ctx, ref.id),
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
