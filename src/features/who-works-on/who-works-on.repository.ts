import type { Queryable } from "../../db/database";
import { type PageFlags, type PageWindow, pageOf } from "../../graph/common/connection.type";
import { type Props, tieBreaker, windowParams } from "../../graph/common/node.repository";
import {
  EVIDENCE_WEIGHTS as W,
  type EvidenceKindName,
  type ResolvedPlace,
  WORKS_IN_RELATIONSHIPS,
  placeParams,
  placeWeight,
  regionalWeight,
  topicClosure,
} from "../../domain";

export interface EvidenceRow {
  kind: EvidenceKindName;
  weight: number;
  topic: Props;
  place: Props | null;
  placeLabels: string[] | null;
  experience: Props | null;
  initiative: Props | null;
  role: string | null;
}

export interface WhoWorksOnRow {
  organisation: Props;
  score: number;
  evidence: EvidenceRow[];
  evidenceCount: number;
  /** The cursor's tie-breaker (name, then key). */
  tie: string;
}

export interface WhoWorksOnResult extends PageFlags {
  rows: WhoWorksOnRow[];
  total: number;
}

// Evidence is carried as node references while every candidate is scored; only the page's evidence is
// turned into property maps (a popular topic has tens of thousands of pieces of evidence).

/** The best-matching place of `owner` over `rel` as {place, weight}, or null (domain: works-in). */
function bestPlace(
  place: ResolvedPlace | undefined,
  owner: string,
  rel: string,
  provinceWeight: string,
): string {
  return `CALL (${owner}) {
      OPTIONAL MATCH (${owner})-[:${rel}]->(x)
      WITH x, ${placeWeight(place, "x", provinceWeight)} AS w
      ORDER BY coalesce(w, -1) DESC
      RETURN collect(CASE WHEN w IS NOT NULL THEN {place: CASE WHEN $placeKind IS NULL THEN null ELSE x END, weight: w} END)[0] AS best
    }`;
}

/**
 * Where the evidence query starts: from the topics (the first pass, every candidate) or from the page's
 * organisations (the second pass: only their own relationships are expanded, never the topics' again).
 */
type Start = "topics" | "pageOrgs";

/** The starting MATCH of one kind of evidence: `fromTopics` reads from t, `fromOrgs` from o. */
function start(from: Start, fromTopics: string, fromOrgs: string): string {
  return from === "topics"
    ? `UNWIND topics AS t
  MATCH ${fromTopics}
  WHERE o.status = 'ACTIVE' AND o.scope IN $scopes`
    : `UNWIND pageOrgs AS o
  MATCH ${fromOrgs}
  WHERE t IN topics AND o.status = 'ACTIVE' AND o.scope IN $scopes`;
}

/** The three kinds of evidence as rows (o, ev), for every candidate or for the page's organisations. */
function evidence(place: ResolvedPlace | undefined, scope: string, from: Start): string {
  return `CALL (${scope}) {
  ${start(from, "(t)<-[:WORKS_ON]-(o:Organisation)", "(o)-[:WORKS_ON]->(t:Topic)")}
  ${bestPlace(place, "o", WORKS_IN_RELATIONSHIPS, regionalWeight("o"))}
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
  ${bestPlace(place, "e", "IN", `${W.experienceInProvince}`)}
  WITH t, e, o, best WHERE best IS NOT NULL
  RETURN o, {kind: 'EXPERIENCE', topic: t, place: best.place,
             weight: ${W.experience} * best.weight, experience: e, initiative: null, role: null} AS ev
  UNION ALL
  ${start(from, "(t)<-[:ABOUT]-(i:Initiative)<-[r:PARTICIPATES_IN]-(o:Organisation)", "(o)-[r:PARTICIPATES_IN]->(i:Initiative)-[:ABOUT]->(t:Topic)")}
  ${bestPlace(place, "i", "ACTIVE_IN", `${W.experienceInProvince}`)}
  WITH t, i, r, o, best WHERE best IS NOT NULL
  RETURN o, {kind: 'INITIATIVE', topic: t, place: best.place,
             weight: ${W.initiative} * best.weight * coalesce($roleWeights[r.role], ${W.otherRole}),
             experience: null, initiative: i, role: r.role} AS ev
}`;
}

