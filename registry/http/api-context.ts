/** What the API's routes share: the service, its store, the docs, the client registrations, the limits. */
import type { RegistryService } from '../service/registry-service.ts';
import type { SchemaDocs } from '../service/schema-docs.ts';
import type { RegistryStore } from '../store/registry-store.ts';
import type { UsageStore } from '../../contracts/usage/usage-report.ts';

export interface ApiContext {
  service: RegistryService;
  store: RegistryStore;
  docs: SchemaDocs;
  /** Registered clients' channels (clients/clients.json), by client name. */
  clientChannels: Readonly<Record<string, string>>;
  maxBodyBytes: number;
  /** Development: the docs page is public to a browser on loopback (http/local-browser.ts). */
  publicDocsOnLoopback?: boolean;
  /** The usage KPIs the gateways record (routes-usage.ts); null: none configured. */
  usage?: UsageStore | null;
  /** Injectable clock of the usage routes (tests). */
  now?: () => number;
}

export const REGISTRY_HTTP_DEFAULTS = Object.freeze({ maxBodyBytes: 2 * 1024 * 1024, shutdownGraceMs: 5_000 });
