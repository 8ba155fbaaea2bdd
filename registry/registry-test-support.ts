/**
 * Test support: a seeded registry on a random port over a temporary store, with one credential of each
 * kind, and edits of the real catalog schema that fail loudly when they do not apply.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCredential } from './credentials/credentials-file.ts';
import { startRegistry, type RegistryOptions, type RunningRegistry } from './start-registry.ts';

export const CATALOG_SDL = readFileSync(new URL('../subgraphs/catalog/schema.graphql', import.meta.url), 'utf8');
export const BILLING_SDL = readFileSync(new URL('../subgraphs/billing/schema.graphql', import.meta.url), 'utf8');
/** ProductOffering.name: every channel's operations read it, the mobile AccountHome among them. */
export const NAME_FIELD = '  "Commercial name shown to customers (Catalogue `label`)."\n  name: String\n';

export function replacingOnce(sdl: string, from: string, to: string): string {
  if (sdl.split(from).length !== 2) throw new Error(`expected exactly one occurrence of ${JSON.stringify(from)}`);
  return sdl.replace(from, to);
}

/** The catalog schema with a new, described ProductOffering field after `name`. */
export const catalogWithField = (field: string): string =>
  replacingOnce(CATALOG_SDL, NAME_FIELD, `${NAME_FIELD}  "A new field, for tests (Catalogue \`${field}\`)."\n  ${field}: String\n`);

export interface TestRegistry {
  registry: RunningRegistry;
  dir: string;
  tokens: { catalogOwner: string; billingOwner: string; reader: string; admin: string };
  /** fetch against the registry with a token (or none), JSON in and out. */
  api(method: string, path: string, token?: string | null, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  stop(): Promise<void>;
}

export async function startTestRegistry(options: Partial<RegistryOptions> = {}): Promise<TestRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'passerelle-registry-api-'));
  const credentialsFile = join(dir, 'credentials.json');
  const tokens = {
    catalogOwner: (await createCredential(credentialsFile, { role: 'owner', subgraph: 'catalog', id: 'catalog-team' })).token,
    billingOwner: (await createCredential(credentialsFile, { role: 'owner', subgraph: 'billing', id: 'billing-team' })).token,
    reader: (await createCredential(credentialsFile, { role: 'reader', id: 'gateway' })).token,
    admin: (await createCredential(credentialsFile, { role: 'admin', id: 'platform' })).token,
  };
  // The test Redis keeps no AOF: these registries are throw-away.
  const registry = await startRegistry({ port: 0, dir: join(dir, 'store'), credentialsFile, seed: true, log: () => {}, allowVolatileRedis: true, ...options });
  return {
    registry, dir, tokens,
    async api(method, path, token, body, headers = {}) {
      const response = await fetch(`${registry.url}${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try { parsed = JSON.parse(text); } catch { /* markdown, or empty */ }
      return { status: response.status, body: parsed, headers: response.headers };
    },
    async stop() {
      await registry.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
