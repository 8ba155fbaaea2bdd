/**
 * A subgraph's server span: one per GraphQL request from the gateway, continuing the gateway's
 * `traceparent` (contracts/lib/trace-http.ts), so that the legacy calls it causes are its children.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { traceHttpRequest } from '../../../contracts/lib/trace-http.ts';
import { tracerOf } from '../../../contracts/lib/tracing.ts';

const tracer = tracerOf('passerelle-subgraph');

export const traceSubgraphRequest = (subgraph: string | undefined, req: IncomingMessage, res: ServerResponse, handle: () => Promise<unknown>): Promise<void> =>
  traceHttpRequest(tracer, req, res, subgraph ? { 'passerelle.subgraph': subgraph } : {}, handle);
