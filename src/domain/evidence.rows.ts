import { EVIDENCE_WEIGHTS as W } from "./evidence";
import {
  type PlaceKind,
  type PlaceRefs,
  WORKS_IN_RELATIONSHIPS,
  inCircle,
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
 * Where the evidence query starts: from the topics (every candidate), from the organisations in the
 * list variable `pageOrgs` (only their own relationships are expanded, never the topics' again), or,
 * for a `near` question without national organisations, from the circle's municipalities: there every
 * piece of evidence needs a place in the circle, so the rows are the same and only the circle's part
 * of the graph is read.
 */
export type EvidenceStart = "topics" | "pageOrgs" | "circle";

/** How one kind of evidence is reached from each start: `o`, `t` (and the item) bound, then filtered. */
interface Starts {
  /** From t (bound by UNWIND topics). */
  topics: string;
  /** From o (bound by UNWIND pageOrgs). */
  pageOrgs: string;
  /** The node `circle` reaches (o, or the item) from a municipality x of the circle ... */
  circleNode: string;
  circle: string;
  /** ... and the rest of the pattern from it to t. */
  fromCircle: string;
}

/** The starting MATCH of one kind of evidence, binding o, t and the item. */
function start(from: EvidenceStart, s: Starts): string {
  const active = "o.status = 'ACTIVE' AND o.scope IN $scopes";
  switch (from) {
    case "topics":
      return `UNWIND topics AS t
  MATCH ${s.topics}
  WHERE ${active}`;
    case "pageOrgs":
      return `UNWIND pageOrgs AS o
  MATCH ${s.pageOrgs}
  WHERE t IN topics AND ${active}`;
    case "circle":
      // Each node once, however many of its places lie in the circle (the rows stay one per relationship).
      return `CALL () {
    MATCH (x:Municipality) WHERE ${inCircle("x")}
    MATCH ${s.circle}
    RETURN DISTINCT ${s.circleNode}
  }
  MATCH ${s.fromCircle}
  WHERE t IN topics AND ${active}`;
  }
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
  ${start(from, {
    topics: "(t)<-[:WORKS_ON]-(o:Organisation)",
    pageOrgs: "(o)-[:WORKS_ON]->(t:Topic)",
    circleNode: "o",
    circle: `(x)<-[:${WORKS_IN_RELATIONSHIPS}]-(o:Organisation)`,
    fromCircle: "(o)-[:WORKS_ON]->(t:Topic)",
  })}
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
  ${start(from, {
    topics: "(t)<-[:ABOUT]-(e:Experience)<-[:SHARED]-(o:Organisation)",
    pageOrgs: "(o)-[:SHARED]->(e:Experience)-[:ABOUT]->(t:Topic)",
    circleNode: "e",
    circle: "(x)<-[:IN]-(e:Experience)",
    fromCircle: "(o:Organisation)-[:SHARED]->(e)-[:ABOUT]->(t:Topic)",
  })}
  ${bestPlace(kind, "e", "IN", `${W.experienceInProvince}`, refs)}
  WITH t, e, o, best WHERE best IS NOT NULL
  RETURN o, {kind: 'EXPERIENCE', topic: t, place: best.place,
             weight: ${W.experience} * best.weight, experience: e, initiative: null, role: null} AS ev
  UNION ALL
  ${start(from, {
    topics: "(t)<-[:ABOUT]-(i:Initiative)<-[r:PARTICIPATES_IN]-(o:Organisation)",
    pageOrgs: "(o)-[r:PARTICIPATES_IN]->(i:Initiative)-[:ABOUT]->(t:Topic)",
    circleNode: "i",
    circle: "(x)<-[:ACTIVE_IN]-(i:Initiative)",
    fromCircle: "(o:Organisation)-[r:PARTICIPATES_IN]->(i)-[:ABOUT]->(t:Topic)",
  })}
  ${bestPlace(kind, "i", "ACTIVE_IN", `${W.experienceInProvince}`, refs)}
  WITH t, i, r, o, best WHERE best IS NOT NULL
  RETURN o, {kind: 'INITIATIVE', topic: t, place: best.place,
             weight: ${W.initiative} * best.weight * coalesce($roleWeights[r.role], ${W.otherRole}),
             experience: null, initiative: i, role: r.role} AS ev
}`;
}

/** The score of an organisation from its evidence rows `ev`: the rounded sum of the weights. */
export const EVIDENCE_SCORE = "round(sum(ev.weight), 4)";
