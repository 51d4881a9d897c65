import type { ManagedTransaction } from "neo4j-driver";
import type { User } from "../../auth/auth.user";
import { nameKeys } from "../../domain/name-key";
import { auditActor, auditEvent } from "./audit.writer";
import { IDEMPOTENCY_TTL_HOURS, type PendingKey } from "./idempotency.repository";
import type { Props } from "./node.repository";
import type { NodeSpec, PropValue, RelationSpec } from "./node.writer";

/**
 * A create as ONE Cypher statement: id choice, reference resolution, the node, its relations, the audit
 * event, the idempotency record and the read-back. The text depends only on the NodeSpec (never on the
 * request), so Neo4j plans it once per entity and reuses the plan; every value is a parameter. When a
 * reference is unknown or no id is free, the statement writes nothing and says why.
 */

export interface CreateParams {
  /** Ids to try in order: the wanted one, then (with suffixOnCollision) suffixed ones. */
  candidates: string[];
  props: Record<string, PropValue>;
  /** Relation field → keys; fields the input left out are empty. */
  refs: Record<string, string[]>;
  now: string;
  /** The audit event, or null when the caller writes none with the create. */
  audit: { action: string; changedFields: string[]; actor: User } | null;
  key: PendingKey | null;
}

export interface CreateOutcome {
  /** The id taken, or null when every candidate was taken. */
  id: string | null;
  /** Relation field → keys that do not exist (places: codes that resolve to no current place). */
  missing: Record<string, string[]>;
  /** The node as written, or null when nothing was written. */
  props: Props | null;
}

const keyProperty = (target: RelationSpec["target"]): string => (target === "Municipality" ? "code" : "id");

/** The nodes one relation field refers to, and the keys that refer to nothing. */
export function resolveField(field: string, relation: RelationSpec, i: number): string {
  if (relation.target === "Place") {
    // A province by code, else the current municipality: a merged-away one resolves to its legal successor.
    return `CALL () {
  UNWIND $refs.${field} AS code
  OPTIONAL MATCH (p:Province {code: code})
  OPTIONAL MATCH (m:Municipality {code: code})
  OPTIONAL MATCH path = (m)-[:MERGED_INTO*0..4]->(c:Municipality)
    WHERE c.validTo IS NULL AND all(r IN relationships(path) WHERE coalesce(r.legal, true))
  WITH code, p, c ORDER BY length(path)
  WITH code, p, head(collect(c)) AS current
  WITH code, coalesce(p, current) AS t
  RETURN collect(DISTINCT t) AS found${i}, collect(CASE WHEN t IS NULL THEN code END) AS missing${i}
}`;
  }
  return `CALL () {
  UNWIND $refs.${field} AS k
  OPTIONAL MATCH (t:${relation.target} {${keyProperty(relation.target)}: k})
  RETURN collect(DISTINCT t) AS found${i}, collect(CASE WHEN t IS NULL THEN k END) AS missing${i}
}`;
}

/** Relationship type and direction: which guarded CREATE links a target. */
export function linkKind(relation: RelationSpec): string {
  return `${relation.type}:${relation.incoming ? "in" : "out"}`;
}

/**
 * One guarded CREATE per relationship type and direction the spec writes, for rows `t` of a target list
 * ({node, kind, order}) sorted by `order` (the element id): every write locks shared nodes in one order.
 */
export function linkClauses(spec: NodeSpec): string {
  const kinds = new Map<string, string>();
  for (const relation of Object.values(spec.relations)) {
    const arrow = relation.incoming ? `(x)-[:${relation.type}]->(n)` : `(n)-[:${relation.type}]->(x)`;
    kinds.set(linkKind(relation), arrow);
  }
  return [...kinds]
    .map(
      ([kind, arrow]) =>
        `    FOREACH (x IN CASE WHEN t.kind = '${kind}' THEN [t.node] ELSE [] END | CREATE ${arrow})`,
    )
    .join("\n");
}

