/**
 * Who a store is. A store gets a random id and a generation with its first record; the registry keeps
 * the last state it saw (registry-state.ts) and refuses a store that is empty, older than it, or another
 * one (store-guard.ts), so that a Redis that restarted empty, or a restored snapshot, can never silently
 * replace the graph gateways serve. A store created after an administrator accepted losing the previous
 * one names it (`previous`) and takes the next generation: registries that saw the previous store follow
 * the new one without their own confirmation.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

export const storeIdentitySchema = z.object({
  id: z.string().min(1),
  generation: z.number().int().positive(),
  createdAt: z.string(),
  previous: z.object({ id: z.string(), supergraphVersion: z.number().int().nonnegative() }).optional(),
});

export type StoreIdentity = z.infer<typeof storeIdentitySchema>;

export function newStoreIdentity(previous?: { id: string; generation: number; supergraphVersion: number }): StoreIdentity {
  return {
    id: randomBytes(12).toString('hex'),
    generation: previous ? previous.generation + 1 : 1,
    createdAt: new Date().toISOString(),
    ...(previous ? { previous: { id: previous.id, supergraphVersion: previous.supergraphVersion } } : {}),
  };
}
