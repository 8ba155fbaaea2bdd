/**
 * A DataLoader that records the size of every batch it sends (passerelle_dataloader_batch_size), and
 * otherwise behaves exactly as DataLoader: same batch function, same options. Batch sizes show whether
 * batching works (sizes near 1 under load mean N+1 calls to a legacy system) and how close batches come
 * to a system's limit (maxBatchSize).
 */
import DataLoader from 'dataloader';
import { Histogram } from 'prom-client';

/** Process-wide, like the loaders' subgraph code: each subgraph's registry shows it (subgraph-metrics.ts). */
export const batchSizes = new Histogram({
  name: 'passerelle_dataloader_batch_size', help: 'Keys per DataLoader batch, by subgraph and loader.',
  labelNames: ['subgraph', 'loader'], buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500], registers: [],
});

export class ObservedDataLoader<K, V, C = K> extends DataLoader<K, V, C> {
  /** `subgraph` and `loader` are names written in the code (the label values), never data. */
  constructor(subgraph: string, loader: string, batch: DataLoader.BatchLoadFn<K, V>, options?: DataLoader.Options<K, V, C>) {
    const labels = { subgraph, loader };
    super((keys) => { batchSizes.observe(labels, keys.length); return batch(keys); }, options);
  }
}
