// Why plain JavaScript: a worker thread does not inherit tsx's loader (neither from `tsx main.ts` nor from
// vitest), so this file registers tsx in the worker when the entry named in workerData is TypeScript, and
// then loads it. The compiled registry (dist/) hands it check-worker.js: plain node, no tsx (a devDependency).
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
