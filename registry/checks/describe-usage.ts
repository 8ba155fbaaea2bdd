/** One line per usage finding, the same in check reports, warnings and `npm run schema -- usage` (light: the CLI imports it). */
import type { FieldUsage } from '../../contracts/usage/usage-report.ts';

export const describeUsage = (u: FieldUsage): string =>
  `${u.client} ${u.clientVersion || '(no version)'} ran ${u.operationName ?? '(anonymous)'} [${u.operationHash.slice(0, 12)}] reading ${u.coordinate}: ${u.requests} request(s), last seen ${new Date(u.lastSeen).toISOString()}`;
