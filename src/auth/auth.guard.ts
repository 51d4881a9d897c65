import { forbidden, unauthenticated } from "./auth.errors";
import { Role, type User, isMemberOf } from "./auth.user";

/**
 * Explicit guards, called first thing in every mutation (before validation and before any write):
 * anonymous callers get UNAUTHENTICATED, authenticated callers without the right FORBIDDEN.
 */

export function requireSignedIn(user: User, action: string): void {
  if (user.role === Role.ANONYMOUS) throw unauthenticated(action);
}

/** One of the given roles. */
export function requireRole(user: User, roles: readonly Role[], action: string): void {
  requireSignedIn(user, action);
  if (!roles.includes(user.role)) {
    throw forbidden(`${action} is for ${describe(roles)}; your role is ${user.role}.`);
  }
}

/** One of the given roles, or a member of `organisation`. */
export function requireRoleOrMember(
  user: User,
  roles: readonly Role[],
  organisation: string,
  action: string,
): void {
  requireSignedIn(user, action);
  if (roles.includes(user.role) || isMemberOf(user, organisation)) return;
  throw forbidden(
    `${action} is for ${describe(roles)} and members of organisation "${organisation}"; your token is for ${
      user.organisation ? `organisation "${user.organisation}"` : "no organisation"
    } with role ${user.role}.`,
  );
}

/** One of the given roles, or a member of one of `organisations` (e.g. those that shared an experience). */
export function requireRoleOrMemberOfAny(
  user: User,
  roles: readonly Role[],
  organisations: readonly string[],
  action: string,
): void {
  requireSignedIn(user, action);
  if (roles.includes(user.role) || organisations.some((o) => isMemberOf(user, o))) return;
  throw forbidden(`${action} is for ${describe(roles)} and members of the organisation that owns it.`);
}

function describe(roles: readonly Role[]): string {
  return roles.map((r) => `${r}s`).join(" and ");
}
