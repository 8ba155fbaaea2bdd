/**
 * The compiled build (issue 11): `npm run build` produces dist/, and the product runs from it with plain
 * node (no tsx, cwd outside the repository), as its bin entries would. The gateway serves the real
 * subgraphs over the committed supergraph copied into dist/, with a real token, the registered clients and
 * the persisted-query manifests read from dist/clients/ (and its start-up is measured, compiled vs tsx);
 * the registry seeds itself from dist/ and runs a schema check in its worker thread, without tsx.
 * One file on purpose: the build empties dist/ first, so two files building at once would clash.
 */
import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestFilesOf } from '../../contracts/manifest-files.ts';
import { binEntries, build, DIST, ROOT } from '../../dev/build/build.ts';
import { getDataset } from '../../dev/legacy/common/dataset.ts';
import { startBackends, type Backends } from '../../dev/stack/backends.ts';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.ts';
import { postJson } from '../support/http.ts';
import { customerWith } from './harness.ts';

const RUNS = 3;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

beforeAll(() => { build(); }, 180_000);

describe('dist/', () => {
  it('imports only files of dist/ and production dependencies (what `npm ci --omit=dev` installs): no tsx, no dev/', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const imported = new Set<string>();
    const missing: string[] = [];
    for (const entry of readdirSync(DIST, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.m?js$/.test(entry.name)) continue;
      const code = readFileSync(join(entry.parentPath, entry.name), 'utf8');
      for (const [, from, bare] of code.matchAll(/^(?:import|export)\b[^;'`]*?\bfrom\s*'([^']+)'|^import\s*'([^']+)'/gm)) {
        const spec = (from ?? bare) as string;
        if (spec.startsWith('.')) { if (!existsSync(join(entry.parentPath, spec))) missing.push(`${entry.name} -> ${spec}`); }
        else if (!spec.startsWith('node:')) imported.add(/^(@[^/]+\/[^/]+|[^/]+)/.exec(spec)?.[1] as string);
      }
    }
    expect(missing).toEqual([]);
    expect(imported).toContain('graphql');
    expect([...imported].filter((name) => !(name in pkg.dependencies))).toEqual([]);
  });
});

describe('the compiled gateway (npm run build, then plain node)', () => {
  let backends: Backends;
  let work: string;
  let args: string[];
  let env: NodeJS.ProcessEnv;
  const started: GatewayProcess[] = [];

  beforeAll(async () => {
    backends = await startBackends({ ports: 'random', legacyTimeoutMs: 1_000 });
    work = mkdtempSync(join(tmpdir(), 'passerelle-compiled-'));
    writeFileSync(join(work, 'internal.pem'), backends.internalKeys.privateKeyPem);
    // Every file the gateway reads comes from dist/: the supergraph, the clients and their manifests.
    writeFileSync(join(work, 'gateway.json'), JSON.stringify({
      clients: JSON.parse(readFileSync(join(DIST, 'clients/clients.json'), 'utf8')),
      persistedOperations: { manifests: manifestFilesOf(join(DIST, 'clients')) },
    }));
    args = [
      '--supergraph', join(DIST, 'schema/supergraph.graphql'), '--port', '0', '--config', join(work, 'gateway.json'),
      ...Object.values(backends.subgraphs).flatMap((s) => ['--subgraph-url', `${s.name}=${s.url}`]),
    ];
    const { NODE_OPTIONS: _loaders, ...rest } = process.env;
    env = {
      ...rest, NODE_ENV: 'test', APOLLO_TELEMETRY_DISABLED: 'true',
      PASSERELLE_INTERNAL_KEY_FILE: join(work, 'internal.pem'),
      PASSERELLE_JWKS_URL: backends.idp.jwksUrl, PASSERELLE_JWT_ISSUER: backends.idp.issuer, PASSERELLE_JWT_AUDIENCE: backends.idp.audience,
    };
  }, 60_000);
  afterAll(async () => {
    await Promise.all(started.map((g) => g.stop()));
    await backends?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const compiled = async () => {
    const gateway = await startGatewayProcess([join(ROOT, binEntries()['passerelle-gateway'] as string), ...args], { env, cwd: work });
    started.push(gateway);
    return gateway;
  };

  it('has bin entries in dist/ that run as executables (node shebang) and load all their modules', () => {
    for (const [name, path] of Object.entries(binEntries())) {
      expect(readFileSync(join(ROOT, path), 'utf8').split('\n')[0], name).toBe('#!/usr/bin/env node');
      // Imports load before the arguments are read: an answer about --help means every module was found.
      const run = spawnSync(join(ROOT, path), ['--help'], { env, cwd: work, timeout: 30_000, encoding: 'utf8' });
      expect(run.error, name).toBeUndefined();
      expect(`${run.stdout}${run.stderr}`, name).toMatch(/Unknown option '--help'|^usage:/im);
    }
  });

  it('answers a customer\'s account home with data from every subgraph behind it, and drains on SIGTERM', async () => {
    const gateway = await compiled();
    const customer = customerWith(getDataset(), { orders: 3, openBills: true });
    const token = await backends.idp.tokenFor(`customer:${customer.id}`, { client: 'passerelle-mobile' });
    const query = readFileSync(join(DIST, 'clients/mobile/operations/AccountHome.graphql'), 'utf8');
    const res = await postJson(gateway.url, { query }, { authorization: `Bearer ${token}`, 'apollographql-client-name': 'passerelle-mobile', 'apollographql-client-version': '2.1.0' });
    expect(res.body.errors).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.body.data.me.id).toBe(String(customer.id));
    expect(res.body.data.me.orders.totalCount).toBe(3);
    expect(res.body.data.me.orders.nodes[0].items[0].productOffering.name).toEqual(expect.any(String));
    expect(res.body.data.me.unpaidBills.totalCount).toBeGreaterThan(0);
    // A persisted operation by its id, from the manifest in dist/clients/.
    const manifest = JSON.parse(readFileSync(join(DIST, 'clients/mobile/persisted-query-manifest.json'), 'utf8'));
    const op = manifest.operations.find((o: { name: string }) => o.name === 'AccountHome');
    const persisted = await postJson(gateway.url, { extensions: { persistedQuery: { version: 1, sha256Hash: op.id } } },
      { authorization: `Bearer ${token}`, 'apollographql-client-name': 'passerelle-mobile', 'apollographql-client-version': '2.1.0' });
    expect(persisted.body.data).toEqual(res.body.data);
    expect(await gateway.stop()).toBe(0);
  });

  it('loads one graphql under plain node: import and require resolve the same CommonJS build', () => {
    // graphql 16 has no "exports" map: node resolves its "main" (CJS) for `import` as for Apollo's
    // `require`. Should a graphql release split the two, this fails before "another module or realm" does.
    const script = "import { createRequire } from 'node:module'; import { pathToFileURL } from 'node:url';" +
      "const r = createRequire(import.meta.url); console.log(import.meta.resolve('graphql') === pathToFileURL(r.resolve('graphql')).href);";
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: join(DIST, 'gateway'), env, encoding: 'utf8' });
    expect(out.trim()).toBe('true');
  });

  it('starts (spawn to first healthy /health) compiled and through tsx: measured', async () => {
    const times = { compiled: [] as number[], tsx: [] as number[] };
    for (let i = 0; i < RUNS; i += 1) {
      const c = await compiled();
      times.compiled.push(c.startupMs);
      await c.stop();
      const t = await startGatewayProcess(['--import', 'tsx', join(ROOT, 'gateway/main.ts'), ...args], { env, cwd: ROOT });
      started.push(t);
      times.tsx.push(t.startupMs);
      await t.stop();
    }
    const fmt = (xs: number[]) => `${xs.map((x) => x.toFixed(0)).join(', ')} ms (median ${median(xs).toFixed(0)})`;
    console.log(`gateway start-up, spawn to first healthy answer:\n  compiled: ${fmt(times.compiled)}\n  tsx:      ${fmt(times.tsx)}`);
    expect(times.compiled).toHaveLength(RUNS);
    expect(times.tsx).toHaveLength(RUNS);
  }, 180_000);
});

