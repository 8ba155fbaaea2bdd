// One resolution of a service's address for every CLI: flag > environment > a live stack file > the
// default port moved by PASSERELLE_PORT_OFFSET; a stack file whose process is gone is ignored.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GATEWAY_DEFAULTS } from '../../gateway/config.ts';
import { DEFAULT_PORTS, portOffset, readRunningStack, serviceUrl, type StackFile } from './stack-addresses.ts';

const dir = mkdtempSync(join(tmpdir(), 'passerelle-stack-file-'));
const stackFile = (pid: number): StackFile => ({
  pid, startedAt: new Date().toISOString(), portOffset: 7,
  gateway: { url: 'http://127.0.0.1:4007/graphql', adminUrl: 'http://127.0.0.1:4307' },
  identity: { url: 'http://127.0.0.1:4107' }, registry: { url: 'http://127.0.0.1:4207', docsUrl: 'http://127.0.0.1:4207/docs' },
  subgraphs: {}, legacy: {},
});
function envWith(pid: number | null, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const file = join(dir, `stack-${pid}-${Math.random()}.json`);
  if (pid !== null) writeFileSync(file, JSON.stringify(stackFile(pid)));
  return { PASSERELLE_STACK_FILE: file, ...extra };
}
// A pid that existed and is gone: a finished child's.
const deadPid = spawnSync(process.execPath, ['-e', '0']).pid as number;

describe('serviceUrl', () => {
  it('prefers the flag, then the environment variable', () => {
    const env = envWith(process.pid, { PASSERELLE_IDP_URL: 'http://idp.env:1/' });
    expect(serviceUrl('identity', 'http://flag:2', env)).toBe('http://flag:2');
    expect(serviceUrl('identity', undefined, env)).toBe('http://idp.env:1');
  });

  it('then the stack file of a running stack', () => {
    const env = envWith(process.pid, { PASSERELLE_PORT_OFFSET: '50' });
    expect(serviceUrl('identity', undefined, env)).toBe('http://127.0.0.1:4107');
    expect(serviceUrl('registry', undefined, env)).toBe('http://127.0.0.1:4207');
    expect(serviceUrl('gatewayAdmin', undefined, env)).toBe('http://127.0.0.1:4307');
    expect(serviceUrl('gateway', undefined, env)).toBe('http://127.0.0.1:4007');
  });

  it('ignores a stack file whose process is gone, and a missing one: defaults moved by PASSERELLE_PORT_OFFSET', () => {
    expect(readRunningStack(envWith(deadPid))).toBeNull();
    expect(serviceUrl('identity', undefined, envWith(deadPid, { PASSERELLE_PORT_OFFSET: '50' }))).toBe('http://127.0.0.1:4150');
    expect(serviceUrl('registry', undefined, envWith(null))).toBe('http://127.0.0.1:4200');
    expect(serviceUrl('gatewayAdmin', undefined, envWith(null, { PASSERELLE_PORT_OFFSET: '3' }))).toBe('http://127.0.0.1:4303');
  });

  it('falls back on the ports the services themselves default to', () => {
    expect(DEFAULT_PORTS.gatewayAdmin).toBe(GATEWAY_DEFAULTS.adminPort);
    expect(DEFAULT_PORTS.gateway).toBe(GATEWAY_DEFAULTS.port);
  });

  it('refuses an offset that is not a small non-negative integer', () => {
    for (const bad of ['-1', '1.5', 'x', '60000']) expect(() => portOffset({ PASSERELLE_PORT_OFFSET: bad })).toThrow(/PASSERELLE_PORT_OFFSET/);
  });
});
