import { SignJWT } from "jose";
import type { AuthConfig } from "../config";
import { Role } from "./auth.user";

export interface TokenRequest {
  role: Exclude<Role, Role.ANONYMOUS>;
  organisation?: string | null;
  subject?: string;
  /** jose time span, e.g. "8h", "30m". */
  expiresIn?: string;
}

/** Signs an HS256 token with the configured shared secret (development tokens, tests). */
export function signToken(
  config: Pick<AuthConfig, "jwtSecret" | "issuer" | "audience" | "roleClaim" | "orgClaim">,
  request: TokenRequest,
): Promise<string> {
  if (!config.jwtSecret) throw new Error("No AUTH_JWT_SECRET is configured: cannot sign a token.");
  const claims: Record<string, string> = { [config.roleClaim]: request.role };
  if (request.organisation) claims[config.orgClaim] = request.organisation;
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(request.subject ?? defaultSubject(request))
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? "8h");
  if (config.issuer) jwt = jwt.setIssuer(config.issuer);
  if (config.audience) jwt = jwt.setAudience(config.audience);
  return jwt.sign(new TextEncoder().encode(config.jwtSecret));
}

function defaultSubject(request: TokenRequest): string {
  return request.organisation ? `dev-${request.role}-${request.organisation}` : `dev-${request.role}`;
}

export const SIGNABLE_ROLES = [Role.MEMBER, Role.COORDINATOR, Role.ADMIN] as const;
