/**
 * Whether the latest supergraph is deployed: served by a gateway, which swaps to a version only once every
 * subgraph whose schema changed really serves it (only gateways can ask: subgraphs answer nothing, not even
 * `_service`, without the gateway's signed internal token, whose private key the registry does not hold).
 * Gateways tell the version they serve on every poll (SERVED_SUPERGRAPH_HEADER); until one serves the
 * latest, it is "published, waiting for deployment". Kept in this process: after a restart the first poll
 * of each gateway (every few seconds) tells it again.
 */
import type { RegistryStore } from '../store/registry-store.ts';

export const DEPLOYMENT_STATES = Object.freeze({ deployed: 'deployed', waiting: 'published, waiting for deployment' });

export interface DeploymentStatus {
  supergraph: { version: number; hash: string; createdAt: string } | null;
  /** The highest version a gateway said it serves, and when it last said so; null before any gateway polled. */
  served: { version: number; reportedAt: string } | null;
  state: (typeof DEPLOYMENT_STATES)[keyof typeof DEPLOYMENT_STATES] | 'nothing published';
  /** The subgraphs whose published version gateways do not serve yet (their deployment is awaited). */
  waitingFor: string[];
}

export class DeploymentTracker {
  private served: { version: number; reportedAt: string } | null = null;

  /** A gateway's poll said it serves this version (a header value: ignored unless a version number). */
  observe(header: string | string[] | undefined): void {
    const version = Number(Array.isArray(header) ? header[0] : header);
    if (!Number.isInteger(version) || version < 1) return;
    if (!this.served || version >= this.served.version) this.served = { version, reportedAt: new Date().toISOString() };
  }

  async status(store: RegistryStore): Promise<DeploymentStatus> {
    const current = await store.currentSupergraph();
    if (!current) return { supergraph: null, served: this.served, state: 'nothing published', waitingFor: [] };
    const supergraph = { version: current.version, hash: current.hash, createdAt: current.createdAt };
    if (this.served && this.served.version >= current.version) return { supergraph, served: this.served, state: DEPLOYMENT_STATES.deployed, waitingFor: [] };
    const baseline = this.served ? await store.supergraphVersion(this.served.version) : null;
    const waitingFor = Object.entries(current.subgraphs).filter(([name, v]) => baseline?.subgraphs[name] !== v).map(([name]) => name).sort();
    return { supergraph, served: this.served, state: DEPLOYMENT_STATES.waiting, waitingFor };
  }
}
