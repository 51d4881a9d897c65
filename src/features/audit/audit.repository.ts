import type { Queryable } from "../../db/database";
import type { Page } from "../../graph/common/connection.type";
import type { Position } from "../../graph/common/cursor";
import type { Props } from "../../graph/common/node.repository";

export { type AuditEntry, recordAudit } from "../../graph/common/audit.writer";

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
