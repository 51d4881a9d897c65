import type { ManagedTransaction } from "neo4j-driver";
import { AUDIT_ENTRIES, type auditEntriesParams } from "../common/audit.writer";
import type { Props } from "../common/node.repository";
import type { NodeSpec } from "../common/node.writer";

/** How initiative mutations write: the relation fields of their inputs (see node.writer.ts). */
export const INITIATIVE: NodeSpec = {
  label: "Initiative",
  nameProperty: "name",
  relations: {
    topics: { type: "ABOUT", target: "Topic" },
    conditions: { type: "CONCERNS", target: "Condition" },
    places: { type: "ACTIVE_IN", target: "Place" },
  },
};

export interface Participation {
  initiative: Props | null;
  organisation: Props | null;
  /** The role before the change; null when it did not take part. */
  role: string | null;
}

/** Locks the initiative and reads whether both exist and the organisation's current role. */
export async function readParticipation(
  tx: ManagedTransaction,
  initiative: string,
  organisation: string,
): Promise<Participation> {
  const result = await tx.run(
    `OPTIONAL MATCH (i:Initiative {id: $initiative})
     CALL (i) { WITH i WHERE i IS NOT NULL SET i._lock = true REMOVE i._lock }
     OPTIONAL MATCH (o:Organisation {id: $organisation})
     OPTIONAL MATCH (o)-[r:PARTICIPATES_IN]->(i)
     RETURN properties(i) AS initiative, properties(o) AS organisation, r.role AS role`,
    { initiative, organisation },
  );
  const row = result.records[0];
  return {
    initiative: (row?.get("initiative") as Props | null | undefined) ?? null,
    organisation: (row?.get("organisation") as Props | null | undefined) ?? null,
    role: (row?.get("role") as string | null | undefined) ?? null,
  };
}

/**
 * Joins (role given: the role is set) or leaves (null) and writes the audit entries, in one statement
 * (reads $entries and $now: auditEntriesParams). The caller has locked the initiative and checked that
 * both exist (readParticipation).
 */
export async function changeParticipation(
  tx: ManagedTransaction,
  initiative: string,
  organisation: string,
  role: string | null,
  audit: ReturnType<typeof auditEntriesParams>,
): Promise<void> {
  await tx.run(
    `MATCH (o:Organisation {id: $organisation}), (i:Initiative {id: $initiative})
     CALL (o, i) { WITH o, i WHERE $role IS NULL MATCH (o)-[r:PARTICIPATES_IN]->(i) DELETE r }
     CALL (o, i) { WITH o, i WHERE $role IS NOT NULL MERGE (o)-[r:PARTICIPATES_IN]->(i) SET r.role = $role }
     ${AUDIT_ENTRIES}`,
    { initiative, organisation, role, ...audit },
  );
}
