import type { ManagedTransaction } from "neo4j-driver";
import type { User } from "../../auth/auth.user";
import { isSourceLabel, maintainAggregates } from "./aggregates.repository";

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string;
  changedFields: string[];
}

/** Who did it and what, as the map the audit pattern reads (`$now` is when). */
export interface AuditActor {
  action: string;
  subject: string | null;
  role: string | null;
  organisation: string | null;
}

export function auditActor(action: string, actor: User): AuditActor {
  return {
    action,
    subject: actor.subject ?? null,
    role: actor.role ?? null,
    organisation: actor.organisation ?? null,
  };
}

/**
 * The audit event as a Cypher pattern, for the statements that write it along with their change:
 * `actor` is an expression for an AuditActor map, the others are Cypher expressions too.
 */
export function auditEvent(
  actor: string,
  targetType: string,
  targetId: string,
  changedFields: string,
): string {
  return `(:AuditEvent {
      id: randomUUID(), at: $now, action: ${actor}.action, targetType: ${targetType}, targetId: ${targetId},
      changedFields: ${changedFields}, actorSubject: ${actor}.subject, actorRole: ${actor}.role,
      actorOrganisation: ${actor}.organisation
    })`;
}

/** The clauses that write the audit entries `$entries` (with `$now`), after the statement's change. */
export const AUDIT_ENTRIES = `UNWIND $entries AS e
     CREATE ${auditEvent("e", "e.targetType", "e.targetId", "e.changedFields")}`;

/** The parameters AUDIT_ENTRIES reads. */
export function auditEntriesParams(actor: User, entries: readonly AuditEntry[], at: string) {
  return { entries: entries.map((e) => ({ ...e, ...auditActor(e.action, actor) })), now: at };
}

/** The maintained aggregates follow the audited targets, last, in the transaction (decision 0048). */
export async function aggregatesFollowAudited(tx: ManagedTransaction, entries: readonly AuditEntry[]) {
  await maintainAggregates(
    tx,
    entries.flatMap((e) => (isSourceLabel(e.targetType) ? [{ label: e.targetType, id: e.targetId }] : [])),
  );
}

/**
 * Writes the audit trail inside the mutation's transaction: it commits with the change or not at all.
 * AuditEvent nodes stand apart (no relationships), so that traversals never meet them and a deleted
 * target keeps its history.
 */
export async function recordAudit(
  tx: ManagedTransaction,
  actor: User,
  entries: readonly AuditEntry[],
  at: string,
): Promise<void> {
  if (entries.length === 0) return;
  await tx.run(AUDIT_ENTRIES, auditEntriesParams(actor, entries, at));
  // Every write records its targets here, last, in its transaction: the aggregates follow (decision 0048).
  await aggregatesFollowAudited(tx, entries);
}
