import type { ManagedTransaction } from "neo4j-driver";
import type { User } from "../../auth/auth.user";
import type { Queryable } from "../../db/database";
import type { Page } from "../../graph/common/connection.type";
import type { Position } from "../../graph/common/cursor";
import type { Props } from "../../graph/common/node.repository";

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
}

export interface AuditFilter {
  targetType: string | null;
  targetId: string | null;
}

export class AuditRepository {
  constructor(private readonly db: Queryable) {}

  /** Newest first; keyset on (at, id). */
  async page(filter: AuditFilter, first: number, after: Position | undefined): Promise<Page<Props>> {
    const rows = await this.db.read(
      `MATCH (a:AuditEvent)
       WHERE ($targetId IS NULL OR a.targetId = $targetId)
         AND ($targetType IS NULL OR a.targetType = $targetType)
         AND ($after IS NULL OR a.at < $after.value OR (a.at = $after.value AND a.id < $after.key))
       WITH a ORDER BY a.at DESC, a.id DESC
       LIMIT toInteger($limit)
       RETURN properties(a) AS props`,
      {
        targetId: filter.targetId,
        targetType: filter.targetType,
        after: after ? { value: after.value, key: after.key } : null,
        limit: first + 1,
      },
    );
    const items = rows.map((r) => r.props as Props);
    return { items: items.slice(0, first), hasNextPage: items.length > first };
  }

  async count(filter: AuditFilter): Promise<number> {
    const rows = await this.db.read(
      `MATCH (a:AuditEvent)
       WHERE ($targetId IS NULL OR a.targetId = $targetId) AND ($targetType IS NULL OR a.targetType = $targetType)
       RETURN count(a) AS total`,
      { targetId: filter.targetId, targetType: filter.targetType },
    );
    return Number(rows[0]?.total ?? 0);
  }
}
