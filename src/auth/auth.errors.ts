import { GraphQLError } from "graphql";

/** Codes of authentication and authorisation failures (`extensions.code`). */
export const AuthErrorCode = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
} as const;
export type AuthErrorCode = (typeof AuthErrorCode)[keyof typeof AuthErrorCode];

export class AuthError extends GraphQLError {
  constructor(code: AuthErrorCode, message: string) {
    super(message, { extensions: { code } });
  }
}

export function unauthenticated(action: string): AuthError {
  return new AuthError(
    AuthErrorCode.UNAUTHENTICATED,
    `${action} needs a bearer token (Authorization: Bearer …); anonymous callers may only read.`,
  );
}

export function forbidden(message: string): AuthError {
  return new AuthError(AuthErrorCode.FORBIDDEN, message);
}
