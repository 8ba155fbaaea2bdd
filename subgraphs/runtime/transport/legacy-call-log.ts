/**
 * One log line per legacy call attempt (REST or SOAP), from the legacy-call channel: which system and
 * route, how it ended (status, coded error), how long it took and which attempt it was (a retry is
 * attempt 2, 3...). Never the URL's identifiers, the headers or the bodies: routes are already free of
 * identifiers (routeOf), and the rest is not read. A failed attempt is a warning, the others info.
 */
import { isSpanContextValid, trace } from '@opentelemetry/api';
import { createLogger, type Logger } from '../../../contracts/lib/logger.ts';
import { legacyCallChannel, type LegacyCallContext } from './legacy-call-channel.ts';

export function legacyCallLine(context: LegacyCallContext): Record<string, unknown> {
  const span = trace.getActiveSpan()?.spanContext();
  const line: Record<string, unknown> = {
    kind: 'legacy-call',
    system: context.system,
    protocol: context.protocol,
    route: context.route,
    attempt: context.attempt,
    status: context.status,
    durationMs: context.durationMs === undefined ? undefined : Math.round(context.durationMs * 10) / 10,
    errorCode: context.errorCode,
    traceId: span && isSpanContextValid(span) ? span.traceId : undefined,
  };
  for (const key of Object.keys(line)) if (line[key] === undefined) delete line[key];
  return line;
}

/** Subscribes `log` to the channel; returns the unsubscription. */
export function subscribeLegacyCallLog(log: Logger): () => void {
  const write = (context: LegacyCallContext) => {
    const line = legacyCallLine(context);
    const message = `${context.system} ${context.route} ${context.status ?? context.errorCode ?? '-'} ${line['durationMs'] ?? '-'} ms (attempt ${context.attempt})`;
    if (context.errorCode) log.warn(line, message);
    else log.info(line, message);
  };
  const subscribers = {
    start: () => {}, end: () => {}, asyncStart: () => {},
    // A rejected attempt reaches asyncEnd too (after error): one line either way.
    error: () => {},
    asyncEnd: write,
  };
  legacyCallChannel.subscribe(subscribers);
  return () => { legacyCallChannel.unsubscribe(subscribers); };
}

let installed: { subgraphs: number; remove: () => void } | null = null;

/**
 * The process's legacy-call log, installed by each subgraph as it starts (several share a process in
 * `npm start`): subscribed once, however many subgraphs run, until the last one stops.
 */
export function installLegacyCallLog(): () => void {
  installed ??= { subgraphs: 0, remove: subscribeLegacyCallLog(createLogger('legacy')) };
  installed.subgraphs += 1;
  let released = false;
  return () => {
    if (released || !installed) return;
    released = true;
    installed.subgraphs -= 1;
    if (installed.subgraphs === 0) { installed.remove(); installed = null; }
  };
}
