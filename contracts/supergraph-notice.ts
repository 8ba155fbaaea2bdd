/**
 * How the schema registry tells gateways that a new supergraph exists: a SupergraphNotice (JSON)
 * PUBLISHed on the Redis channel SUPERGRAPH_CHANNEL. Gateways that follow the registry subscribe to it
 * and then fetch the supergraph over the registry's HTTP API.
 */

/** Published on Redis channel SUPERGRAPH_CHANNEL when a new supergraph exists. */
export interface SupergraphNotice { version: number; hash: string }
export const SUPERGRAPH_CHANNEL = 'passerelle:registry:supergraph';

/**
 * Sent by a gateway on every poll of GET /supergraph: the supergraph version it serves. The registry shows
 * a newer version as "published, waiting for deployment" until a gateway serves it (gateways swap only once
 * every changed subgraph really serves its published schema, which only they can ask: see the gateway's
 * supergraph/served-schema-probe.ts).
 */
export const SERVED_SUPERGRAPH_HEADER = 'passerelle-served-supergraph';

/** The published schema and routing URL of each subgraph of a supergraph, as GET /supergraph returns them. */
export type SubgraphSchemas = Record<string, { routingUrl: string; sdl: string }>;
