import type { Queryable } from "../../db/database";
import { rootMatch } from "../../graph/common/node.repository";
import type { Condition } from "../../graph/organisation/organisation.repository";
import type { FacetValue, Facets } from "./facets.type";

/** All facets in one round trip: the filtered organisations are collected once and grouped five ways. */
export class FacetsRepository {
  constructor(private readonly db: Queryable) {}

  async facets(condition: Condition): Promise<Facets> {
    const rows = await this.db.read(
      `${rootMatch("Organisation", condition.match)} WHERE ${condition.where}
       WITH collect(n) AS orgs
       RETURN size(orgs) AS total,
         COLLECT { UNWIND orgs AS o MATCH (o)-[:WORKS_ON]->(t:Topic)
                   WITH t, count(DISTINCT o) AS c ORDER BY c DESC, t.sortKey, t.id
                   RETURN {value: t.id, label: t.name, count: c} } AS topics,
         COLLECT { UNWIND orgs AS o MATCH (o)-[:ACTIVE_IN|BASED_IN]->(x)
                   OPTIONAL MATCH (x)-[:IN_PROVINCE]->(viaMunicipality:Province)
                   WITH o, CASE WHEN x:Province THEN x ELSE viaMunicipality END AS p WHERE p IS NOT NULL
                   WITH p, count(DISTINCT o) AS c ORDER BY c DESC, p.sortKey, p.code
                   RETURN {value: p.code, label: p.name, count: c} } AS provinces,
         COLLECT { UNWIND orgs AS o WITH o.kind AS k, count(*) AS c WHERE k IS NOT NULL ORDER BY c DESC, k
                   RETURN {value: k, label: k, count: c} } AS kinds,
         COLLECT { UNWIND orgs AS o MATCH (o)-[:REPRESENTS]->(cd:Condition)
                   WITH cd, count(DISTINCT o) AS c ORDER BY c DESC, cd.sortKey, cd.id
                   RETURN {value: cd.id, label: cd.name, count: c} } AS conditions,
         COLLECT { UNWIND orgs AS o WITH o.scope AS s, count(*) AS c WHERE s IS NOT NULL ORDER BY c DESC, s
                   RETURN {value: s, label: s, count: c} } AS scopes`,
      condition.params,
    );
    const row = rows[0] ?? {};
    const list = (v: unknown): FacetValue[] => (Array.isArray(v) ? (v as FacetValue[]) : []);
    return {
      total: Number(row.total ?? 0),
      topics: list(row.topics),
      provinces: list(row.provinces),
      kinds: list(row.kinds),
      conditions: list(row.conditions),
      scopes: list(row.scopes),
    };
  }
}
