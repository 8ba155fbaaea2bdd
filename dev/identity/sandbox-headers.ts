/**
 * The headers a developer pastes into Sandbox's Headers panel: the bearer token and the client it was
 * issued to (its `azp`), as apollographql-client-name / -version. One function, so that `npm start`'s
 * banner and `npm run token -- --header` print exactly the same thing (a token's client and the declared
 * client must agree, or the gateway refuses the request).
 */

/** A version every registered client accepts (clients/clients.json). */
export const DEMO_CLIENT_VERSION = '1.0.0';

/** The client a token was issued to (its `azp` claim), read without verifying: the gateway verifies. */
export function issuedTo(accessToken: string): string | undefined {
  try {
    return (JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString()) as { azp?: string }).azp;
  } catch {
    return undefined;
  }
}

export function sandboxHeaders(accessToken: string): Record<string, string> {
  const client = issuedTo(accessToken);
  return {
    Authorization: `Bearer ${accessToken}`,
    ...(client ? { 'apollographql-client-name': client, 'apollographql-client-version': DEMO_CLIENT_VERSION } : {}),
  };
}

/** One line of JSON, `{"Authorization": "Bearer ...", ...}`, as pasted into Sandbox. */
export const sandboxHeadersLine = (accessToken: string): string =>
  `{${Object.entries(sandboxHeaders(accessToken)).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')}}`;
