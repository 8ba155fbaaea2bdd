#!/usr/bin/env node
/**
 * `npm run subgraph -- <name> [--port N] [--host H]`: serves one domain subgraph on its own.
 * Needs PASSERELLE_INTERNAL_PUBLIC_KEY_FILE (the gateway's internal-token public key, PEM); the legacy
 * URL comes from the subgraph's own variable (PASSERELLE_CRM_URL, ...). On SIGTERM it answers `/ready` with
 * 503 for PASSERELLE_SHUTDOWN_NOT_READY_MS (5,000 in production, else 0) while still serving, then drains.
 */
import { readFileSync } from 'node:fs';
import { exitWithUsage, orUsageError, parseCommandLine } from '../contracts/lib/cli.ts';
import { offsetPort } from '../contracts/lib/stack-addresses.ts';
import { SUBGRAPHS, SUBGRAPH_NAMES, type SubgraphName } from './registry.ts';
import { startSubgraph } from './runtime/serving/serve.ts';
import { startTracing, tracingOptionsFromEnv } from '../contracts/lib/tracing.ts';

const USAGE = `Usage: npm run subgraph -- <${SUBGRAPH_NAMES.join('|')}> [--port N] [--host H]

Serves one domain subgraph on its own (default: its own port, moved by PASSERELLE_PORT_OFFSET).

  --port N     the port to listen on
  --host H     the address to listen on (default 127.0.0.1; 0.0.0.0 in a container), or PASSERELLE_SUBGRAPH_HOST
  -h, --help   this text
Environment: PASSERELLE_INTERNAL_PUBLIC_KEY_FILE (required: the gateway's internal-token public key, PEM),
the subgraph's legacy URL (PASSERELLE_CRM_URL, ...), PASSERELLE_<SYSTEM>_RESILIENCE, PASSERELLE_SHUTDOWN_NOT_READY_MS,
PASSERELLE_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT (an OTLP/HTTP collector for traces; off when unset).`;

const { values, positionals } = parseCommandLine({ usage: USAGE, options: { port: { type: 'string' }, host: { type: 'string' } }, allowPositionals: true });
const name = positionals[0] as SubgraphName | undefined;
if (!name || !SUBGRAPH_NAMES.includes(name)) exitWithUsage(USAGE, name ? `unknown subgraph "${name}".` : 'which subgraph?');
const keyFile = process.env['PASSERELLE_INTERNAL_PUBLIC_KEY_FILE'];
if (!keyFile) exitWithUsage(USAGE, 'PASSERELLE_INTERNAL_PUBLIC_KEY_FILE must name the gateway\'s internal-token public key (PEM).');
const entry = SUBGRAPHS[name];
// Before the subgraph: its spans are hooked in only when the process traces.
const tracing = await startTracing(tracingOptionsFromEnv(`passerelle-subgraph-${name}`));
const running = await startSubgraph(entry.build(process.env), {
  port: Number(values.port ?? orUsageError(USAGE, () => offsetPort(entry.defaultPort))),
  host: values.host ?? process.env['PASSERELLE_SUBGRAPH_HOST'] ?? '127.0.0.1',
  internalTokenPublicKey: readFileSync(keyFile, 'utf8'),
  // On SIGTERM, /ready says 503 this long before the drain, so that load balancers stop sending first.
  notReadyMs: Number(process.env['PASSERELLE_SHUTDOWN_NOT_READY_MS'] ?? (process.env['NODE_ENV'] === 'production' ? 5_000 : 0)),
});
console.log(`Subgraph ${name} at ${running.url}`);
const stop = () => { running.stop().then(() => tracing.shutdown()).then(() => process.exit(0)); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
