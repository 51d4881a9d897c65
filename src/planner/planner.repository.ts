import type { Queryable, Row } from "../db/database";
import { afterParam, orderClause, sortValue, tieBreaker } from "../graph/common/node.repository";
import type { TypeEntry } from "./planner.catalogue";
import type { ChildPlan, NodePlan } from "./planner.selection";

/**
 * Compiles a planned selection into ONE Cypher query: the root node by key, then per relation field a
 * nested `CALL {}` with its own ORDER BY/LIMIT (and keyset condition after a cursor), projecting only the
 * selected properties. Patterns, orderings and conditions come from the relation table (`graph/relations.ts`);
 * every value is a parameter.
 */

export interface CompiledQuery {
  cypher: string;
  params: Record<string, unknown>;
}

/** Renames the relation table's variables (p parent, n node, r relationship) to this subquery's own. */
function rename(fragment: string, names: { p: string; n: string; r: string }): string {
  return fragment.replace(/\b([pnr])\b/g, (v) => names[v as "p" | "n" | "r"]);
}

function projection(node: string, plan: NodePlan): string {
  const props = plan.props
    ? `${node} {${[...plan.props].map((p) => `.${p}`).join(", ")}}`
    : `properties(${node})`;
  const entries = [`n: ${props}`];
  if (plan.labels) entries.push(`l: labels(${node})`);
  for (const child of plan.children) {
    entries.push(`f${child.id}: f${child.id}`);
    if (child.count) entries.push(`c${child.id}: c${child.id}`);
  }
  for (const computed of plan.computed) entries.push(`f${computed.id}: f${computed.id}`);
  return entries.join(", ");
}

function childCalls(parent: string, plan: NodePlan, params: Record<string, unknown>): string {
  const computed = plan.computed.map((c) => {
    const compiled = c.field.compile(c.args, parent, `f${c.id}`, `p${c.id}`);
    Object.assign(params, compiled.params);
    return compiled.cypher;
  });
  return [...plan.children.map((child) => childCall(parent, child, params)), ...computed].join("\n");
}

function childCall(parent: string, child: ChildPlan, params: Record<string, unknown>): string {
  const { relation } = child;
  const names = { p: parent, n: `n${child.id}`, r: `r${child.id}` };
  const n = names.n;
  const ordering = { ...relation.ordering, expression: rename(relation.ordering.expression, names) };
  const conditions = [relation.where ? rename(relation.where, names) : "true"];
  if (child.after) {
    // Only a later page carries the keyset condition, so a first page keeps the index order.
    const a = `$a${child.id}`;
    const op = ordering.descending ? "<" : ">";
    const value = sortValue(ordering);
    conditions.push(
      `(${value} ${op} ${a}.value OR (${value} = ${a}.value AND ${tieBreaker(relation.key, n)} > ${a}.key))`,
    );
    params[`a${child.id}`] = afterParam(child.after);
  }
  const limit = child.field.kind === "connection" ? child.first + 1 : child.first;
  params[`l${child.id}`] = limit;
  const page = `CALL (${parent}) {
  MATCH ${rename(relation.pattern, names)}
  WHERE ${conditions.join(" AND ")}
  WITH DISTINCT ${n}, ${relation.extra ? rename(relation.extra, names) : "null"} AS x${child.id}
  ${orderClause(ordering, relation.key, n)}
  LIMIT toInteger($l${child.id})
  ${childCalls(n, child.node, params)}
  RETURN collect({${[
    projection(n, child.node),
    // The edge's extra value (a role) and the sort value (for cursors) only where the answer uses them.
    ...(relation.extra ? [`x: x${child.id}`] : []),
    ...(child.field.kind === "connection"
      ? [`s: ${sortValue(ordering)}`, `t: ${tieBreaker(relation.key, n)}`]
      : []),
  ].join(", ")}}) AS f${child.id}
}`;
  if (!child.count) return page;
  const counted = { p: parent, n: `m${child.id}`, r: `q${child.id}` };
  return `${page}
CALL (${parent}) {
  MATCH ${rename(relation.pattern, counted)}
  WHERE ${relation.where ? rename(relation.where, counted) : "true"}
  RETURN count(DISTINCT ${counted.n}) AS c${child.id}
}`;
}

/** The query for one root field: the node of `entry` with key `$key` and everything planned below it. */
export function compileRoot(entry: TypeEntry, key: string, plan: NodePlan): CompiledQuery {
  const params: Record<string, unknown> = { key };
  const cypher = `MATCH (root:${entry.label} {${entry.key}: $key})
${childCalls("root", plan, params)}
RETURN {${projection("root", plan)}} AS root
LIMIT 1`;
  return { cypher, params };
}

/**
 * The query for the nodes of a page a list resolver already read (by their keys): everything planned
 * below them, in one round trip, one row per key found.
 */
export function compileByKeys(entry: TypeEntry, keys: string[], plan: NodePlan): CompiledQuery {
  const params: Record<string, unknown> = { keys };
  const cypher = `UNWIND $keys AS key
MATCH (root:${entry.label} {${entry.key}: key})
${childCalls("root", plan, params)}
RETURN key, {${projection("root", plan)}} AS root`;
  return { cypher, params };
}

/** Runs a compiled query: one round trip; the root's row or undefined (no such node). */
export async function runPlanned(db: Queryable, query: CompiledQuery): Promise<Row | undefined> {
  const rows = await db.read(query.cypher, query.params);
  return rows[0]?.root as Row | undefined;
}
