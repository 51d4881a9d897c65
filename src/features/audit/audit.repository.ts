import type { Queryable } from "../../db/database";
import { type Page, type PageWindow, pageOf } from "../../graph/common/connection.type";
import { type Props, windowParams } from "../../graph/common/node.repository";

export { type AuditEntry, recordAudit } from "../../graph/common/audit.writer";

export interface AuditFilter {
  targetType: string | null;
  targetId: string | null;
}

export class AuditRepository {
  constructor(private readonly db: Queryable) {}

  /** Newest first; keyset on (at, id); reading backward reverses the order (pageOf turns it back). */
  async page(filter: AuditFilter, window: PageWindow): Promise<Page<Props>> {
    const rows = await this.db.read(
      `MATCH (a:AuditEvent)
       WHERE ($targetId IS NULL OR a.targetId = $targetId)
         AND ($targetType IS NULL OR a.targetType = $targetType)
         AND ($after IS NULL OR a.at < $after.value OR (a.at = $after.value AND a.id < $after.key))
         AND ($before IS NULL OR a.at > $before.value OR (a.at = $before.value AND a.id > $before.key))
       WITH a ORDER BY ${window.backward ? "a.at, a.id" : "a.at DESC, a.id DESC"}
       LIMIT toInteger($limit)
       RETURN properties(a) AS props`,
      { targetId: filter.targetId, targetType: filter.targetType, ...windowParams(window) },
    );
    return pageOf(
      rows.map((r) => r.props as Props),
      window,
    );
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
