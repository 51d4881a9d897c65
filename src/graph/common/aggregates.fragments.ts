import { WORKS_IN_RELATIONSHIPS, identifier, worksInMunicipalityOf } from "../../domain";

/**
 * The maintained aggregates (decision 0048), as Cypher fragments the readers and the maintenance share.
 *
 * - `WhoWorksOnScore` nodes: whoWorksOn's score of one organisation for one topic (with its subtopics)
 *   and one kind of asked place; `rank` orders them (index) so that a page is an index range read.
 * - `MunicipalityTopics` nodes: per municipality the topic counts of `Municipality.topics`.
 * - `AggregateFootprint` nodes: per source (organisation, experience, initiative) what it contributes
 *   to, so that a write (or a delete) knows which aggregates to recompute, and its relationship counts.
 * - One `AggregateState` node: the totals of those counts. When they equal Neo4j's count store, every
 *   relationship the aggregates rest on went through the maintenance; otherwise (a raw write) the
 *   readers answer from the live graph.
 * All stand apart (no relationships), like AuditEvent nodes: no traversal meets them.
 */

/** The counts the aggregates rest on, each answered by Neo4j's count store (O(1)). */
export const COUNTERS = [
  "(:Organisation)",
  "(:Experience)",
  "(:Initiative)",
  "(:Topic)",
  "(:Organisation)-[:WORKS_ON]->()",
  "(:Organisation)-[:ACTIVE_IN]->()",
  "(:Organisation)-[:BASED_IN]->()",
  "()-[:SHARED]->(:Experience)",
  "()-[:PARTICIPATES_IN]->(:Initiative)",
  "(:Experience)-[:ABOUT]->()",
  "(:Experience)-[:IN]->()",
  "(:Initiative)-[:ABOUT]->()",
  "(:Initiative)-[:ACTIVE_IN]->()",
  "()-[:SUBTOPIC_OF]->()",
] as const;

/** The id of the one AggregateState node. */
export const STATE_ID = "aggregates";

/** Binds `fresh`: whether the maintained totals equal the count store (a CALL, O(1)). */
export function freshness(fresh = "fresh"): string {
  const counts = COUNTERS.map((pattern, i) => `CALL () { MATCH ${pattern} RETURN count(*) AS c${i} }`).join(
    "\n    ",
  );
  return `CALL () {
    ${counts}
    OPTIONAL MATCH (state:AggregateState {id: '${STATE_ID}'})
    RETURN coalesce(state.counts = [${COUNTERS.map((_, i) => `c${i}`).join(", ")}], false) AS ${identifier(fresh)}
  }`;
}

/**
 * The counts a source contributes (aligned with COUNTERS), as a Cypher list over its node: the
 * relationships only that source's writes change (SHARED and PARTICIPATES_IN on the item's side).
 */
export const SOURCE_COUNTS = {
  Organisation: (o: string) =>
    `[1, 0, 0, 0, COUNT { (${o})-[:WORKS_ON]->() }, COUNT { (${o})-[:ACTIVE_IN]->() }, COUNT { (${o})-[:BASED_IN]->() }, 0, 0, 0, 0, 0, 0, 0]`,
  Experience: (e: string) =>
    `[0, 1, 0, 0, 0, 0, 0, COUNT { ()-[:SHARED]->(${e}) }, 0, COUNT { (${e})-[:ABOUT]->() }, COUNT { (${e})-[:IN]->() }, 0, 0, 0]`,
  Initiative: (i: string) =>
    `[0, 0, 1, 0, 0, 0, 0, 0, COUNT { ()-[:PARTICIPATES_IN]->(${i}) }, 0, 0, COUNT { (${i})-[:ABOUT]->() }, COUNT { (${i})-[:ACTIVE_IN]->() }, 0]`,
};

/** The stored score's key: topic id, then the asked place ('' none, a CBS code, or 'PVxx*'). */
export function scoreKey(topic: string, place: string): string {
  return `${topic} + '|' + ${place}`;
}

/**
 * The place part of a key for "a municipality of province P that the organisation has nothing in":
 * only its province-level evidence counts there, the same for every such municipality.
 */
export const PROVINCE_ONLY_SUFFIX = "*";

/** Upper bound of an inverted score (scores are rounded to 4 decimals, far below 10^11). */
const INVERT = "999999999999999";

/**
 * The index order of stored scores: key, then score descending, then the tie-breaker ascending (the
 * order and the cursor of whoWorksOn), as one string: `key U+0001 inverted-score U+0001 tie`.
 */
export function rankOf(key: string, score: string, tie: string): string {
  return `${key} + '\\u0001' + right('000000000000000' + toString(${INVERT} - toInteger(round(${score} * 10000))), 15) + '\\u0001' + ${tie}`;
}

/** The smallest rank of a key (every rank of the key is greater) and the bound above them. */
export function rankRange(key: string): { from: string; to: string } {
  return { from: `${key} + '\\u0001'`, to: `${key} + '\\u0002'` };
}

/**
 * Rows (t, organisationCount, experienceCount) of the topics worked on in municipality `m` (province
 * `mp`): organisations active in or based in it (or regional and active in its province) per topic
 * they work on, and experiences located there. The definition of `Municipality.topics`' counts.
 */
export function municipalityTopicRows(m: string, mp: string): string {
  const mv = identifier(m);
  const pv = identifier(mp);
  return `CALL (${mv}, ${pv}) {
         CALL (${mv}, ${pv}) {
           CALL (${mv}, ${pv}) {
             MATCH (${mv})<-[:${WORKS_IN_RELATIONSHIPS}]-(o:Organisation)
             RETURN o
             UNION
             MATCH (${pv})<-[:${WORKS_IN_RELATIONSHIPS}]-(o:Organisation)
             RETURN o
           }
           WITH o WHERE ${worksInMunicipalityOf("o", mv, pv)}
           MATCH (o)-[:WORKS_ON]->(t:Topic)
           WITH t, count(DISTINCT o) AS organisationCount
           RETURN t, organisationCount, 0 AS experienceCount
           UNION ALL
           MATCH (${mv})<-[:IN]-(:Experience)-[:ABOUT]->(t:Topic)
           RETURN t, 0 AS organisationCount, count(*) AS experienceCount
         }
         RETURN t, sum(organisationCount) AS organisationCount, sum(experienceCount) AS experienceCount
       }`;
}

/** The same key as scoreKey, built in TypeScript for the readers' parameters. */
export function scoreKeyOf(topic: string, place: string): string {
  return `${topic}|${place}`;
}
