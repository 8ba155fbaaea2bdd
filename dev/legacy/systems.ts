/** The legacy stand-ins, by system name, with their default ports. */
import type { StandInHandle, StartOptions } from './common/stand-in.ts';
import type { DatasetOptions } from './common/dataset.ts';
import { startBilling } from './billing/server.ts';
import { startCatalogue } from './catalogue/server.ts';
import { startCrm } from './crm/server.ts';
import { startErp } from './erp/server.ts';
import { startOms } from './oms/server.ts';
import type { LegacySystem } from '../../subgraphs/registry.ts';

export type StandInStarter = (options?: StartOptions & { dataset?: Partial<DatasetOptions> }) => Promise<StandInHandle>;

export const LEGACY_SYSTEMS: Readonly<Record<LegacySystem, { start: StandInStarter; defaultPort: number }>> = Object.freeze({
  crm: { start: startCrm, defaultPort: 5001 },
  catalogue: { start: startCatalogue, defaultPort: 5002 },
  oms: { start: startOms, defaultPort: 5003 },
  billing: { start: startBilling, defaultPort: 5004 },
  erp: { start: startErp, defaultPort: 5005 },
});