function buildCreateCypher(spec: NodeSpec): string {
  const fields = Object.entries(spec.relations);
  const found = fields.map((_, i) => `found${i}`);
  const missing = fields.map((_, i) => `size(missing${i})`);
  const targets = fields.map(
    ([, r], i) => `[x IN found${i} | {node: x, kind: '${linkKind(r)}', order: elementId(x)}]`,
  );
  return `CALL () {
  UNWIND range(0, size($candidates) - 1) AS i
  OPTIONAL MATCH (taken:${spec.label} {id: $candidates[i]})
  WITH i WHERE taken IS NULL
  RETURN $candidates[min(i)] AS id
}
${fields.map(([field, relation], i) => resolveField(field, relation, i)).join("\n")}
WITH *, id IS NOT NULL ${missing.map((m) => `AND ${m} = 0 `).join("")}AS ok
OPTIONAL CALL (ok, id${found.map((f) => `, ${f}`).join("")}) {
  WITH * WHERE ok
  CREATE (n:${spec.label}) SET n = $props, n.id = id
  WITH n, id, ${targets.length ? targets.join(" + ") : "[]"} AS targets
  // Shared nodes (topics, places) are linked in one global order: concurrent writes do not deadlock on them.
  CALL (n, targets) {
    UNWIND targets AS t
    WITH n, t ORDER BY t.order
${linkClauses(spec)}
  }
  FOREACH (a IN CASE WHEN $audit IS NULL THEN [] ELSE [$audit] END |
    CREATE ${auditEvent("a", `'${spec.label}'`, "id", "a.changedFields")})
  FOREACH (k IN CASE WHEN $key IS NULL THEN [] ELSE [$key] END |
    CREATE (:IdempotencyKey {id: k.scope, fingerprint: k.fingerprint, ref: id,
      expiresAt: datetime() + duration({hours: $ttl})}))
  WITH n
  CALL (n) {
    MATCH (old:IdempotencyKey) WHERE $key IS NOT NULL AND old.expiresAt < datetime()
    WITH old LIMIT 20 DETACH DELETE old
  }
  RETURN properties(n) AS props
}
RETURN id, {${fields.map(([field], i) => `${field}: missing${i}`).join(", ")}} AS missing, props`;
}

/** A statement per entity, built once: the same text for every request (one plan in Neo4j's cache). */
export function perSpec(build: (spec: NodeSpec) => string): (spec: NodeSpec) => string {
  const statements = new WeakMap<NodeSpec, string>();
  return (spec) => {
    let cypher = statements.get(spec);
    if (!cypher) {
      cypher = build(spec);
      statements.set(spec, cypher);
    }
    return cypher;
  };
}

export const createCypher = perSpec(buildCreateCypher);

function withoutNulls(props: Record<string, PropValue>): Record<string, PropValue> {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null && v !== undefined));
}

/** Runs the create statement; the node gets version 1, createdAt/updatedAt, nameKey and sortKey. */
export async function runCreate(
  tx: ManagedTransaction,
  spec: NodeSpec,
  params: CreateParams,
): Promise<CreateOutcome> {
  const name = params.props[spec.nameProperty];
  const refs = Object.fromEntries(
    Object.keys(spec.relations).map((field) => [field, [...new Set(params.refs[field] ?? [])]]),
  );
  const audit = params.audit && {
    ...auditActor(params.audit.action, params.audit.actor),
    changedFields: params.audit.changedFields,
  };
  const result = await tx.run(createCypher(spec), {
    candidates: params.candidates,
    props: {
      ...withoutNulls(params.props),
      ...(typeof name === "string" ? nameKeys(name) : {}),
      version: 1,
      createdAt: params.now,
      updatedAt: params.now,
    },
    refs,
    now: params.now,
    audit,
    key: params.key,
    ttl: IDEMPOTENCY_TTL_HOURS,
  });
  const row = result.records[0];
  return {
    id: (row?.get("id") as string | null | undefined) ?? null,
    missing: (row?.get("missing") as Record<string, string[]> | undefined) ?? {},
    props: (row?.get("props") as Props | null | undefined) ?? null,
  };
}
