import type { ManagedTransaction } from "neo4j-driver";
import type { User } from "../../auth/auth.user";
import { OrganisationStatus } from "../../graph/common/enums";
import type { Props } from "../../graph/common/node.repository";
import { lockVersion, readNode } from "../../graph/common/node.writer";
import { recordAudit } from "../../graph/common/audit.writer";

export interface MergeRequest {
  survivor: string;
  survivorVersion: number;
  merged: string;
  mergedVersion: number;
  actor: User;
  now: string;
}

/** Relationships of an organisation that follow it into the survivor (history, SUCCESSOR_OF, stays). */
const OUTGOING = [
  "WORKS_ON",
  "ACTIVE_IN",
  "REPRESENTS",
  "MEMBER_OF",
  "PARTICIPATES_IN",
  "TAKES_PART_IN",
  "SHARED",
] as const;
const INCOMING = ["MEMBER_OF"] as const;

/** Moves one relationship type from the merged organisation m to the survivor s (kept once). */
function moveStatement(type: string, incoming: boolean): string {
  // Outgoing (m)-[r]->(x) becomes (s)-[n]->(x); incoming (x)-[r]->(m) becomes (x)-[n]->(s).
  const [from, to] = incoming
    ? [`(x)-[r:${type}]->(m)`, `(x)-[n:${type}]->(s)`]
    : [`(m)-[r:${type}]->(x)`, `(s)-[n:${type}]->(x)`];
  return `MATCH (s:Organisation {id: $survivor}), (m:Organisation {id: $merged})
       MATCH ${from} WHERE x <> s
       MERGE ${to} ON CREATE SET n = properties(r)
       DELETE r
       RETURN count(r) AS moved`;
}

async function count(tx: ManagedTransaction, cypher: string, params: Props): Promise<number> {
  const result = await tx.run(cypher, params);
  return Number(result.records[0]?.get("moved") ?? 0);
}

/**
 * Folds `merged` into `survivor` in the caller's transaction: its relationships move (properties such as
 * role copied; where the survivor already has the same relationship, the survivor's is kept), the seat
 * moves only when the survivor has none, `(survivor)-[:SUCCESSOR_OF]->(merged)` records the merger, and the
 * merged organisation becomes INACTIVE. Both versions are checked and count up; both get an audit event.
 */
export async function mergeOrganisations(
  tx: ManagedTransaction,
  request: MergeRequest,
): Promise<{ survivor: Props; merged: Props }> {
  // Lock in key order so that two merges of the same pair cannot deadlock.
  const locks = [
    { id: request.survivor, version: request.survivorVersion, field: "survivor" },
    { id: request.merged, version: request.mergedVersion, field: "merged" },
  ].sort((a, b) => a.id.localeCompare(b.id));
  for (const lock of locks) {
    await lockVersion(tx, "Organisation", lock.id, lock.version, {
      id: `input.${lock.field}`,
      version: `input.${lock.field}Version`,
    });
  }
  const params = { survivor: request.survivor, merged: request.merged };
  const moved: string[] = [];
  const moves = [
    ...OUTGOING.map((type) => ({ type, incoming: false })),
    ...INCOMING.map((type) => ({ type, incoming: true })),
  ];
  for (const { type, incoming } of moves) {
    const n = await count(tx, moveStatement(type, incoming), params);
    if (n > 0) moved.push(incoming ? `${type} (incoming)` : type);
  }
  const seat = await count(
    tx,
    `MATCH (s:Organisation {id: $survivor}), (m:Organisation {id: $merged})
     MATCH (m)-[r:BASED_IN]->(x)
     CALL (s, x) { WITH s, x WHERE NOT EXISTS { (s)-[:BASED_IN]->() } MERGE (s)-[:BASED_IN]->(x) }
     DELETE r
     RETURN count(r) AS moved`,
    params,
  );
  if (seat > 0) moved.push("BASED_IN");
  // Relationships between the two (other than the merger itself) lose their meaning.
  await tx.run(
    `MATCH (s:Organisation {id: $survivor})-[r]-(m:Organisation {id: $merged})
     WHERE type(r) <> "SUCCESSOR_OF" DELETE r`,
    params,
  );
  await tx.run(
    `MATCH (s:Organisation {id: $survivor}), (m:Organisation {id: $merged})
     MERGE (s)-[:SUCCESSOR_OF]->(m)
     SET s.version = coalesce(s.version, 1) + 1, s.updatedAt = $now,
         m.status = $inactive, m.version = coalesce(m.version, 1) + 1, m.updatedAt = $now`,
    { ...params, now: request.now, inactive: OrganisationStatus.INACTIVE },
  );
  await recordAudit(
    tx,
    request.actor,
    [
      {
        action: "mergeOrganisations",
        targetType: "Organisation",
        targetId: request.survivor,
        changedFields: [...moved, "SUCCESSOR_OF"],
      },
      {
        action: "mergeOrganisations",
        targetType: "Organisation",
        targetId: request.merged,
        changedFields: ["status", ...moved],
      },
    ],
    request.now,
  );
  return {
    survivor: await readNode(tx, "Organisation", request.survivor),
    merged: await readNode(tx, "Organisation", request.merged),
  };
}
