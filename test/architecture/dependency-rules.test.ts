/**
 * The layout rules of .dependency-cruiser.cjs hold on the real tree, and fail when they should: a
 * probe module written for the test into gateway/ that imports the subgraph runtime is reported.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEPCRUISE = fileURLToPath(new URL('../../node_modules/dependency-cruiser/bin/dependency-cruise.mjs', import.meta.url));

function cruise(...paths: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [DEPCRUISE, '--config', '.dependency-cruiser.cjs', '--output-type', 'err', ...paths], { cwd: ROOT, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }));
  });
}

describe('dependency rules', () => {
  it('hold on the real tree', async () => {
    const { code, output } = await cruise('contracts', 'gateway', 'subgraphs', 'registry', 'schema', 'clients', 'dev', 'test');
    expect(output).toContain('no dependency violations found');
    expect(code).toBe(0);
  });

  it('refuse a gateway module importing a subgraph, dev/ or test/', async () => {
    const dir = `gateway/dependency-probe-${randomUUID()}`;
    mkdirSync(join(ROOT, dir), { recursive: true });
    try {
      writeFileSync(join(ROOT, dir, 'probe.ts'), [
        "import { startSubgraph } from '../../subgraphs/runtime/serving/serve.ts';",
        "import { startStack } from '../../dev/stack/stack.ts';",
        'export const probe = [startSubgraph, startStack];',
        '',
      ].join('\n'));
      const { code, output } = await cruise(dir);
      expect(code).not.toBe(0);
      expect(output).toContain('no-gateway-to-other-deployable');
      expect(output).toContain('product-not-to-dev-or-test');
    } finally {
      rmSync(join(ROOT, dir), { recursive: true, force: true });
    }
  });
});
