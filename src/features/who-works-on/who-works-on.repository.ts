import type { Queryable } from "../../db/database";
import type { Position } from "../../graph/common/cursor";
import type { Props } from "../../graph/common/node.repository";
import { type ResolvedPlace, placeParams } from "../../graph/place/place.repository";

export interface EvidenceRow {
  kind: "WORKS_ON" | "EXPERIENCE" | "INITIATIVE";
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
}

export interface WhoWorksOnResult {
  rows: WhoWorksOnRow[];
  hasNextPage: boolean;
  total: number;
}

// Evidence is carried as node references while every candidate is scored; only the page's evidence is
// turned into property maps (a popular topic has tens of thousands of pieces of evidence).

/** Evidence weights: concrete, located work (an experience, an initiative) says more than a profile line. */
export const WEIGHTS = {
  worksOn: 1.0,
  subtopic: 0.8,
  experience: 1.5,
  initiative: 1.5,
  regionalViaProvince: 0.7,
  national: 0.4,
  experienceInProvince: 0.5,
  role: { COORDINATOR: 1.0, ORGANISER: 1.0, PARTNER: 0.8, SUPPORTER: 0.5 },
} as const;

/**
 * How well place node `x` matches the asked place, as a Cypher CASE (null: no match). Used for the
 * places of organisations, experiences and initiatives alike. `regionalVar` names the organisation
 * whose scope decides whether a province counts for a municipality question.
 */
function placeWeight(x: string, provinceForMunicipality: string): string {
  return `CASE
    WHEN $placeKind IS NULL THEN 1.0
    WHEN ${x} IS NULL THEN null
    WHEN $placeKind = 'municipality' AND ${x}:Municipality AND ${x}.code = $municipalityCode THEN 1.0
    WHEN $placeKind = 'municipality' AND ${x}:Province AND ${x}.code = $provinceCode THEN ${provinceForMunicipality}
    WHEN $placeKind = 'province' AND ${x}:Province AND ${x}.code = $provinceCode THEN 1.0
    WHEN $placeKind = 'province' AND ${x}:Municipality AND EXISTS { (${x})-[:IN_PROVINCE]->(:Province {code: $provinceCode}) } THEN 1.0
    WHEN $placeKind = 'near' AND ${x}:Municipality AND point.distance(${x}.location, point({latitude: $lat, longitude: $lon})) <= $radiusM THEN 1.0
    ELSE null END`;
}

/** The best-matching place of `owner` over `rel` as {place, labels, weight}, or null. */
function bestPlace(owner: string, rel: string, provinceForMunicipality: string): string {
  return `CALL (${owner}) {
      OPTIONAL MATCH (${owner})-[:${rel}]->(x)
      WITH x, ${placeWeight("x", provinceForMunicipality)} AS w
      ORDER BY coalesce(w, -1) DESC
      RETURN collect(CASE WHEN w IS NOT NULL THEN {place: CASE WHEN $placeKind IS NULL THEN null ELSE x END, weight: w} END)[0] AS best
    }`;
}

