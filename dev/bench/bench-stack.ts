/**
 * The processes under test: the back ends (one child), two Passerelle gateways that differ only by
 * `cache.responses` (on: in memory, or in Redis under a prefix of this run; off), and the vanilla
 * @apollo/gateway baseline, each in a child of its own so that none steals the others' event loop.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestFilesOf } from '../../contracts/manifest-files.ts';
import type { GatewayConfigInput } from '../../gateway/config.ts';
import { registeredClients } from '../stack/stack.ts';
import { rememberAdminUrl } from './gateway-admin.ts';
import { startChild, type Child } from './processes.ts';

/** The JSON line of backends-main.ts. */
export interface BackendInfo {
  subgraphs: Record<string, string>; legacy: Record<string, string>;
  idp: { issuer: string; jwksUrl: string; audience: string }; internalPrivateKeyPem: string; customerToken: string;
  /** A pool of customers like the demo one, `customerToken` first. */
  customerTokens: string[];
}

export interface BenchStack {
  info: BackendInfo;
  /** The customer of `info.customerToken`. */
  customerId: string;
  passerelle: { cacheOn: string; cacheOff: string };
  vanilla: string;
  purgeSecret: string;
  cacheStore: 'memory' | 'redis';
  /** Writes a config file in this run's temporary directory; returns its path. */
  configFile(name: string, config: unknown): string;
  /** Starts another child, stopped with the others. */
  start(script: string, args: string[]): Promise<string>;
  stop(): Promise<void>;
}

const supergraphFile = new URL('../../schema/supergraph.graphql', import.meta.url).pathname;
const readyUrl = (line: string): string => (/ready at (\S+)/.exec(line) as RegExpExecArray)[1] as string;

export async function startBenchStack(redisUrl: string | undefined, customers: number): Promise<BenchStack> {
  const children: Child[] = [];
  const dir = join(tmpdir(), `passerelle-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  // Gateways first, so that no request is in flight when the back ends go; then the configuration files,
  // which hold the internal signing key and the purge secret.
  const stop = async () => {
    for (const child of [...children].reverse()) await child.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  const configFile = (name: string, config: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(config));
    return path;
  };
  // gateway/main.ts replaces the whole `cache` section when REDIS_URL is set: the children must not see it,
  // or the cache-off instance would cache and neither would have a purge secret.
  const start = async (script: string, args: string[]): Promise<string> => {
    const child = await startChild(new URL(script, import.meta.url).pathname, args, /ready at/, { REDIS_URL: undefined });
    children.push(child);
    const url = readyUrl(child.line);
    rememberAdminUrl(url, child.line);
    return url;
  };
  try {
    const backends = await startChild(new URL('backends-main.ts', import.meta.url).pathname, ['--customers', String(customers)], /^\{/);
    children.push(backends);
    const info = JSON.parse(backends.line) as BackendInfo;
    const customerId = String(JSON.parse(Buffer.from(info.customerToken.split('.')[1] as string, 'base64url').toString()).sub);
    const purgeSecret = randomBytes(24).toString('base64url');
    const passerelleConfig = (responses: boolean): GatewayConfigInput => ({
      supergraphFile, subgraphUrls: info.subgraphs, clients: registeredClients(),
      auth: { issuer: info.idp.issuer, audience: info.idp.audience, jwksUrl: info.idp.jwksUrl },
      internalToken: { privateKeyPem: info.internalPrivateKeyPem },
      // As deployed: the mobile channel runs its manifest's operations only (production posture).
      persistedOperations: { manifests: manifestFilesOf() },
      cache: { ...(redisUrl ? { redisUrl } : {}), keyPrefix: `passerelle:bench:${randomUUID()}:`, responses, purgeSecret },
    });
    const gatewayMain = '../../gateway/main.ts';
    const cacheOn = await start(gatewayMain, ['--config', configFile('passerelle-cache-on.json', passerelleConfig(true)), '--port', '0']);
    const cacheOff = await start(gatewayMain, ['--config', configFile('passerelle-cache-off.json', passerelleConfig(false)), '--port', '0']);
    const vanilla = await start('vanilla-gateway.ts', [configFile('vanilla.json', {
      supergraphFile, subgraphUrls: info.subgraphs, privateKeyPem: info.internalPrivateKeyPem,
    })]);
    return { info, customerId, passerelle: { cacheOn, cacheOff }, vanilla, purgeSecret, cacheStore: redisUrl ? 'redis' : 'memory', configFile, start, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
