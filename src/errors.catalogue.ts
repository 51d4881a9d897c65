/**
 * Every `extensions.code` a client can receive, with its HTTP status and what the client should do.
 * The README's table of codes is checked against this list by a test, and the error boundary maps any
 * other code to INTERNAL_SERVER_ERROR (with an errorId), so this is the whole contract.
 */
export interface ErrorCodeSpec {
  /** HTTP status when the error ends the request (partial errors inside `data` keep 200). */
  status: number;
  /** True when the same request may succeed later unchanged (back off, then retry). */
  retryable: boolean;
  /** What a client should do, in one line (README). */
  advice: string;
}

export const ERROR_CATALOGUE = {
  BAD_USER_INPUT: {
    status: 400,
    retryable: false,
    advice: "Fix the argument or variable named in `extensions.argument` / `extensions.variable`.",
  },
  BAD_REQUEST: {
    status: 400,
    retryable: false,
    advice: "The HTTP request is malformed (JSON body, method, content type); fix the client.",
  },
  GRAPHQL_PARSE_FAILED: {
    status: 400,
    retryable: false,
    advice: "The document is not valid GraphQL syntax.",
  },
  GRAPHQL_VALIDATION_FAILED: {
    status: 400,
    retryable: false,
    advice: "The document does not match the schema (unknown field, wrong type, too deep).",
  },
  OPERATION_RESOLUTION_FAILURE: {
    status: 400,
    retryable: false,
    advice: "Name an operation that is in the document (`operationName`).",
  },
  QUERY_TOO_COMPLEX: {
    status: 400,
    retryable: false,
    advice: "Ask for fewer items (`first`), fewer nested fields or a smaller document.",
  },
  PERSISTED_QUERY_NOT_FOUND: {
    status: 200,
    retryable: true,
    advice: "Automatic persisted queries: send the document text with its hash once.",
  },
  PERSISTED_QUERY_NOT_SUPPORTED: {
    status: 400,
    retryable: false,
    advice: "This server does not take hash-only requests here; send the document text.",
  },
  PERSISTED_QUERY_HASH_MISMATCH: {
    status: 400,
    retryable: false,
    advice: "The sha256 hash sent does not match the document text; recompute it.",
  },
  PERSISTED_QUERY_NOT_IN_LIST: {
    status: 400,
    retryable: false,
    advice: "Trusted-documents mode: only operations of the published manifest run.",
  },
  UNAUTHENTICATED: {
    status: 401,
    retryable: false,
    advice: "Send a valid bearer token (or none, to read anonymously).",
  },
  FORBIDDEN: { status: 403, retryable: false, advice: "The token's role or organisation may not do this." },
  NOT_FOUND: { status: 404, retryable: false, advice: "The id or key does not exist (any more)." },
  RATE_LIMITED: {
    status: 429,
    retryable: true,
    advice: "The cost budget is spent: wait `Retry-After` seconds, then retry.",
  },
  QUERY_TIMEOUT: {
    status: 504,
    retryable: false,
    advice: "The database query hit its time limit; narrow the request (filters, `first`).",
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    retryable: true,
    advice:
      "The database is unreachable, stalled or busy: retry with backoff; writes with the same idempotency key.",
  },
  INTERNAL_SERVER_ERROR: {
    status: 500,
    retryable: false,
    advice: "A bug: report `extensions.errorId`; the server log holds the details under that id.",
  },
} as const satisfies Record<string, ErrorCodeSpec>;

export type ApiErrorCode = keyof typeof ERROR_CATALOGUE;

export function isApiErrorCode(code: unknown): code is ApiErrorCode {
  return typeof code === "string" && Object.hasOwn(ERROR_CATALOGUE, code);
}

/** The media type of every GraphQL answer, errors included (GraphQL over HTTP). */
export const GRAPHQL_RESPONSE_TYPE = "application/graphql-response+json; charset=utf-8";

/** A JSON error body in the GraphQL response shape, for answers given outside Apollo (401, 429, 400). */
export function errorBody(code: ApiErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}
