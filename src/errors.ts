import { GraphQLError } from "graphql";

/** The error codes of the API contract (`extensions.code`). */
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  QUERY_TOO_COMPLEX: "QUERY_TOO_COMPLEX",
  QUERY_TIMEOUT: "QUERY_TIMEOUT",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error meant for the client: its message is safe to show and it carries a code. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export function badInput(message: string, argument?: string): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, message, argument ? { argument } : {});
}

export function notFound(message: string): AppError {
  return new AppError(ErrorCode.NOT_FOUND, message);
}

export function serviceUnavailable(reason: string): AppError {
  return new AppError(ErrorCode.SERVICE_UNAVAILABLE, `The database is not available: ${reason}`, {
    retryable: true,
  });
}

export function queryTimeout(ms: number): AppError {
  return new AppError(
    ErrorCode.QUERY_TIMEOUT,
    `The database query took longer than ${ms} ms and was stopped; narrow the request.`,
  );
}
