import { createHash } from "node:crypto";

/** Who may do what: anonymous reads public data; the other roles come from a verified bearer token. */
export enum Role {
  ANONYMOUS = "anonymous",
  MEMBER = "member",
  COORDINATOR = "coordinator",
  ADMIN = "admin",
}

/** Strongest first: a token naming several roles gets the strongest it names. */
export const TOKEN_ROLES: readonly Role[] = [Role.ADMIN, Role.COORDINATOR, Role.MEMBER];

/** The caller of one request. Holds no personal data: the subject is an opaque id (see pseudonymousSubject). */
export interface User {
  /** Opaque subject id from the token; null for anonymous callers. */
  subject: string | null;
  role: Role;
  /** Key of the organisation the caller acts for (required for members, optional for others). */
  organisation: string | null;
}

export const ANONYMOUS: User = Object.freeze({ subject: null, role: Role.ANONYMOUS, organisation: null });

/**
 * Some identity providers put e-mail addresses in `sub`. The service must not store personal data, so such
 * subjects are replaced by a stable pseudonym before they reach the audit trail, the rate limiter or logs.
 */
export function pseudonymousSubject(subject: string): string {
  if (!subject.includes("@") && subject.length <= 128) return subject;
  return `pseudonym-${createHash("sha256").update(subject, "utf8").digest("hex").slice(0, 32)}`;
}

/** The caller acts for this organisation (any authenticated role whose token names it). */
export function isMemberOf(user: User, organisation: string): boolean {
  return user.role !== Role.ANONYMOUS && user.organisation !== null && user.organisation === organisation;
}

/** Functional contact details: coordinators, admins and the organisation's own members. */
export function canSeeContacts(user: User, organisation: string): boolean {
  return user.role === Role.ADMIN || user.role === Role.COORDINATOR || isMemberOf(user, organisation);
}
