// Why plain JavaScript: a worker thread does not inherit tsx's loader (neither from `tsx main.ts` nor from
// vitest), so this file registers tsx in the worker and then loads the TypeScript entry named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
