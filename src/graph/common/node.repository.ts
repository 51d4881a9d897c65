import type { Queryable, Row } from "../../db/database";
import type { Position } from "./cursor";
import { type Page, type PageWindow, pageOf } from "./connection.type";

/**
 * Generic batched reads over the graph. Labels, relationship patterns and sort properties come from the
 * code (constants in the entity modules), never from input; every value is a parameter.
 */

export type Props = Record<string, unknown>;

export interface Ordering {
  /** Name that cursors carry, e.g. "name". */
  name: string;
  /** Cypher expression over `n` that orders the list, e.g. "n.name". */
  expression: string;
  descending?: boolean;
  /** The expression may be null (dates): nulls then sort last. Non-null orderings can use index order. */
  nullable?: boolean;
}

export interface RelationSpec {
  /** Label and key property of the parent, e.g. ["Organisation", "id"]. */
  from: readonly [string, string];
  /** Pattern from (p) to (n), optionally binding relationship r, e.g. "(p)-[:WORKS_ON]->(n:Topic)". */
  pattern: string;
  /** Key property of the related node. */
  key: string;
  /** Static condition on the pattern, e.g. "n.validTo IS NULL". */
  where?: string;
  /** Extra value carried per related node, e.g. "r.role". */
  extra?: string;
  ordering: Ordering;
}

export interface RelatedItem {
  node: Props;
  labels: string[];
  extra: unknown;
  sortValue: string | number | null;
  /** The tie-breaker (see tieBreaker): the cursor's key. */
  tie: string;
}

/** The sort value, made total: nulls sort last whatever the direction. */
export function sortValue(ordering: Ordering): string {
  if (!ordering.nullable) return ordering.expression;
  return `coalesce(${ordering.expression}, ${ordering.descending ? "''" : "'\\uffff'"})`;
}

/**
 * Every ordering breaks ties by name (the Dutch sort key), then by key: one string, the sort key and the
 * key joined by U+0001 (below every character of a name), so that a cursor holds one tie value.
 */
export function tieBreaker(key: string, variable = "n"): string {
  return `coalesce(${variable}.sortKey, '') + '\\u0001' + ${variable}.${key}`;
}

/** Rows after `$after` and before `$before` (each may be null), in the ordering's sense. */
export function keysetCondition(ordering: Ordering, key: string, variable = "n"): string {
  const [op, back] = ordering.descending ? ["<", ">"] : [">", "<"];
  const value = sortValue(ordering);
  const tie = tieBreaker(key, variable);
  return `($after IS NULL OR ${value} ${op} $after.value OR (${value} = $after.value AND ${tie} > $after.key))
     AND ($before IS NULL OR ${value} ${back} $before.value OR (${value} = $before.value AND ${tie} < $before.key))`;
}

/** The ordering, or its reverse for a backward read (pageOf turns the rows back). */
export function orderClause(ordering: Ordering, key: string, variable = "n", backward = false): string {
  const descending = Boolean(ordering.descending) !== backward;
  return `ORDER BY ${sortValue(ordering)}${descending ? " DESC" : ""}, ${tieBreaker(key, variable)}${backward ? " DESC" : ""}`;
}

/**
 * The keyset condition of a forward later page only (no `$after IS NULL OR …`, which hides the order
 * from the planner). For a non-null ordering it adds the redundant range `expr >= $after.value`, so the
 * page starts with an index seek.
 */
export function afterCondition(ordering: Ordering, key: string, variable = "n", param = "$after"): string {
  const op = ordering.descending ? "<" : ">";
  const value = sortValue(ordering);
  const range = indexable(ordering) ? `${ordering.expression} ${op}= ${param}.value AND ` : "";
  return `${range}(${value} ${op} ${param}.value OR (${value} = ${param}.value AND ${tieBreaker(key, variable)} > ${param}.key))`;
}