describe('the compiled registry and schema CLI (plain node)', () => {
  it('seeds from dist/ and checks a schema change in its worker thread, without tsx', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-compiled-registry-'));
    const { NODE_OPTIONS: _loaders, ...env } = process.env;
    const registry = spawn(join(ROOT, binEntries()['passerelle-registry'] as string), ['--port', '0', '--dir', join(dir, 'store'), '--dev'],
      { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let output = '';
      registry.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
      const url = await new Promise<string>((resolve, reject) => {
        registry.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /Schema registry at (http:\/\/\S+)[\s\S]*Ready in/.exec(output);
          if (match) resolve(match[1] as string);
        });
        registry.once('exit', (code) => reject(new Error(`registry exited early (${code}): ${output}`)));
      });
      expect(output).toMatch(/seed {2}catalog: published v1/);
      const candidate = join(dir, 'catalog.graphql');
      writeFileSync(candidate, `${readFileSync(join(DIST, 'subgraphs/catalog/schema.graphql'), 'utf8')}\nextend type Query { "A probe." compiledProbe: String }\n`);
      const check = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        execFile(join(ROOT, binEntries()['passerelle-schema'] as string), ['check', '--subgraph', 'catalog', '--file', candidate], {
          cwd: dir, timeout: 60_000,
          env: { ...env, PASSERELLE_REGISTRY_URL: url, PASSERELLE_REGISTRY_TOKEN: 'dev-catalog.passerelle-dev-dev-catalog' },
        }, (error, stdout) => resolve({ code: error ? (error.code as number) : 0, stdout }));
      });
      expect(check.stdout).toContain('+ Query.compiledProbe');
      expect(check.stdout).toContain('Composition: ok');
      expect(check.code).toBe(0);
    } finally {
      const exited = once(registry, 'exit');
      registry.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
