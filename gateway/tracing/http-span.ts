/**
 * The gateway's server span: one per GraphQL request, continuing the client's W3C `traceparent`
 * (contracts/lib/trace-http.ts), with the request run in its context. Nothing at all while tracing is off.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { traceHttpRequest } from '../../contracts/lib/trace-http.ts';
import { tracerOf } from '../../contracts/lib/tracing.ts';

/** The instrumentation scope of every span the gateway itself starts. */
export const gatewayTracer = tracerOf('passerelle-gateway');

export const traceGraphQLRequest = (req: IncomingMessage, res: ServerResponse, handle: () => Promise<void>): Promise<void> =>
  traceHttpRequest(gatewayTracer, req, res, {}, handle);
