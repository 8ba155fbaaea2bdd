/**
 * `npm run build`: the product compiled to dist/, run with plain node (`node dist/gateway/main.js`, or the
 * package's bin entries), without tsx or any devDependency. Starts from an empty dist/ so that no module of
 * a deleted source survives, compiles with `tsc -p tsconfig.build.json`, copies the run-time assets beside
 * the compiled code, and marks the bin entries executable (npm does so only for installed packages).
 * No graphql alias or loader is needed in dist/: graphql 16 has no "exports" map, so plain node resolves its
 * "main" (the CommonJS build) for our `import` as for Apollo's `require`, and both share one graphql (the
 * dual-package hazard, "Cannot use GraphQLSchema from another module or realm", exists only under Vite,
 * which prefers graphql's "module" field: hence vitest.config.ts's alias). test/e2e/compiled-build.test.ts
 * fails first should a graphql release split the two; the fix then is one module that re-exports
 * `createRequire(import.meta.url)('graphql')`, imported everywhere instead of 'graphql'.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyRuntimeAssets } from './runtime-assets.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = join(ROOT, 'dist');

/** The package's bin entries (name: path under dist/). */
export function binEntries(): Record<string, string> {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin ?? {};
}

export function build(): { assets: string[] } {
  rmSync(DIST, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
  const assets = copyRuntimeAssets(ROOT, DIST);
  for (const path of Object.values(binEntries())) chmodSync(join(ROOT, path), 0o755);
  return { assets };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const { assets } = build();
  console.log(`Built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s (${assets.length} run-time assets copied).`);
}