/** A non-null plain property (`n.name`), which a range index can serve in order. */
export const indexable = (ordering: Ordering): boolean =>
  !ordering.nullable && /^\w+\.\w+$/.test(ordering.expression);

export function afterParam(after: Position | undefined): Props | null {
  return after ? { value: after.value, key: after.key } : null;
}

/** The keyset parameters of a window: $after, $before and $limit (one more row than the page). */
export function windowParams(window: PageWindow): Props {
  const bound = (p: Position | undefined) => (p ? { value: p.value, key: p.key } : null);
  return { after: bound(window.after), before: bound(window.before), limit: window.size + 1 };
}

/** A full read (no paging), e.g. a small list. */
export const ALL_ROWS = (size: number): PageWindow => ({ size, backward: false });

/** For each parent key `k` (its node `p`), inside `CALL (p) {`: the related nodes `n` that pass `where`. */
function eachParentsRelated(spec: RelationSpec, where: string): string {
  const [label, parentKey] = spec.from;
  return `UNWIND $keys AS k
     OPTIONAL MATCH (p:${label} {${parentKey}: k})
     CALL (p) {
       MATCH ${spec.pattern}
       WHERE ${spec.where ?? "true"} AND ${where}`;
}

/** For each parent key, one page of related nodes: one round trip for the whole batch. */
export async function relatedPages(
  db: Queryable,
  spec: RelationSpec,
  parentKeys: readonly string[],
  window: PageWindow,
  where = "true",
  params: Props = {},
): Promise<Page<RelatedItem>[]> {
  const rows = await db.read(
    `${eachParentsRelated(spec, where)} AND ${keysetCondition(spec.ordering, spec.key)}
       WITH DISTINCT n${spec.extra ? `, ${spec.extra} AS extra` : ", null AS extra"}
       ${orderClause(spec.ordering, spec.key, "n", window.backward)}
       LIMIT toInteger($limit)
       RETURN collect({node: properties(n), labels: labels(n), extra: extra, sortValue: ${sortValue(spec.ordering)},
                       tie: ${tieBreaker(spec.key)}}) AS items
     }
     RETURN k, items`,
    { ...params, keys: parentKeys, ...windowParams(window) },
  );
  const byKey = new Map(rows.map((r) => [r.k as string, r.items as RelatedItem[]]));
  return parentKeys.map((k) => pageOf(byKey.get(k) ?? [], window));
}

/** For each parent key, the number of related nodes. */
export async function relatedCounts(
  db: Queryable,
  spec: RelationSpec,
  parentKeys: readonly string[],
  where = "true",
  params: Props = {},
): Promise<number[]> {
  const rows = await db.read(
    `${eachParentsRelated(spec, where)}
       RETURN count(DISTINCT n) AS total
     }
     RETURN k, total`,
    { ...params, keys: parentKeys },
  );
  const byKey = new Map(rows.map((r) => [r.k as string, Number(r.total)]));
  return parentKeys.map((k) => byKey.get(k) ?? 0);
}

/** For each parent key, all related nodes (for small lists: conditions, places, broader topic). */
export async function relatedLists(
  db: Queryable,
  spec: RelationSpec,
  parentKeys: readonly string[],
  cap = 200,
): Promise<RelatedItem[][]> {
  const pages = await relatedPages(db, spec, parentKeys, ALL_ROWS(cap));
  return pages.map((p) => p.items);
}

/** Nodes of one label by key, in key order (missing ones as undefined). */
export async function nodesByKeys(
  db: Queryable,
  label: string,
  keyProperty: string,
  keys: readonly string[],
): Promise<(Props | undefined)[]> {
  const rows: Row[] = await db.read(
    `UNWIND $keys AS k MATCH (n:${label} {${keyProperty}: k}) RETURN k, properties(n) AS props`,
    { keys },
  );
  const byKey = new Map(rows.map((r) => [r.k as string, r.props as Props]));
  return keys.map((k) => byKey.get(k));
}

