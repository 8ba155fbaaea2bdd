/**
 * Where the running services are, for every CLI (issue 11): a helper command must find the stack that
 * `npm start` runs, on whatever ports (PASSERELLE_PORT_OFFSET). One resolution, in this order:
 *   1. the explicit flag or environment variable of the service (e.g. --idp / PASSERELLE_IDP_URL);
 *   2. the stack file `npm start` writes (.passerelle/stack.json, or PASSERELLE_STACK_FILE), when the
 *      process that wrote it is still alive;
 *   3. the documented default port, shifted by PASSERELLE_PORT_OFFSET.
 * Only dev/stack writes the file; product CLIs read it, so the format lives here in contracts/.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The documented default ports; a second stack moves all of them by PASSERELLE_PORT_OFFSET. */
export const DEFAULT_PORTS = Object.freeze({ gateway: 4000, identity: 4100, registry: 4200, gatewayAdmin: 4300 });
export type StackService = keyof typeof DEFAULT_PORTS;

/** What `npm start` writes while it runs (removed on a clean exit). */
export interface StackFile {
  pid: number;
  startedAt: string;
  portOffset: number;
  gateway: { url: string; adminUrl: string };
  identity: { url: string };
  registry: { url: string; docsUrl: string } | null;
  subgraphs: Record<string, string>;
  legacy: Record<string, string>;
}

export const DEFAULT_STACK_FILE = fileURLToPath(new URL('../../.passerelle/stack.json', import.meta.url));
export const stackFilePath = (env: NodeJS.ProcessEnv = process.env): string => env['PASSERELLE_STACK_FILE'] || DEFAULT_STACK_FILE;

/** PASSERELLE_PORT_OFFSET as a number (0 when unset); an error naming the variable when it is not valid. */
export function portOffset(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['PASSERELLE_PORT_OFFSET'] ?? '';
  const offset = raw === '' ? 0 : Number(raw);
  if (!Number.isInteger(offset) || offset < 0 || offset > 50_000) throw new Error('PASSERELLE_PORT_OFFSET must be an integer between 0 and 50000.');
  return offset;
}

/** A default port moved by PASSERELLE_PORT_OFFSET. */
export const offsetPort = (port: number, env: NodeJS.ProcessEnv = process.env): number => port + portOffset(env);

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (error) { return (error as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** The running stack's addresses, or null when there is no file, it is unreadable or its process is gone. */
export function readRunningStack(env: NodeJS.ProcessEnv = process.env): StackFile | null {
  try {
    const stack = JSON.parse(readFileSync(stackFilePath(env), 'utf8')) as StackFile;
    return Number.isInteger(stack.pid) && alive(stack.pid) ? stack : null;
  } catch {
    return null;
  }
}

const ENV_VARS: Record<StackService, string> = {
  gateway: 'PASSERELLE_GATEWAY_URL', identity: 'PASSERELLE_IDP_URL', registry: 'PASSERELLE_REGISTRY_URL', gatewayAdmin: 'PASSERELLE_GATEWAY_ADMIN_URL',
};
const fromStack = (stack: StackFile, service: StackService): string | undefined => ({
  gateway: stack.gateway.url.replace(/\/graphql$/, ''), gatewayAdmin: stack.gateway.adminUrl, identity: stack.identity.url, registry: stack.registry?.url,
})[service];

/** The base URL of a service (no trailing slash): flag > its environment variable > live stack file > default + offset. */
export function serviceUrl(service: StackService, flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  const explicit = flag ?? env[ENV_VARS[service]];
  if (explicit) return explicit.replace(/\/$/, '');
  const running = readRunningStack(env);
  const found = running ? fromStack(running, service) : undefined;
  return found ?? `http://127.0.0.1:${offsetPort(DEFAULT_PORTS[service], env)}`;
}
