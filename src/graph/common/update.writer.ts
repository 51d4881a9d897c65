import type { ManagedTransaction } from "neo4j-driver";
import type { User } from "../../auth/auth.user";
import { auditActor, auditEvent } from "./audit.writer";
import { linkClauses, linkKind, perSpec, resolveField } from "./create.writer";
import type { Props } from "./node.repository";
import type { NodeSpec, PropValue, RelationSpec } from "./node.writer";

/**
 * The rest of an update after the node is locked and its version checked, as ONE Cypher statement:
 * reference resolution, which relation fields differ, their replacement (links in one global order),
 * the property patch with the version counted up, the audit event and the read-back. Nothing is written
 * when a reference is unknown or nothing differs. The text depends only on the NodeSpec.
 */

export interface UpdateParams {
  id: string;
  /** Relation fields the change sets, in the input's order. */
  fields: string[];
  refs: Record<string, string[]>;
  /** Properties that differ from the node's (null removes), with nameKey/sortKey when the name changes. */
  patch: Record<string, PropValue>;
  changedProps: string[];
  now: string;
  audit: { action: string; actor: User };
}

export interface UpdateOutcome {
  missing: Record<string, string[]>;
  /** Changed properties, then changed relation fields (in the input's order). */
  changed: string[];
  /** The node after the write, or null when nothing was written. */
  props: Props | null;
}

/** Relation fields an update may set: those pointing away from the node (who shared it is fixed). */
function updatable(spec: NodeSpec): [string, RelationSpec][] {
  return Object.entries(spec.relations).filter(([, relation]) => !relation.incoming);
}

function currentTargets(relation: RelationSpec, i: number): string {
  const target =
    relation.target === "Place" ? "WHERE b:Municipality OR b:Province" : `WHERE b:${relation.target}`;
  return `CALL (n) { OPTIONAL MATCH (n)-[:${relation.type}]->(b) ${target} RETURN collect(b) AS current${i} }`;
}

function buildUpdateCypher(spec: NodeSpec): string {
  const fields = updatable(spec);
  const differs = fields.map(
    ([field], i) =>
      `(f = '${field}' AND NOT (size(found${i}) = size(current${i}) AND all(x IN found${i} WHERE x IN current${i})))`,
  );
  const unlinks = fields.map(
    ([field, relation], i) => `  CALL (n, found${i}, relations) {
    WITH * WHERE '${field}' IN relations
    MATCH (n)-[r:${relation.type}]->(b) WHERE ${
      relation.target === "Place" ? "(b:Municipality OR b:Province)" : `b:${relation.target}`
    } AND NOT b IN found${i}
    DELETE r
  }`,
  );
  const links = fields.map(
    ([field, relation], i) =>
      `[x IN found${i} WHERE '${field}' IN relations AND NOT x IN current${i} | {node: x, kind: '${linkKind(relation)}', order: elementId(x)}]`,
  );
  const carried = fields.flatMap((_, i) => [`found${i}`, `current${i}`]).join(", ");
  return `MATCH (n:${spec.label} {id: $id})
${fields.map(([field, relation], i) => resolveField(field, relation, i)).join("\n")}
${fields.map(([, relation], i) => currentTargets(relation, i)).join("\n")}
WITH *, [f IN $fields WHERE ${differs.length ? differs.join(" OR ") : "false"}] AS relations
WITH *, $changedProps + relations AS changed,
     ${fields.length ? fields.map((_, i) => `size(missing${i})`).join(" + ") : "0"} = 0 AS ok
OPTIONAL CALL (n, ok, changed, relations, ${carried}) {
  WITH * WHERE ok AND size(changed) > 0
${unlinks.join("\n")}
  WITH n, changed, ${links.length ? links.join(" + ") : "[]"} AS targets
  CALL (n, targets) {
    UNWIND targets AS t
    WITH n, t ORDER BY t.order
${linkClauses(spec)}
  }
  SET n += $patch, n.updatedAt = $now, n.version = coalesce(n.version, 1) + 1
  CREATE ${auditEvent("$audit", `'${spec.label}'`, "n.id", "changed")}
  RETURN properties(n) AS props
}
RETURN {${fields.map(([field], i) => `${field}: missing${i}`).join(", ")}} AS missing, changed, props`;
}

export const updateCypher = perSpec(buildUpdateCypher);

export async function runUpdate(
  tx: ManagedTransaction,
  spec: NodeSpec,
  params: UpdateParams,
): Promise<UpdateOutcome> {
  const fields = params.fields.filter((field) => updatable(spec).some(([f]) => f === field));
  const refs = Object.fromEntries(
    updatable(spec).map(([field]) => [
      field,
      fields.includes(field) ? [...new Set(params.refs[field] ?? [])] : [],
    ]),
  );
  const result = await tx.run(updateCypher(spec), {
    id: params.id,
    fields,
    refs,
    patch: params.patch,
    changedProps: params.changedProps,
    now: params.now,
    audit: auditActor(params.audit.action, params.audit.actor),
  });
  const row = result.records[0];
  return {
    missing: (row?.get("missing") as Record<string, string[]> | undefined) ?? {},
    changed: (row?.get("changed") as string[] | undefined) ?? [],
    props: (row?.get("props") as Props | null | undefined) ?? null,
  };
}
