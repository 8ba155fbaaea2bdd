import { describe, expect, it } from 'vitest';
import { GATEWAY_DEFAULTS, loadGatewayConfig } from '../config.ts';
import { startAdminServer } from './admin-server.ts';

describe('the admin listener', () => {
  it('is configured on loopback, on its own port (ephemeral when the public port is)', () => {
    expect(loadGatewayConfig({ supergraphFile: 'x' }).admin).toEqual({ host: '127.0.0.1', port: GATEWAY_DEFAULTS.adminPort });
    expect(loadGatewayConfig({ supergraphFile: 'x', port: 0 }).admin).toEqual({ host: '127.0.0.1', port: 0 });
    expect(loadGatewayConfig({ supergraphFile: 'x', port: 0, admin: { port: 9400, host: '::1' } }).admin).toEqual({ host: '::1', port: 9400 });
    expect(() => loadGatewayConfig({ supergraphFile: 'x', port: 4500, admin: { port: 4500 } })).toThrow(/admin\.port/);
    expect(() => loadGatewayConfig({ supergraphFile: 'x', admin: { prot: 1 } as never })).toThrow(/prot/);
  });

  it('answers readiness with its details, its routes, and a coded 404 or 500 otherwise', async () => {
    let ready = false;
    const admin = await startAdminServer({
      host: '127.0.0.1', port: 0, shutdownGraceMs: 1_000,
      readiness: () => ({ ready, schemaHash: ready ? 'abc' : null, lastError: ready ? null : 'registry down' }),
      routes: {
        'GET /metrics': async (_req, res) => { res.end('m 1\n'); },
        'GET /broken': async () => { throw new Error('at /srv/secret.js:1'); },
      },
    });
    try {
      const notReady = await fetch(`${admin.url}/ready`);
      expect([notReady.status, await notReady.json()]).toEqual([503, { ready: false, schemaHash: null, lastError: 'registry down' }]);
      ready = true;
      expect(await (await fetch(`${admin.url}/ready`)).json()).toEqual({ ready: true, schemaHash: 'abc', lastError: null });
      expect(await (await fetch(`${admin.url}/metrics`)).text()).toBe('m 1\n');
      const broken = await fetch(`${admin.url}/broken`);
      expect([broken.status, await broken.json()]).toEqual([500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }]);
      for (const [method, path] of [['GET', '/nope'], ['POST', '/metrics'], ['GET', '/constructor']]) {
        const res = await fetch(`${admin.url}${path}`, { method });
        expect([res.status, ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code], `${method} ${path}`).toEqual([404, 'NOT_FOUND']);
      }
    } finally {
      await admin.close();
    }
  });
});