/**
 * Where a root list starts: by default every node of the label; a filter on a related node (a topic,
 * a condition, a municipality) can start there instead, so the query expands from one indexed node
 * rather than testing every node of the label. `match` binds `n` and may yield duplicates.
 */
export function rootMatch(label: string, match: string | undefined): string {
  return match ? `${match} WITH DISTINCT n` : `MATCH (n:${label})`;
}

/**
 * One page of a root list: nodes of `label` matching `where`, in keyset order. With `withTotal`, the
 * number of all matches comes from the same query (one round trip for a page with `totalCount`).
 */
export async function rootPage(
  db: Queryable,
  label: string,
  key: string,
  ordering: Ordering,
  condition: { where: string; params: Props; match?: string },
  window: PageWindow,
  withTotal = false,
): Promise<Page<RelatedItem> & { total?: number }> {
  // A first page and a later page are different queries, so that the order can come from the index
  // (`expr IS NOT NULL` lets the planner scan the property index in order instead of sorting the label).
  const position = window.before
    ? keysetCondition(ordering, key)
    : window.after && !window.backward
      ? afterCondition(ordering, key)
      : window.after
        ? keysetCondition(ordering, key)
        : indexable(ordering)
          ? `${ordering.expression} IS NOT NULL`
          : "true";
  const page = `${rootMatch(label, condition.match)}
     WHERE ${condition.where} AND ${position}
     WITH n, ${sortValue(ordering)} AS sortValue
     ${orderClause(ordering, key, "n", window.backward)}
     LIMIT toInteger($limit)`;
  const params = { ...condition.params, ...windowParams(window) };
  const item = `{node: properties(n), labels: labels(n), sortValue: sortValue, tie: ${tieBreaker(key)}}`;
  const rows = withTotal
    ? await db.read(
        condition.match
          ? // Started from a related node, the page is sorted from the matches anyway: find them once,
            // count them and sort the page from that list (the two subqueries read them twice).
            `${rootMatch(label, condition.match)} WHERE ${condition.where}
             WITH collect(n) AS matches
             CALL (matches) { UNWIND matches AS n WITH n WHERE ${position}
               WITH n, ${sortValue(ordering)} AS sortValue
               ${orderClause(ordering, key, "n", window.backward)}
               LIMIT toInteger($limit)
               RETURN collect(${item}) AS rows }
             WITH size(matches) AS total, rows
             UNWIND CASE WHEN rows = [] THEN [null] ELSE rows END AS row
             RETURN row.node AS node, row.labels AS labels, row.sortValue AS sortValue, row.tie AS tie, total`
          : // Without one, the page is an index-ordered read that stops after $limit rows: only the
            // count reads every match.
            `CALL () { ${rootMatch(label, condition.match)} WHERE ${condition.where} RETURN count(n) AS total }
         CALL () { ${page} RETURN collect(${item}) AS rows }
         UNWIND CASE WHEN rows = [] THEN [null] ELSE rows END AS row
         RETURN row.node AS node, row.labels AS labels, row.sortValue AS sortValue, row.tie AS tie, total`,
        params,
      )
    : await db.read(
        `${page} RETURN properties(n) AS node, labels(n) AS labels, sortValue, ${tieBreaker(key)} AS tie`,
        params,
      );
  const items = rows
    .filter((r) => r.node != null)
    .map((r) => ({
      node: r.node as Props,
      labels: r.labels as string[],
      extra: null,
      sortValue: r.sortValue as RelatedItem["sortValue"],
      tie: r.tie as string,
    }));
  const result = pageOf(items, window);
  return withTotal ? { ...result, total: Number(rows[0]?.total ?? 0) } : result;
}

export async function rootCount(
  db: Queryable,
  label: string,
  condition: { where: string; params: Props; match?: string },
): Promise<number> {
  const rows = await db.read(
    `${rootMatch(label, condition.match)} WHERE ${condition.where} RETURN count(n) AS total`,
    condition.params,
  );
  return Number(rows[0]?.total ?? 0);
}
