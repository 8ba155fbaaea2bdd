/**
 * The error-code catalogue: every `extensions.code` the graph can answer with. Clients branch on these
 * codes, never on messages. docs/errors.md lists the same codes; schema/error-codes.test.ts keeps both in sync.
 */
import { GraphQLError } from 'graphql';

/**
 * `status` is the HTTP status when the error fails the whole request (before execution). Errors on
 * fields come back with HTTP 200 beside the data that could be resolved.
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: { status: 401, meaning: 'No valid credentials: the bearer token (or the internal token between gateway and subgraph) is missing where required, malformed, expired or not trusted.' },
  FORBIDDEN: { status: 403, meaning: 'The caller is known but may not see this field or perform this action, whatever the object (a rule on role, channel or scopes, the same for every id); an object the caller may not see answers NOT_FOUND instead.' },
  NOT_FOUND: { status: 404, meaning: 'The requested object does not exist, or the caller may not see it: an object you may not see answers exactly as one that does not exist (same code, message, path, null data and status), so ids cannot be probed.' },
  BAD_USER_INPUT: { status: 400, meaning: 'An argument is invalid (malformed identifier, quantity out of range...); the message says which.' },
  CONFLICT: { status: 409, meaning: 'The request conflicts with the current state, e.g. an idempotency key reused with a different order.' },
  UPSTREAM_UNAVAILABLE: { status: 503, meaning: 'The system of record behind this field is down or overloaded; the rest of the response is still valid.' },
  UPSTREAM_TIMEOUT: { status: 504, meaning: 'The system of record behind this field did not answer in time; the rest of the response is still valid.' },
  UPSTREAM_ERROR: { status: 502, meaning: 'The system of record answered with something unusable (fault, malformed or oversized response).' },
  UPSTREAM_OVERLOADED: { status: 503, meaning: 'Too many calls are already waiting for the system of record behind this field: refused at once rather than queued (its bulkhead is full); the rest of the response is still valid.' },
  DEADLINE_EXCEEDED: { status: 504, meaning: 'The request ran out of its time budget (set per channel at the gateway) before this field could be resolved; the rest of the response is what could be answered in time.' },
  OVERLOADED: { status: 503, meaning: 'The gateway is at its limit (requests in flight or event-loop delay) and refused this request at once rather than queue it; `Retry-After` says when to try again. Nothing was executed.' },
  SUBGRAPH_UNAVAILABLE: { status: 503, meaning: 'A subgraph could not be reached or did not answer in time; the fields it owns are null.' },
  INTERNAL_SERVER_ERROR: { status: 500, meaning: 'An unexpected failure; details are logged on the server, never sent to the client.' },
  GRAPHQL_PARSE_FAILED: { status: 400, meaning: 'The document is not valid GraphQL syntax.' },
  GRAPHQL_VALIDATION_FAILED: { status: 400, meaning: 'The document does not validate against the schema.' },
  BAD_REQUEST: { status: 400, meaning: 'The HTTP request is malformed (no query, bad JSON, unsupported method or content type).' },
  PAYLOAD_TOO_LARGE: { status: 413, meaning: 'The request body, or the document of an automatic persisted query registration, exceeds its configured limit.' },
  RATE_LIMITED: { status: 429, meaning: 'The caller sent more than its allowed rate (e.g. automatic persisted query registrations); `Retry-After` says when to try again.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, meaning: 'The request body is in a charset the gateway does not read: JSON bodies are accepted as UTF-8 only (no charset parameter, or `utf-8`).' },
  SUBSCRIPTIONS_NOT_SUPPORTED: { status: 400, meaning: 'The operation is a subscription: the graph serves queries and mutations over HTTP only, with no subscription transport.' },
  OPERATION_LIMIT_EXCEEDED: { status: 400, meaning: 'The operation exceeds a limit of the calling channel (tokens, nesting, depth, aliases, directives, root fields, expanded selections or cost); the message names the limit and its value.' },
  CLIENT_NOT_ALLOWED: { status: 403, meaning: 'The calling client is not accepted: unregistered or unnamed, a confidential client named without a token issued to it, a client contradicting the token or not serving its role (in production), or a version its registration does not allow.' },
  PERSISTED_QUERY_REQUIRED: { status: 400, meaning: 'The calling channel accepts only persisted operations: send the id of an operation of its manifest, not a document or an automatic persisted query.' },
  // 200, as Apollo Server answers: Apollo clients read these two codes from the body to resend the full document.
  PERSISTED_QUERY_NOT_FOUND: { status: 200, meaning: 'The persisted operation id (or APQ hash) is unknown to the calling channel: send the full document where the channel accepts documents.' },
  PERSISTED_QUERY_NOT_SUPPORTED: { status: 200, meaning: 'The calling channel does not accept automatic persisted queries: send the document alone.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * A field-level error with a catalogued code: the rest of the response stays valid (HTTP 200).
 * The message must be safe to show to any client: no host, port, stack or legacy fault text.
 */
export function codedError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** A request-level error (thrown before execution): Apollo Server answers with the code's HTTP status. */
export function requestError(code: ErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: ERROR_CODES[code].status } } });
}
