/**
 * How the schema registry tells gateways that a new supergraph exists: a SupergraphNotice (JSON)
 * PUBLISHed on the Redis channel SUPERGRAPH_CHANNEL. Gateways that follow the registry subscribe to it
 * and then fetch the supergraph over the registry's HTTP API.
 */

/** Published on Redis channel SUPERGRAPH_CHANNEL when a new supergraph exists. */
export interface SupergraphNotice { version: number; hash: string }
export const SUPERGRAPH_CHANNEL = 'passerelle:registry:supergraph';
