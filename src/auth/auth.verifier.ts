import {
  type JWTPayload,
  type JWTVerifyOptions,
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  jwtVerify,
} from "jose";
import type { AuthConfig } from "../config";
import { KEY } from "../graph/common/mutation.validators";
import { Role, TOKEN_ROLES, type User, pseudonymousSubject } from "./auth.user";

/** Why a token was refused: `invalid` is the caller's problem (401), `unavailable` ours (503). */
export class TokenError extends Error {
  constructor(
    readonly reason: "invalid" | "unavailable",
    message: string,
  ) {
    super(message);
  }
}

export interface TokenVerifier {
  verify(token: string): Promise<User>;
}

const ASYMMETRIC = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "EdDSA"];

/**
 * Verifies bearer JWTs: HS256 with the shared secret, or an asymmetric algorithm with a key from the JWKS
 * URL (keys are cached and refetched on rotation by jose). `sub` and `exp` are required; issuer and
 * audience are checked when configured. The role and organisation come from configurable claims.
 */
export function createTokenVerifier(config: AuthConfig): TokenVerifier {
  const secret = config.jwtSecret ? new TextEncoder().encode(config.jwtSecret) : undefined;
  const jwks = config.jwksUrl
    ? createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000 })
    : undefined;
  const base: JWTVerifyOptions = {
    issuer: config.issuer,
    audience: config.audience,
    requiredClaims: ["sub", "exp"],
    clockTolerance: 30,
  };

  return {
    async verify(token) {
      let alg: string | undefined;
      try {
        alg = decodeProtectedHeader(token).alg;
      } catch {
        throw new TokenError("invalid", "The bearer token is not a JWT.");
      }
      try {
        let payload: JWTPayload;
        if (alg === "HS256" && secret) {
          ({ payload } = await jwtVerify(token, secret, { ...base, algorithms: ["HS256"] }));
        } else if (alg && ASYMMETRIC.includes(alg) && jwks) {
          ({ payload } = await jwtVerify(token, jwks, { ...base, algorithms: ASYMMETRIC }));
        } else {
          // The header is the client's: name only the algorithms accepted, never echo what was sent.
          throw new TokenError(
            "invalid",
            `The token's signing algorithm is not accepted (accepted: ${[...(secret ? ["HS256"] : []), ...(jwks ? ASYMMETRIC : [])].join(", ") || "none"}).`,
          );
        }
        return toUser(payload, config);
      } catch (error) {
        throw toTokenError(error);
      }
    },
  };
}

function toTokenError(error: unknown): TokenError {
  if (error instanceof TokenError) return error;
  if (error instanceof errors.JWTExpired) return new TokenError("invalid", "The bearer token has expired.");
  if (error instanceof errors.JWKSTimeout) {
    return new TokenError("unavailable", "The signing keys (JWKS) could not be fetched in time.");
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new TokenError("invalid", `The bearer token's "${error.claim}" claim is not accepted.`);
  }
  if (error instanceof errors.JOSEError) return new TokenError("invalid", "The bearer token is invalid.");
  // Anything else is a failure to reach the JWKS URL, not the caller's fault.
  return new TokenError("unavailable", "The signing keys (JWKS) could not be fetched.");
}

function claimStrings(value: unknown): string[] {
  if (typeof value === "string") return value.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/** Maps the verified claims to the caller; a token without a known role or (for members) an organisation is refused. */
export function toUser(payload: JWTPayload, config: Pick<AuthConfig, "roleClaim" | "orgClaim">): User {
  const subject = typeof payload.sub === "string" ? payload.sub.trim() : "";
  if (!subject) throw new TokenError("invalid", 'The bearer token has no "sub" claim.');
  const named = claimStrings(payload[config.roleClaim]).map((r) => r.toLowerCase());
  const role = TOKEN_ROLES.find((r) => named.includes(r));
  if (!role) {
    throw new TokenError(
      "invalid",
      `The bearer token names no known role in its "${config.roleClaim}" claim (member, coordinator or admin).`,
    );
  }
  const org = payload[config.orgClaim];
  const organisation = typeof org === "string" && org.length > 0 ? org : null;
  if (organisation !== null && !KEY.test(organisation)) {
    throw new TokenError(
      "invalid",
      `The bearer token's "${config.orgClaim}" claim is not an organisation key.`,
    );
  }
  if (role === Role.MEMBER && organisation === null) {
    throw new TokenError(
      "invalid",
      `A member's token must name its organisation in the "${config.orgClaim}" claim.`,
    );
  }
  return { subject: pseudonymousSubject(subject), role, organisation };
}