/**
 * Two passes so that memory stays bounded on popular topics: the first scores every candidate
 * (aggregating weights as they stream, keeping no evidence), the second gathers the evidence of the
 * page's organisations only, starting from them.
 */
function query(place: ResolvedPlace | undefined): string {
  return `
MATCH (root:Topic {id: $topic})
${topicClosure("root")}
${evidence(place, "root, topics", "topics")}
WITH root, topics, o, round(sum(ev.weight), 4) AS score, count(*) AS evidenceCount
WITH root, topics, collect({o: o, score: score, n: evidenceCount, t: ${tieBreaker("id", "o")}}) AS candidates
WITH root, topics, size(candidates) AS total,
     [h IN candidates WHERE ($after IS NULL OR h.score < $after.value OR (h.score = $after.value AND h.t > $after.key))
                        AND ($before IS NULL OR h.score > $before.value OR (h.score = $before.value AND h.t < $before.key))] AS rest
CALL (rest) {
  UNWIND rest AS hit
  WITH hit ORDER BY hit.score DESC, hit.t
  WITH collect(hit) AS sorted
  // Reading backward: the rows nearest to $before first (pageOf turns them back).
  RETURN CASE WHEN $backward THEN reverse(sorted[-toInteger($limit)..]) ELSE sorted[..toInteger($limit)] END AS pageHits
}
WITH root, topics, total, pageHits, [h IN pageHits | h.o] AS pageOrgs
OPTIONAL CALL (root, topics, pageOrgs) {
  ${evidence(place, "root, topics, pageOrgs", "pageOrgs")}
  WITH o, collect(ev) AS all
  CALL (all) {
    // The strongest evidence, taken round-robin over the kinds so that one kind cannot hide the others.
    UNWIND all AS e
    WITH e ORDER BY e.weight DESC
    WITH e.kind AS kind, collect(e) AS byKind
    UNWIND range(0, size(byKind) - 1) AS rank
    WITH byKind[rank] AS e, rank ORDER BY rank, e.weight DESC
    LIMIT 10
    RETURN collect({kind: e.kind, weight: e.weight, topic: properties(e.topic),
                    place: CASE WHEN e.place IS NULL THEN null ELSE properties(e.place) END,
                    placeLabels: CASE WHEN e.place IS NULL THEN null ELSE labels(e.place) END,
                    experience: CASE WHEN e.experience IS NULL THEN null ELSE properties(e.experience) END,
                    initiative: CASE WHEN e.initiative IS NULL THEN null ELSE properties(e.initiative) END,
                    role: e.role}) AS strongest
  }
  RETURN collect({o: o, strongest: strongest}) AS evidenceOf
}
RETURN total,
       [h IN pageHits | {organisation: properties(h.o), score: h.score, evidenceCount: h.n, tie: h.t,
                         evidence: coalesce([x IN evidenceOf WHERE x.o = h.o | x.strongest][0], [])}] AS page`;
}

/** One query text per kind of place (the place's own branch only), built once. */
const QUERIES = new Map<string, string>();
function queryFor(place: ResolvedPlace | undefined): string {
  const kind = place?.kind ?? "none";
  let text = QUERIES.get(kind);
  if (!text) QUERIES.set(kind, (text = query(place)));
  return text;
}

export class WhoWorksOnRepository {
  constructor(private readonly db: Queryable) {}

  async find(args: {
    topic: string;
    includeSubtopics: boolean;
    place: ResolvedPlace | undefined;
    scopes: string[];
    includeNational: boolean;
    window: PageWindow;
  }): Promise<WhoWorksOnResult> {
    const rows = await this.db.read(queryFor(args.place), {
      topic: args.topic,
      deep: args.includeSubtopics,
      scopes: args.scopes,
      includeNational: args.includeNational,
      roleWeights: W.role,
      ...placeParams(args.place),
      ...windowParams(args.window),
      backward: args.window.backward,
    });
    const row = rows[0];
    const hits = ((row?.page ?? []) as WhoWorksOnRow[]).map((h) => ({
      ...h,
      score: Number(h.score),
      evidenceCount: Number(h.evidenceCount),
    }));
    const page = pageOf(hits, args.window);
    return { ...page, rows: page.items, total: Number(row?.total ?? 0) };
  }
}
