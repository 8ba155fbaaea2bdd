/**
 * The files the compiled product reads at run time, copied into dist/ at the same relative paths. The code
 * finds them relative to its own module (`new URL('../clients/', import.meta.url)`, `loadSchema(import.meta.url)`),
 * so dist/ must mirror the source tree: subgraphs' schema.graphql, schema/supergraph.{graphql,yaml} (whose
 * schema paths are relative to it), clients/ (clients.json, manifests, operations), the registry's
 * worker-boot.mjs. Rule, not list: every file of the product folders that tsc does not compile, so that a
 * new asset cannot be forgotten; documentation (*.md) and tests stay out.
 */
import { cpSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The folders compiled by tsconfig.build.json (dev/ and test/ stay tsx-only). */
export const PRODUCT_DIRS = ['contracts', 'gateway', 'subgraphs', 'registry', 'schema', 'clients'] as const;

const COMPILED_OR_NOT_SHIPPED = /\.(ts|md)$/;

/** Copies the run-time assets of `root`'s product folders into `outDir`; returns their relative paths. */
export function copyRuntimeAssets(root: string, outDir: string): string[] {
  const copied: string[] = [];
  for (const dir of PRODUCT_DIRS) {
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || COMPILED_OR_NOT_SHIPPED.test(entry.name)) continue;
      const path = relative(root, join(entry.parentPath, entry.name));
      cpSync(join(root, path), join(outDir, path));
      copied.push(path);
    }
  }
  return copied.sort();
}
