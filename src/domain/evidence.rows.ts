import { identifier } from "./cypher.fragment";
import { type EvidenceKindName, EVIDENCE_WEIGHTS as W } from "./evidence";
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

/** An organisation `o` whose evidence counts (reads $scopes). */
export function evidenceCandidate(o: string): string {
  const v = identifier(o);
  return `${v}.status = 'ACTIVE' AND ${v}.scope IN $scopes`;
}

/** The starting MATCH of one kind of evidence, binding o, t and the item. */
function start(from: EvidenceStart, s: Starts): string {
  const active = evidenceCandidate("o");
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
 * The rule of each kind of evidence (decision 0003), shared by the rows below and the pieces
 * (evidence.pieces.ts): the path from the organisation `o` to the topic `t` (binding the item and, for
 * initiatives, the role `r`), the item whose places count, how they are linked, what a match in the
 * province of an asked municipality weighs, and the weight from the place match `w`.
 */
interface EvidenceRule {
  fromOrganisation: string;
  owner: string;
  placeRelationship: string;
  provinceWeight: string;
  role: string;
  weigh(w: string, t: string, root: string, role: string): string;
}

export const EVIDENCE_RULES: Readonly<Record<EvidenceKindName, EvidenceRule>> = {
  WORKS_ON: {
    fromOrganisation: "(o)-[:WORKS_ON]->(t:Topic)",
    owner: "o",
    placeRelationship: WORKS_IN_RELATIONSHIPS,
    provinceWeight: regionalWeight("o"),
    role: "null",
    weigh: (w, t, root) => `${w} * CASE WHEN ${t} = ${root} THEN ${W.worksOn} ELSE ${W.subtopic} END`,
  },
  EXPERIENCE: {
    fromOrganisation: "(o)-[:SHARED]->(e:Experience)-[:ABOUT]->(t:Topic)",
    owner: "e",
    placeRelationship: "IN",
    provinceWeight: `${W.experienceInProvince}`,
    role: "null",
    weigh: (w) => `${W.experience} * ${w}`,
  },
  INITIATIVE: {
    fromOrganisation: "(o)-[r:PARTICIPATES_IN]->(i:Initiative)-[:ABOUT]->(t:Topic)",
    owner: "i",
    placeRelationship: "ACTIVE_IN",
    provinceWeight: `${W.experienceInProvince}`,
    role: "r.role",
    weigh: (w, _t, _root, role) => `${W.initiative} * ${w} * coalesce($roleWeights[${role}], ${W.otherRole})`,
  },
};
const R = EVIDENCE_RULES;

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
    pageOrgs: R.WORKS_ON.fromOrganisation,
    circleNode: "o",
    circle: `(x)<-[:${WORKS_IN_RELATIONSHIPS}]-(o:Organisation)`,
    fromCircle: "(o)-[:WORKS_ON]->(t:Topic)",
  })}
  ${bestPlace(kind, R.WORKS_ON.owner, R.WORKS_ON.placeRelationship, R.WORKS_ON.provinceWeight, refs)}
  WITH root, t, o, CASE
    WHEN best IS NOT NULL THEN best
    WHEN o.scope = 'NATIONAL' AND $includeNational THEN {place: null, weight: ${W.national}}
    ELSE null END AS match
  WHERE match IS NOT NULL
  RETURN o, {kind: 'WORKS_ON', topic: t, place: match.place,
             weight: ${R.WORKS_ON.weigh("match.weight", "t", "root", R.WORKS_ON.role)},
             experience: null, initiative: null, role: null} AS ev
  UNION ALL
  ${start(from, {
    topics: "(t)<-[:ABOUT]-(e:Experience)<-[:SHARED]-(o:Organisation)",
    pageOrgs: R.EXPERIENCE.fromOrganisation,
    circleNode: "e",
    circle: "(x)<-[:IN]-(e:Experience)",
    fromCircle: "(o:Organisation)-[:SHARED]->(e)-[:ABOUT]->(t:Topic)",
  })}
  ${bestPlace(kind, R.EXPERIENCE.owner, R.EXPERIENCE.placeRelationship, R.EXPERIENCE.provinceWeight, refs)}
  WITH t, e, o, best WHERE best IS NOT NULL
  RETURN o, {kind: 'EXPERIENCE', topic: t, place: best.place,
             weight: ${R.EXPERIENCE.weigh("best.weight", "t", "root", R.EXPERIENCE.role)}, experience: e, initiative: null, role: null} AS ev
  UNION ALL
  ${start(from, {
    topics: "(t)<-[:ABOUT]-(i:Initiative)<-[r:PARTICIPATES_IN]-(o:Organisation)",
    pageOrgs: R.INITIATIVE.fromOrganisation,
    circleNode: "i",
    circle: "(x)<-[:ACTIVE_IN]-(i:Initiative)",
    fromCircle: "(o:Organisation)-[r:PARTICIPATES_IN]->(i)-[:ABOUT]->(t:Topic)",
  })}
  ${bestPlace(kind, R.INITIATIVE.owner, R.INITIATIVE.placeRelationship, R.INITIATIVE.provinceWeight, refs)}
  WITH t, i, r, o, best WHERE best IS NOT NULL
  RETURN o, {kind: 'INITIATIVE', topic: t, place: best.place,
             weight: ${R.INITIATIVE.weigh("best.weight", "t", "root", R.INITIATIVE.role)},
             experience: null, initiative: i, role: r.role} AS ev
}`;
}

/** The score of an organisation from its evidence rows `ev`: the rounded sum of the weights. */
export const EVIDENCE_SCORE = "round(sum(ev.weight), 4)";

/** The same score from a list expression of the weights (evidence.pieces). */
export function evidenceScoreOf(weights: string): string {
  return `round(reduce(s = 0.0, w IN ${weights} | s + w), 4)`;
}