/** The three kinds of evidence as rows (o, ev) for the organisations that pass `orgFilter`. */
function evidence(scope: string, orgFilter: string): string {
  return `CALL (${scope}) {
  UNWIND topics AS t
  MATCH (t)<-[:WORKS_ON]-(o:Organisation)
  WHERE o.status = 'ACTIVE' AND o.scope IN $scopes AND ${orgFilter}
  ${bestPlace("o", "ACTIVE_IN|BASED_IN", `CASE WHEN o.scope = 'REGIONAL' THEN ${WEIGHTS.regionalViaProvince} ELSE null END`)}
  WITH root, t, o, CASE
    WHEN best IS NOT NULL THEN best
    WHEN o.scope = 'NATIONAL' AND $includeNational THEN {place: null, weight: ${WEIGHTS.national}}
    ELSE null END AS match
  WHERE match IS NOT NULL
  RETURN o, {kind: 'WORKS_ON', topic: t, place: match.place,
             weight: match.weight * CASE WHEN t = root THEN ${WEIGHTS.worksOn} ELSE ${WEIGHTS.subtopic} END,
             experience: null, initiative: null, role: null} AS ev
  UNION ALL
  UNWIND topics AS t
  MATCH (t)<-[:ABOUT]-(e:Experience)<-[:SHARED]-(o:Organisation)
  WHERE o.status = 'ACTIVE' AND o.scope IN $scopes AND ${orgFilter}
  ${bestPlace("e", "IN", `${WEIGHTS.experienceInProvince}`)}
  WITH t, e, o, best WHERE best IS NOT NULL
  RETURN o, {kind: 'EXPERIENCE', topic: t, place: best.place,
             weight: ${WEIGHTS.experience} * best.weight, experience: e, initiative: null, role: null} AS ev
  UNION ALL
  UNWIND topics AS t
  MATCH (t)<-[:ABOUT]-(i:Initiative)<-[r:PARTICIPATES_IN]-(o:Organisation)
  WHERE o.status = 'ACTIVE' AND o.scope IN $scopes AND ${orgFilter}
  ${bestPlace("i", "ACTIVE_IN", `${WEIGHTS.experienceInProvince}`)}
  WITH t, i, r, o, best WHERE best IS NOT NULL
  RETURN o, {kind: 'INITIATIVE', topic: t, place: best.place,
             weight: ${WEIGHTS.initiative} * best.weight * coalesce($roleWeights[r.role], 0.5),
             experience: null, initiative: i, role: r.role} AS ev
}`;
}

/**
 * Two passes so that memory stays bounded on popular topics: the first scores every candidate
 * (aggregating weights as they stream, keeping no evidence), the second gathers the evidence of the
 * page's organisations only.
 */
const QUERY = `
MATCH (root:Topic {id: $topic})
CALL (root) {
  MATCH (root)<-[:SUBTOPIC_OF*0..6]-(t:Topic) WHERE $deep OR t = root
  RETURN collect(DISTINCT t) AS topics
}
${evidence("root, topics", "true")}
WITH root, topics, o, round(sum(ev.weight), 4) AS score, count(*) AS evidenceCount
WITH root, topics, collect({o: o, score: score, n: evidenceCount}) AS candidates
WITH root, topics, size(candidates) AS total,
     [h IN candidates WHERE $after IS NULL OR h.score < $after.value OR (h.score = $after.value AND h.o.id > $after.key)] AS rest
CALL (rest) {
  UNWIND rest AS hit
  WITH hit ORDER BY hit.score DESC, hit.o.id
  LIMIT toInteger($limit)
  RETURN collect(hit) AS pageHits
}
WITH root, topics, total, pageHits, [h IN pageHits | h.o] AS pageOrgs
OPTIONAL CALL (root, topics, pageOrgs) {
  ${evidence("root, topics, pageOrgs", "o IN pageOrgs")}
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
       [h IN pageHits | {organisation: properties(h.o), score: h.score, evidenceCount: h.n,
                         evidence: coalesce([x IN evidenceOf WHERE x.o = h.o | x.strongest][0], [])}] AS page`;

export class WhoWorksOnRepository {
  constructor(private readonly db: Queryable) {}

  async find(args: {
    topic: string;
    includeSubtopics: boolean;
    place: ResolvedPlace | undefined;
    scopes: string[];
    includeNational: boolean;
    first: number;
    after: Position | undefined;
  }): Promise<WhoWorksOnResult> {
    const rows = await this.db.read(QUERY, {
      topic: args.topic,
      deep: args.includeSubtopics,
      scopes: args.scopes,
      includeNational: args.includeNational,
      roleWeights: WEIGHTS.role,
      ...{ municipalityCode: null, provinceCode: null, lat: null, lon: null, radiusM: null },
      ...placeParams(args.place),
      limit: args.first + 1,
      after: args.after ? { value: args.after.value, key: args.after.key } : null,
    });
    const row = rows[0];
    const hits = ((row?.page ?? []) as WhoWorksOnRow[]).map((h) => ({
      ...h,
      score: Number(h.score),
      evidenceCount: Number(h.evidenceCount),
    }));
    return {
      rows: hits.slice(0, args.first),
      hasNextPage: hits.length > args.first,
      total: Number(row?.total ?? 0),
    };
  }
}
