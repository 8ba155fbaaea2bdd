/**
 * Policies that need only who is calling and through which channel: decided at the gateway and again in
 * the subgraphs. Data policies ("owner only"...) live with the subgraph that owns the data.
 * They may read the principal's role, scopes and channel only: the gateway caches its decisions on those.
 */
import type { ContextPolicy } from './decide.ts';

export const CONTEXT_POLICIES: Readonly<Record<string, ContextPolicy>> = Object.freeze({
  'partner-channel': {
    needs: 'context',
    description: 'Partners through the partner portal, and agents on their desk: trade data never reaches customer channels.',
    allows: (p) => (p.role === 'partner' && p.channel === 'partner') || (p.role === 'agent' && p.channel === 'agent'),
  },
  'staff-channel': {
    needs: 'context',
    description: 'Customer-service agents on the agent desk only.',
    allows: (p) => p.role === 'agent' && p.channel === 'agent',
  },
});
