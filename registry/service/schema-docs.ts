/**
 * The schema documentation of the current supergraph (GET /docs), regenerated when a publish makes a new
 * supergraph and kept by its hash: a registry sharing a Redis store with others notices a supergraph it
 * did not publish at the next request, by its hash, and renders it then.
 */
import type { RegistryStore } from '../store/registry-store.ts';
import type { SupergraphVersion } from '../types.ts';

export type DocsRenderer = (supergraphSdl: string) => { markdown: string };

export class SchemaDocs {
  private rendered: { hash: string; version: number; markdown: string } | null = null;
  /** Why the last rendering failed, if it did: docs never fail a publish, but /docs says so. */
  lastError: string | null = null;

  constructor(private readonly store: RegistryStore, private readonly render: DocsRenderer) {}

  /** Called on every new supergraph: regenerates at once, so the docs are ready before anyone asks. */
  regenerate(supergraph: SupergraphVersion): void {
    try {
      this.rendered = { hash: supergraph.hash, version: supergraph.version, markdown: this.render(supergraph.sdl).markdown };
      this.lastError = null;
    } catch (error) {
      this.lastError = (error as Error).message;
    }
  }

  /** The docs of the current supergraph, or null before the first publish. */
  async current(): Promise<{ version: number; hash: string; markdown: string } | null> {
    const supergraph = await this.store.currentSupergraph();
    if (!supergraph) return null;
    if (this.rendered?.hash !== supergraph.hash) this.regenerate(supergraph);
    return this.rendered?.hash === supergraph.hash ? this.rendered : null;
  }
}
