/**
 * The usage-KPI protocol between the gateway (which records what clients really run) and the registry
 * (which checks schema changes against it and reports it): what one aggregated minute holds, and what a
 * reader can be asked. The store behind it (PostgreSQL, or embedded PGlite) implements UsageStore.
 */

/** A client as the gateway identified it (registered name and version), or the unidentified bucket. */
export interface ClientKey { client: string; clientVersion: string }

/** One operation's traffic from one client version during one minute (flushed off the request path). */
export interface UsageMinute extends ClientKey {
  /** Start of the minute, epoch milliseconds. */
  minute: number;
  operationName: string | null;
  /** sha256 of the operation document as run (a persisted id's body, or the document sent). */
  operationHash: string;
  requests: number;
  /** Requests that answered with at least one error. */
  errors: number;
  /** Durations in milliseconds, for averages and percentiles: the sum and a fixed histogram. */
  durationMsSum: number;
  /** Counts per bucket of USAGE_DURATION_BUCKETS_MS (the last counts everything above the largest bound). */
  durationBuckets: number[];
  /** Schema coordinates the operation read ("Type.field"), each with the requests that read it. */
  fields: Record<string, number>;
}

/** Upper bounds (ms) of the duration histogram of UsageMinute. */
export const USAGE_DURATION_BUCKETS_MS = Object.freeze([5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000]);

/** Who used a schema coordinate, and how much, since a moment. */
export interface FieldUsage extends ClientKey {
  coordinate: string;
  operationName: string | null;
  operationHash: string;
  requests: number;
  /** Epoch milliseconds of the last minute it was seen. */
  lastSeen: number;
}

export interface OperationUsage extends ClientKey {
  operationName: string | null;
  operationHash: string;
  requests: number;
  errors: number;
  errorRate: number;
  /** From the histogram: the upper bound of the bucket holding the 95th percentile. */
  p95Ms: number;
  lastSeen: number;
}

export interface UsageQuery { since: number; client?: string }

export interface UsageStore {
  /** Adds minutes (several replicas flush the same minute: their counts add up). */
  record(minutes: readonly UsageMinute[]): Promise<void>;
  operations(query: UsageQuery & { limit?: number }): Promise<OperationUsage[]>;
  fieldUsage(coordinates: readonly string[], query: UsageQuery): Promise<FieldUsage[]>;
  /** Deletes (or rolls up) what is older than the retention; returns rows removed. */
  applyRetention(now?: number): Promise<number>;
  close(): Promise<void>;
}
