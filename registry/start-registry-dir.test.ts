// PASSERELLE_REGISTRY_DIR / --dir may name a folder that does not exist yet (issue 11): the registry
// creates it, with its parents, owner-only (credentials, state and the schema history live there).
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startRegistry } from './start-registry.ts';

describe('startRegistry with a missing directory', () => {
  it('creates it (recursively, mode 0700) and starts', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'passerelle-registry-dir-')), 'not', 'yet', 'there');
    const registry = await startRegistry({ port: 0, dir, seed: 'if-empty', log: () => {} });
    try {
      expect(registry.refusal).toBeNull();
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
      expect((await fetch(`${registry.url}/health`)).status).toBe(200);
    } finally {
      await registry.stop();
    }
  });
});
