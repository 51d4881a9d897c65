import type { NextFunction, Request, Response } from "express";
import { GRAPHQL_RESPONSE_TYPE, errorBody } from "../errors.catalogue";
import type { Logger } from "../logger";
import { AuthErrorCode } from "./auth.errors";
import { ANONYMOUS, type User } from "./auth.user";
import { TokenError, type TokenVerifier } from "./auth.verifier";

const callers = new WeakMap<Request, User>();

/** The caller authenticate() found for this request (anonymous when it did not run). */
export function callerOf(req: Request): User {
  return callers.get(req) ?? ANONYMOUS;
}

/** Whom the rate limit counts: the token's subject, else the client's IP address. */
export function clientKeyOf(req: Request): string {
  const user = callerOf(req);
  return user.subject ? `sub:${user.subject}` : `ip:${req.ip ?? req.socket.remoteAddress ?? "unknown"}`;
}

const BEARER = /^Bearer +([A-Za-z0-9\-_.~+/]+=*) *$/i;

/**
 * Express middleware in front of /graphql: no Authorization header means anonymous; a bearer token that
 * is malformed, badly signed or expired gets 401 UNAUTHENTICATED before any GraphQL runs. Tokens are never
 * logged (only the reason they were refused).
 */
export function authenticate(verifier: TokenVerifier | undefined, logger: Logger) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.get("authorization");
    if (header === undefined || header.trim() === "") {
      callers.set(req, ANONYMOUS);
      next();
      return;
    }
    const token = BEARER.exec(header)?.[1];
    if (!token || !verifier) {
      refuse(res, 401, "invalid_request", "The Authorization header must be `Bearer <token>`.");
      return;
    }
    try {
      callers.set(req, await verifier.verify(token));
      next();
    } catch (error) {
      const refused =
        error instanceof TokenError
          ? error
          : new TokenError("unavailable", "The token could not be checked.");
      logger.info({ reason: refused.message }, "bearer token refused");
      if (refused.reason === "unavailable") {
        res
          .status(503)
          .type(GRAPHQL_RESPONSE_TYPE)
          .send(JSON.stringify(errorBody("SERVICE_UNAVAILABLE", refused.message, { retryable: true })));
      } else {
        refuse(res, 401, "invalid_token", refused.message);
      }
    }
  };
}

/** Header values must be visible ASCII; a message is ours, but never trust that with a header. */
function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, "?").replace(/["\\]/g, "'");
}

function refuse(res: Response, status: number, error: string, message: string): void {
  res
    .status(status)
    .set("WWW-Authenticate", `Bearer error="${error}", error_description="${headerSafe(message)}"`)
    .type(GRAPHQL_RESPONSE_TYPE)
    .send(JSON.stringify(errorBody(AuthErrorCode.UNAUTHENTICATED, message)));
}
