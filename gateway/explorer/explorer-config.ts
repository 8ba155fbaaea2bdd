/**
 * The `explorer` key of the gateway configuration: which in-browser explorers the gateway serves. The
 * offline GraphiQL at `/graphiql` is on in development and off in production unless set explicitly.
 */
import { z } from 'zod';

/** Where the offline explorer's page is served (its files are under `/graphiql/assets/`). */
export const GRAPHIQL_PATH = '/graphiql';

export const explorerConfigSchema = z.strictObject({
  /** GraphiQL at `/graphiql`, served from the gateway itself (no CDN). Absent: on in development only. */
  graphiql: z.boolean().optional(),
}).default({});

/** The resolved setting: explicit when configured, else development only. */
export function graphiqlEnabled(explorer: { graphiql?: boolean | undefined }, production: boolean): boolean {
  return explorer.graphiql ?? !production;
}
