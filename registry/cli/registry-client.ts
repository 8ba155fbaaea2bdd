/**
 * The CLI's HTTP client for the registry API. Maps answers to exit codes: 401/403 and network failures
 * and 5xx are "unreachable/unauthenticated" (3), 400/404 are usage errors (2); a 409 (a check refused a
 * publish) is returned to the command, which prints the report and exits 1. A schema refused for its size
 * or for overrunning the check budget is refused too (1), whatever its HTTP status.
 */
import { CliError, EXIT } from './exit-codes.ts';

export interface ClientOptions { registry: string; token: string | undefined }
export interface Answer { status: number; body: unknown; text: string; headers: Headers }

const REQUEST_TIMEOUT_MS = 60_000;

/** Codes that refuse the schema itself: exit 1, like a failed check. */
const SCHEMA_REFUSALS = new Set(['SCHEMA_TOO_LARGE', 'CHECK_TIMEOUT', 'APPROVAL_REQUIRED']);
const codeOf = (body: unknown): string | undefined =>
  (body as { errors?: { extensions?: { code?: string } }[] } | null)?.errors?.[0]?.extensions?.code;

const messageOf = (body: unknown): string =>
  (body as { errors?: { message?: string }[] } | null)?.errors?.map((e) => e.message).join(' ') ?? '';

export async function call(options: ClientOptions, method: string, path: string, body?: unknown, accept409 = false): Promise<Answer> {
  if (!options.token) throw new CliError(EXIT.unreachable, 'No registry credential: set PASSERELLE_REGISTRY_TOKEN (or --token).');
  let response: Response;
  try {
    response = await fetch(new URL(path, options.registry), {
      method,
      headers: { authorization: `Bearer ${options.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    throw new CliError(EXIT.unreachable, `Cannot reach the registry at ${options.registry}.`);
  }
  const text = await response.text();
  let parsed: unknown = null;
  try { parsed = text ? JSON.parse(text) : null; } catch { parsed = null; }
  const answer = { status: response.status, body: parsed, text, headers: response.headers };
  if (response.ok || response.status === 304 || (accept409 && response.status === 409)) return answer;
  const message = messageOf(parsed) || `HTTP ${response.status}`;
  if (SCHEMA_REFUSALS.has(codeOf(parsed) ?? '')) throw new CliError(EXIT.refused, message);
  if (response.status === 429) throw new CliError(EXIT.unreachable, `${message} (Retry-After: ${response.headers.get('retry-after') ?? '?'} s)`);
  if (response.status === 401) throw new CliError(EXIT.unreachable, `The registry refused the credential: ${message}`);
  if (response.status === 403) throw new CliError(EXIT.unreachable, `Not allowed: ${message}`);
  if (response.status >= 500) throw new CliError(EXIT.unreachable, `The registry failed: ${message}`);
  if (response.status === 409) throw new CliError(EXIT.refused, message);
  throw new CliError(EXIT.usage, message);
}
