import { EVIDENCE_WEIGHTS as W } from "./evidence";
import {
  type PlaceKind,
  type PlaceRefs,
  WORKS_IN_RELATIONSHIPS,
  placeWeight,
  regionalWeight,
} from "./works-in";

/**
 * whoWorksOn's evidence as Cypher rows (o, ev): the three kinds of evidence of decision 0003, weighed
 * with the works-in rule's place match. whoWorksOn composes it for its live answer and the maintained
 * aggregates (graph/common/aggregates.*) compose the same text to store scores: one definition.
 */

/** The best-matching place of `owner` over `rel` as {place, weight}, or null (domain: works-in). */
function bestPlace(
  kind: PlaceKind | undefined,
  owner: string,
  rel: string,
  provinceWeight: string,
  refs: PlaceRefs | undefined,
): string {
  // Codes bound per row are variables: the subquery imports them with its owner.
  const bound = refs
    ? [...new Set(Object.values(refs))].filter((v) => /^[A-Za-z_]\w*$/.test(v) && v !== "null")
    : [];
  return `CALL (${[owner, ...bound].join(", ")}) {
      OPTIONAL MATCH (${owner})-[:${rel}]->(x)
      WITH x, ${placeWeight(kind, "x", provinceWeight, refs)} AS w
      ORDER BY coalesce(w, -1) DESC
      RETURN collect(CASE WHEN w IS NOT NULL THEN {place: CASE WHEN $placeKind IS NULL THEN null ELSE x END, weight: w} END)[0] AS best
    }`;
}

/**
 * Where the evidence query starts: from the topics (every candidate) or from the organisations in the
 * list variable `pageOrgs` (only their own relationships are expanded, never the topics' again).
 */
export type EvidenceStart = "topics" | "pageOrgs";

/** The starting MATCH of one kind of evidence: `fromTopics` reads from t, `fromOrgs` from o. */
function start(from: EvidenceStart, fromTopics: string, fromOrgs: string): string {
  return from === "topics"
    ? `UNWIND topics AS t
  MATCH ${fromTopics}
  WHERE o.status = 'ACTIVE' AND o.scope IN $scopes`
    : `UNWIND pageOrgs AS o
  MATCH ${fromOrgs}
  WHERE t IN topics AND o.status = 'ACTIVE' AND o.scope IN $scopes`;
}

/**
 * The three kinds of evidence as rows (o, ev) in a CALL over `scope` (which must bind `root`, `topics`
 * and, from "pageOrgs", `pageOrgs`). Reads $scopes, $includeNational, $roleWeights, $placeKind and the
 * place codes from `refs` (default: the parameters of placeParams).
 */
export function evidenceRows(
  kind: PlaceKind | undefined,
  scope: string,
  from: EvidenceStart,
  refs?: PlaceRefs,
): string {
  return `CALL (${scope}) {
  ${start(from, "(t)<-[:WORKS_ON]-(o:Organisation)", "(o)-[:WORKS_ON]->(t:Topic)")}
  ${bestPlace(kind, "o", WORKS_IN_RELATIONSHIPS, regionalWeight("o"), refs)}
  WITH root, t, o, CASE
    WHEN best IS NOT NULL THEN best
    WHEN o.scope = 'NATIONAL' AND $includeNational THEN {place: null, weight: ${W.national}}
    ELSE null END AS match
  WHERE match IS NOT NULL
  RETURN o, {kind: 'WORKS_ON', topic: t, place: match.place,
             weight: match.weight * CASE WHEN t = root THEN ${W.worksOn} ELSE ${W.subtopic} END,
             experience: null, initiative: null, role: null} AS ev
  UNION ALL
  ${start(from, "(t)<-[:ABOUT]-(e:Experience)<-[:SHARED]-(o:Organisation)", "(o)-[:SHARED]->(e:Experience)-[:ABOUT]->(t:Topic)")}
  ${bestPlace(kind, "e", "IN", `${W.experienceInProvince}`, refs)}
  WITH t, e, o, best WHERE best IS NOT NULL
  RETURN o, {kind: 'EXPERIENCE', topic: t, place: best.place,
             weight: ${W.experience} * best.weight, experience: e, initiative: null, role: null} AS ev
  UNION ALL
  ${start(from, "(t)<-[:ABOUT]-(i:Initiative)<-[r:PARTICIPATES_IN]-(o:Organisation)", "(o)-[r:PARTICIPATES_IN]->(i:Initiative)-[:ABOUT]->(t:Topic)")}
  ${bestPlace(kind, "i", "ACTIVE_IN", `${W.experienceInProvince}`, refs)}
  WITH t, i, r, o, best WHERE best IS NOT NULL
  RETURN o, {kind: 'INITIATIVE', topic: t, place: best.place,
             weight: ${W.initiative} * best.weight * coalesce($roleWeights[r.role], ${W.otherRole}),
             experience: null, initiative: i, role: r.role} AS ev
}`;
}

/** The score of an organisation from its evidence rows `ev`: the rounded sum of the weights. */
export const EVIDENCE_SCORE = "round(sum(ev.weight), 4)";
