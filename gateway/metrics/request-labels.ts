/**
 * The labels a gateway request is counted under, bounded: a label value is a series Prometheus keeps, so
 * none may come freely from a caller. The channel is one of four; the client is a registered one's name or
 * `(unregistered)`; the operation is its name only when the document is one of the caller's channel's
 * persisted-query manifest (the operations registered clients ship), every other document is `(ad hoc)`.
 * A cap on each label's distinct values is the last bound (e.g. an enormous manifest).
 */
import { boundedLabel } from '../../contracts/lib/metrics.ts';
import type { Channel, Principal } from '../../contracts/principal.ts';
import type { ManifestsByChannel } from '../persisted/load-manifests.ts';

export const AD_HOC = '(ad hoc)';
export const UNREGISTERED = '(unregistered)';
export const MAX_LABEL_VALUES = 500;

export interface RequestLabels { channel: Channel; client: string; operation: string }

export function requestLabeller(registeredClients: Readonly<Record<string, unknown>>, manifests: ManifestsByChannel) {
  const bodies = new Map(Object.entries(manifests).map(([channel, operations]) => [channel, new Set(operations.values())]));
  const client = boundedLabel(MAX_LABEL_VALUES);
  const operation = boundedLabel(MAX_LABEL_VALUES);
  return (principal: Principal, document: string | undefined, operationName: string | null | undefined): RequestLabels => {
    const name = principal.client?.name;
    const persisted = document !== undefined && bodies.get(principal.channel)?.has(document) === true;
    return {
      channel: principal.channel,
      client: name !== undefined && Object.hasOwn(registeredClients, name) ? client(name) : UNREGISTERED,
      operation: persisted && operationName ? operation(operationName) : AD_HOC,
    };
  };
}
