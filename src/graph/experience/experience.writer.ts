import type { ManagedTransaction } from "neo4j-driver";
import type { Queryable } from "../../db/database";
import type { NodeSpec } from "../common/node.writer";

/** How experience mutations write: the relation fields of their inputs (see node.writer.ts). */
export const EXPERIENCE: NodeSpec = {
  label: "Experience",
  nameProperty: "title",
  relations: {
    topics: { type: "ABOUT", target: "Topic" },
    conditions: { type: "CONCERNS", target: "Condition" },
    place: { type: "IN", target: "Place" },
    initiative: { type: "FROM", target: "Initiative" },
    event: { type: "FROM", target: "Event" },
    // Who shared it: set by a share in its one statement (an unknown organisation is NOT_FOUND on
    // input.organisation), never changed by an update.
    sharedBy: { type: "SHARED", target: "Organisation", incoming: true, inputField: "organisation" },
  },
};

const SHARERS = `MATCH (o:Organisation)-[:SHARED]->(:Experience {id: $id}) RETURN collect(o.id) AS sharers`;

/** Keys of the organisations that shared the experience (who may change it). */
export async function experienceSharers(db: Queryable, id: string): Promise<string[]> {
  const rows = await db.read(SHARERS, { id });
  return (rows[0]?.sharers as string[] | undefined) ?? [];
}

/** The same, inside a write transaction (after the experience is locked). */
export async function experienceSharersInTx(tx: ManagedTransaction, id: string): Promise<string[]> {
  const result = await tx.run(SHARERS, { id });
  return (result.records[0]?.get("sharers") as string[] | undefined) ?? [];
}
