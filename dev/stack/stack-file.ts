/**
 * `npm start` tells the helper commands where it runs: it writes its addresses and pid to the stack file
 * (.passerelle/stack.json, or PASSERELLE_STACK_FILE), read by contracts/lib/stack-addresses.ts, and
 * removes it on a clean exit. A file left by a crash names a dead pid and is ignored by the readers.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stackFilePath, type StackFile } from '../../contracts/lib/stack-addresses.ts';
import type { Stack } from './stack.ts';

export function stackFileOf(stack: Stack, portOffset: number, docsUrl: string | null): StackFile {
  return {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    portOffset,
    gateway: { url: stack.gateway.url, adminUrl: stack.gateway.adminUrl },
    identity: { url: stack.idp.issuer },
    registry: stack.registry && docsUrl ? { url: stack.registry.url, docsUrl } : null,
    subgraphs: Object.fromEntries(Object.entries(stack.subgraphs).map(([name, s]) => [name, s.url])),
    legacy: Object.fromEntries(Object.entries(stack.legacy).map(([name, h]) => [name, h.url])),
  };
}

/** Writes the file (owner-only: it says where a developer's services listen); returns its remover. */
export function writeStackFile(content: StackFile, env: NodeJS.ProcessEnv = process.env): { path: string; remove(): void } {
  const path = stackFilePath(env);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  return {
    path,
    remove() {
      // Only our own: a second stack started meanwhile has replaced it with its addresses.
      try {
        if ((JSON.parse(readFileSync(path, 'utf8')) as StackFile).pid === process.pid) rmSync(path, { force: true });
      } catch { /* already gone */ }
    },
  };
}
