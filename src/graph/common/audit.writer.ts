import type { ManagedTransaction } from "neo4j-driver";
import type { User } from "../../auth/auth.user";
import { isSourceLabel, maintainAggregates } from "./aggregates.repository";

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string;
  changedFields: string[];
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
  await tx.run(
    `UNWIND $entries AS e
     CREATE (:AuditEvent {
       id: randomUUID(), at: $at, action: e.action, targetType: e.targetType, targetId: e.targetId,
       changedFields: e.changedFields, actorSubject: $subject, actorRole: $role, actorOrganisation: $organisation
     })`,
    { entries, at, subject: actor.subject, role: actor.role, organisation: actor.organisation },
  );
  // Every write records its targets here, last, in its transaction: the aggregates follow (decision 0048).
  await maintainAggregates(
    tx,
    entries.flatMap((e) => (isSourceLabel(e.targetType) ? [{ label: e.targetType, id: e.targetId }] : [])),
  );
}
