/** Small HTTP helpers for tests: GraphQL over POST, JSON bodies typed loosely on purpose. */
export interface GraphQLResponse {
  status: number;
  headers: Headers;
  // Test assertions navigate arbitrary response shapes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = JSON.parse(text); } catch { /* keep the text */ }
  return { status: res.status, headers: res.headers, body: parsed };
}
