import type { Queryable } from "../../db/database";
import type { Props } from "../../graph/common/node.repository";
import { type ResolvedPlace, placeParams } from "../../graph/place/place.repository";
import { KIND_WORLDS, type MatchMode, type MatchWeights, POOL_SIZE, SCORING } from "./partners.scoring";

/** A node as the explanation needs it: key, name and label. */
export interface NodeRef {
  key: string;
  name: string;
  label: string;
}

export interface TopicMatchRow {
  topic: Props;
  organisationCount: number;
  weight: number;
  relation: "SAME" | "NARROWER" | "BROADER";
  via: Props | null;
}

export interface PlaceLinkRow {
  place: Props;
  labels: string[];
  /** How each side reaches the place: its relationship and, for a province, the municipality in between. */
  askerRel: string | null;
  askerVia: Props | null;
  candidateRel: string | null;
  candidateVia: Props | null;
}

export interface PartnerLinkRow {
  partner: NodeRef;
  askerInitiative: NodeRef;
  candidateInitiative: NodeRef;
}

export interface ExperienceTopicRow {
  topic: NodeRef;
  askerExperience: NodeRef;
  candidateExperience: NodeRef;
}

export interface SuggestionRow {
  organisation: Props;
  score: number;
  values: { topics: number; geography: number; conditions: number; network: number };
  topics: TopicMatchRow[];
  geo: {
    level: GeoLevel;
    distanceKm: number | null;
    places: PlaceLinkRow[];
    askerHome: NodeRef | null;
    candidateHome: NodeRef | null;
  };
  conditions: { asker: Props[]; candidate: Props[]; shared: Props[] };
  kinds: { asker: string; candidate: string; relation: "SAME_KIND" | "SAME_WORLD" | "OTHER_WORLD" };
  network: {
    partners: PartnerLinkRow[];
    events: NodeRef[];
    experiences: NodeRef[];
    experienceTopics: ExperienceTopicRow[];
    koepels: NodeRef[];
    memberOfAsker: boolean;
    askerMemberOf: boolean;
    existing: NodeRef[];
  };
}

export type GeoLevel =
  | "MUNICIPALITY"
  | "PROVINCE"
  | "NATIONAL"
  | "DISTANCE"
  | "NONE"
  | "IN_PLACE"
  | "PLACE_PROVINCE"
  | "PLACE_NATIONAL";

export interface PartnerQuery {
  organisation: string;
  topic: string | null;
  place: ResolvedPlace | undefined;
  mode: MatchMode;
  first: number;
  includeExisting: boolean;
  weights: MatchWeights;
}

export interface PartnerResult {
  organisationFound: boolean;
  topicFound: boolean;
  asker: Props | null;
  /** Organisations in the graph (N of the rarity). */
  total: number;
  suggestions: SuggestionRow[];
}

const REF = (v: string): string =>
  `{key: coalesce(${v}.id, ${v}.code), name: coalesce(${v}.name, ${v}.title), label: labels(${v})[0]}`;

/**
 * One round trip for the whole request.
 * 1. The asker's topics of interest (restricted to `$topic` and its subtopics) with their rarity, and its
 *    neighbourhood: initiatives, partners, events, experiences, koepels, conditions, places.
 * 2. First pass: candidates that share a topic (or a broader/narrower one), a partner, an event, an
 *    experience or (SIMILAR) a condition; cheap preliminary score; the best $pool go on.
 * 3. Full scoring of the pool: geography, conditions/kind, network; the best $limit come back with
 *    everything the explanation needs.
 */
export const SUGGEST_QUERY = `
OPTIONAL MATCH (a:Organisation {id: $organisation})
OPTIONAL MATCH (root:Topic {id: $topic})
CALL () { MATCH (o:Organisation) RETURN toFloat(count(o)) AS total }
CALL (a, root, total) {
  WITH a, root, total WHERE a IS NOT NULL AND ($topic = '' OR root IS NOT NULL)
  CALL (root) {
    OPTIONAL MATCH (root)<-[:SUBTOPIC_OF*0..6]-(t:Topic)
    RETURN collect(DISTINCT t) AS scope
  }
  WITH a, root, total, scope, [(a)-[:WORKS_ON]->(t:Topic) | t] AS own
  WITH a, root, total, scope, CASE
      WHEN root IS NULL THEN own
      WHEN any(t IN own WHERE t IN scope) THEN [t IN own WHERE t IN scope]
      ELSE scope END AS interest
  CALL (interest, root, scope, total) {
    UNWIND interest AS t
    CALL (t) {
      RETURN t AS u, 'SAME' AS relation
      UNION
      MATCH (t)<-[:SUBTOPIC_OF]-(u:Topic) RETURN u, 'NARROWER' AS relation
      UNION
      MATCH (t)-[:SUBTOPIC_OF]->(u:Topic) RETURN u, 'BROADER' AS relation
    }
    WITH t, u, relation WHERE root IS NULL OR u IN scope
    WITH t, u, relation, COUNT { (t)<-[:WORKS_ON]-() } AS nT, COUNT { (u)<-[:WORKS_ON]-() } AS nU
    WITH t, u, relation, nU,
         log(1 + total / toFloat(CASE WHEN nT < 1 THEN 1 ELSE nT END)) AS idfT,
         log(1 + total / toFloat(CASE WHEN nU < 1 THEN 1 ELSE nU END)) AS idfU
    WITH t, u, relation, nU, CASE WHEN relation = 'SAME' THEN idfU
         ELSE $k.related * CASE WHEN idfT < idfU THEN idfT ELSE idfU END END AS w
    ORDER BY w DESC
    WITH u, nU, collect({t: t, relation: relation, w: w})[0] AS best
    RETURN collect({topic: u, n: nU, w: best.w, relation: best.relation, via: CASE WHEN best.relation = 'SAME' THEN null ELSE best.t END}) AS matchable
  }
  WITH a, matchable,
       reduce(s = 0.0, m IN matchable | s + CASE WHEN m.relation = 'SAME' THEN m.w ELSE 0.0 END) AS interestWeight,
       [(a)-[:PARTICIPATES_IN]->(i:Initiative) | i] AS aInits,
       [(a)-[:PARTICIPATES_IN]->(i:Initiative)<-[:PARTICIPATES_IN]-(x:Organisation) WHERE x <> a | {x: x, i: i}] AS aPartnerPairs,
       [(a)-[:TAKES_PART_IN]->(e:Event) | e] AS aEvents,
       [(a)-[:SHARED]->(x:Experience) | x] AS aExps,
       [(a)-[:SHARED]->(x:Experience)-[:ABOUT]->(t:Topic) | {x: x, t: t}] AS aExpTopicPairs,
       [(a)-[:MEMBER_OF]->(k:Organisation) | k] AS aKoepels,
       [(a)-[:REPRESENTS]->(d:Condition) | d] AS aConds,
       [(a)-[r:ACTIVE_IN|BASED_IN]->(x) | {x: x, rel: type(r),
          province: CASE WHEN x:Province THEN x ELSE head([(x)-[:IN_PROVINCE]->(q:Province) | q]) END}] AS aPlaces
  WITH *, reduce(acc = [], p IN aPartnerPairs | CASE WHEN p.x IN acc THEN acc ELSE acc + p.x END) AS aPartners,
       [p IN aPlaces WHERE p.x:Municipality | p.x] AS aMunis,
       [p IN aPlaces WHERE p.province IS NOT NULL | p.province] AS aProvs,
       [p IN aExpTopicPairs | p.t] AS aExpTopics,
       coalesce(head([p IN aPlaces WHERE p.rel = 'BASED_IN' AND p.x:Municipality | p.x]),
                head([p IN aPlaces WHERE p.x:Municipality | p.x])) AS aHome
  CALL () {
    CALL () {
      MATCH (m:Municipality {code: $municipalityCode}) WHERE $placeKind = 'municipality'
      RETURN m AS x
      UNION
      MATCH (p:Province {code: $provinceCode}) WHERE $placeKind IN ['municipality', 'province']
      RETURN p AS x
      UNION
      MATCH (m:Municipality)-[:IN_PROVINCE]->(:Province {code: $provinceCode}) WHERE $placeKind = 'province'
      RETURN m AS x
      UNION
      MATCH (m:Municipality) WHERE $placeKind = 'near' AND m.location IS NOT NULL
        AND point.distance(m.location, point({latitude: $lat, longitude: $lon})) <= $radiusM
      RETURN m AS x
    }
    RETURN collect(x) AS placeNodes
  }
  // First pass: every candidate that shares something, with a cheap preliminary score.
  CALL (a, matchable, interestWeight, aPartners, aEvents, aExps, aConds, placeNodes) {
    CALL (a, matchable, aPartners, aEvents, aExps, aConds) {
      UNWIND matchable AS m
      WITH m.topic AS u, m.w AS w
      MATCH (u)<-[:WORKS_ON]-(c:Organisation)
      RETURN c, w AS tw, 0 AS linked, 0 AS sameCondition
      UNION ALL
      UNWIND aPartners AS x
      MATCH (x)-[:PARTICIPATES_IN]->(:Initiative)<-[:PARTICIPATES_IN]-(c:Organisation)
      RETURN c, 0.0 AS tw, 1 AS linked, 0 AS sameCondition
      UNION ALL
      UNWIND aPartners AS c
      WITH c WHERE $includeExisting
      RETURN c, 0.0 AS tw, 1 AS linked, 0 AS sameCondition
      UNION ALL
      UNWIND aEvents AS e
      MATCH (e)<-[:TAKES_PART_IN]-(c:Organisation)
      RETURN c, 0.0 AS tw, 1 AS linked, 0 AS sameCondition
      UNION ALL
      UNWIND aExps AS x
      MATCH (x)<-[:SHARED]-(c:Organisation)
      RETURN c, 0.0 AS tw, 1 AS linked, 0 AS sameCondition
      UNION ALL
      UNWIND aConds AS d
      MATCH (d)<-[:REPRESENTS]-(c:Organisation) WHERE $mode = 'SIMILAR'
      RETURN c, 0.0 AS tw, 0 AS linked, 1 AS sameCondition
    }
    WITH * WHERE c <> a AND c.status = 'ACTIVE'
      AND ($includeExisting OR NOT c IN aPartners)
      AND ($placeKind = '' OR c.scope = 'NATIONAL'
           OR EXISTS { (c)-[:ACTIVE_IN|BASED_IN]->(x) WHERE x IN placeNodes })
    WITH c, interestWeight, sum(tw) AS tsum, max(linked) AS linked, max(sameCondition) AS sameCondition
    WHERE $topic = '' OR tsum > 0
    WITH c, linked, sameCondition,
         CASE WHEN interestWeight > 0 AND tsum < interestWeight THEN tsum / interestWeight
              WHEN interestWeight > 0 THEN 1.0 ELSE 0.0 END AS topicValue
    WITH c, topicValue, $weights.topics * topicValue + $weights.network * $k.prelimLinked * linked
         + $weights.conditions * $k.prelimCondition * sameCondition AS prelim
    ORDER BY prelim DESC, c.id
    LIMIT toInteger($pool)
    RETURN collect({c: c, topicValue: topicValue}) AS pool
  }
  UNWIND pool AS entry
  WITH a, matchable, aInits, aPartnerPairs, aPartners, aEvents, aExps, aExpTopicPairs, aExpTopics, aKoepels,
       aConds, aPlaces, aMunis, aProvs, aHome, placeNodes, entry.c AS c, entry.topicValue AS topicValue
  // Full scoring of the pool.
  WITH *,
       [(c)-[:WORKS_ON]->(u:Topic) | u] AS cTopics,
       [(c)-[r:ACTIVE_IN|BASED_IN]->(x) | {x: x, rel: type(r),
          province: CASE WHEN x:Province THEN x ELSE head([(x)-[:IN_PROVINCE]->(q:Province) | q]) END}] AS cPlaces,
       [(c)-[:REPRESENTS]->(d:Condition) | d] AS cConds,
       [(c)-[:PARTICIPATES_IN]->(j:Initiative)<-[:PARTICIPATES_IN]-(x:Organisation)
          WHERE x IN aPartners AND x <> c | {x: x, j: j}] AS partnerLinks,
       [(c)-[:TAKES_PART_IN]->(e:Event) WHERE e IN aEvents | e] AS sharedEvents,
       [(c)-[:SHARED]->(x:Experience) WHERE x IN aExps | x] AS coExps,
       [(c)-[:SHARED]->(x:Experience)-[:ABOUT]->(t:Topic) WHERE t IN aExpTopics AND NOT x IN aExps | {x: x, t: t}] AS cExpTopicPairs,
       [(c)-[:MEMBER_OF]->(k:Organisation) WHERE k IN aKoepels | k] AS sharedKoepels,
       EXISTS { (c)-[:MEMBER_OF]->(a) } AS memberOfAsker,
       [(c)-[:PARTICIPATES_IN]->(i:Initiative) WHERE i IN aInits | i] AS existing
  WITH *,
       [l IN partnerLinks | {x: l.x, j: l.j, i: head([p IN aPartnerPairs WHERE p.x = l.x AND p.i <> l.j | p.i])}] AS partnerPaths,
       [m IN matchable WHERE m.topic IN cTopics] AS topicMatches,
       [p IN cPlaces WHERE p.x:Municipality | p.x] AS cMunis,
       coalesce(head([p IN cPlaces WHERE p.rel = 'BASED_IN' AND p.x:Municipality | p.x]),
                head([p IN cPlaces WHERE p.x:Municipality | p.x])) AS cHome,
       [d IN cConds WHERE d IN aConds] AS sharedConds,
       [k IN aKoepels WHERE k = c] <> [] AS askerMemberOf,
       reduce(acc = [], p IN cExpTopicPairs | CASE WHEN p.t IN [q IN acc | q.t] THEN acc ELSE acc + p END) AS expTopicLinks
  WITH *,
       [p IN partnerPaths WHERE p.i IS NOT NULL] AS partnerRoutes,
       [m IN cMunis WHERE m IN aMunis] AS sharedMunis,
       reduce(acc = [], p IN cPlaces | CASE WHEN p.province IS NOT NULL AND p.province IN aProvs AND NOT p.province IN acc
                                        THEN acc + p.province ELSE acc END) AS sharedProvs,
       [p IN cPlaces WHERE p.x IN placeNodes
          AND NOT (p.x:Province AND $placeKind = 'municipality' AND c.scope <> 'REGIONAL')] AS placeHits,
       CASE WHEN aHome IS NULL OR cHome IS NULL OR aHome.location IS NULL OR cHome.location IS NULL THEN null
            ELSE point.distance(aHome.location, cHome.location) / 1000.0 END AS distanceKm
  WITH *, CASE
      WHEN $placeKind <> '' THEN CASE
        WHEN any(p IN placeHits WHERE p.x:Municipality OR $placeKind = 'province') THEN 'IN_PLACE'
        WHEN size(placeHits) > 0 THEN 'PLACE_PROVINCE'
        WHEN c.scope = 'NATIONAL' THEN 'PLACE_NATIONAL'
        ELSE 'NONE' END
      WHEN a.scope = 'NATIONAL' AND c.scope = 'NATIONAL' THEN 'NATIONAL'
      WHEN size(sharedMunis) > 0 THEN 'MUNICIPALITY'
      WHEN size(sharedProvs) > 0 THEN 'PROVINCE'
      WHEN a.scope = 'NATIONAL' OR c.scope = 'NATIONAL' THEN 'NATIONAL'
      WHEN distanceKm IS NOT NULL THEN 'DISTANCE'
      ELSE 'NONE' END AS geoLevel,
    size(aConds) + size(cConds) - size(sharedConds) AS conditionUnion,
    coalesce($worlds[a.kind], a.kind) AS aWorld, coalesce($worlds[c.kind], c.kind) AS cWorld,
    reduce(acc = [], p IN partnerRoutes | CASE WHEN p.x IN acc THEN acc ELSE acc + p.x END) AS sharedPartners
  WHERE $placeKind = '' OR geoLevel <> 'NONE'
  WITH *,
    CASE WHEN conditionUnion = 0 THEN 0.0 ELSE toFloat(size(sharedConds)) / conditionUnion END AS jaccard,
    CASE WHEN a.kind = c.kind THEN 'SAME_KIND' WHEN aWorld = cWorld THEN 'SAME_WORLD' ELSE 'OTHER_WORLD' END AS kindRelation,
    CASE geoLevel
      WHEN 'MUNICIPALITY' THEN $k.geoMunicipality
      WHEN 'PROVINCE' THEN $k.geoProvince
      WHEN 'NATIONAL' THEN $k.geoNational
      WHEN 'DISTANCE' THEN CASE WHEN distanceKm >= $k.geoRangeKm THEN 0.0
                                ELSE $k.geoDistance * (1 - distanceKm / $k.geoRangeKm) END
      WHEN 'IN_PLACE' THEN 1.0
      WHEN 'PLACE_PROVINCE' THEN $k.placeRegional
      WHEN 'PLACE_NATIONAL' THEN $k.geoNational
      ELSE 0.0 END AS geoValue,
    CASE WHEN size(sharedPartners) < $k.linkCap THEN size(sharedPartners) ELSE $k.linkCap END * $k.partner
    + CASE WHEN size(sharedEvents) < $k.linkCap THEN size(sharedEvents) ELSE $k.linkCap END * $k.event
    + CASE WHEN size(coExps) < $k.linkCap THEN size(coExps) ELSE $k.linkCap END * $k.experience
    + CASE WHEN size(expTopicLinks) < $k.linkCap THEN size(expTopicLinks) ELSE $k.linkCap END * $k.experienceTopic
    + CASE WHEN size(sharedKoepels) > 0 THEN $k.koepel ELSE 0.0 END
    + CASE WHEN memberOfAsker OR askerMemberOf THEN $k.membership ELSE 0.0 END
    + size(existing) * $k.existing AS networkRaw
  WITH *,
    CASE WHEN $mode = 'SIMILAR' THEN
        $k.similarConditions * jaccard
        + $k.similarKind * CASE kindRelation WHEN 'SAME_KIND' THEN 1.0 WHEN 'SAME_WORLD' THEN 0.5 ELSE 0.0 END
      WHEN topicValue > 0 THEN
        $k.complementConditions * CASE
            WHEN size(aConds) > 0 AND size(cConds) > 0 THEN 1.0 - jaccard
            WHEN size(aConds) + size(cConds) > 0 THEN $k.oneSidedCondition
            ELSE 0.0 END
        + $k.complementKind * CASE kindRelation WHEN 'OTHER_WORLD' THEN 1.0 WHEN 'SAME_WORLD' THEN 0.5 ELSE 0.0 END
      ELSE 0.0 END AS conditionValue,
    networkRaw / (networkRaw + 1.0) AS networkValue
  WITH *, round($weights.topics * topicValue + $weights.geography * geoValue
                + $weights.conditions * conditionValue + $weights.network * networkValue, 6) AS score
  ORDER BY score DESC, c.id
  LIMIT toInteger($limit)
  RETURN collect({
    organisation: properties(c),
    score: score,
    values: {topics: topicValue, geography: geoValue, conditions: conditionValue, network: networkValue},
    topics: [m IN topicMatches | {topic: properties(m.topic), organisationCount: m.n, weight: m.w,
                                   relation: m.relation, via: CASE WHEN m.via IS NULL THEN null ELSE properties(m.via) END}],
    geo: {
      level: geoLevel,
      distanceKm: distanceKm,
      askerHome: CASE WHEN aHome IS NULL THEN null ELSE ${REF("aHome")} END,
      candidateHome: CASE WHEN cHome IS NULL THEN null ELSE ${REF("cHome")} END,
      places: CASE
        WHEN geoLevel = 'MUNICIPALITY' THEN [m IN sharedMunis | {place: properties(m), labels: labels(m),
            askerRel: head([p IN aPlaces WHERE p.x = m | p.rel]), askerVia: null,
            candidateRel: head([p IN cPlaces WHERE p.x = m | p.rel]), candidateVia: null}]
        WHEN geoLevel = 'PROVINCE' THEN [q IN sharedProvs | {place: properties(q), labels: labels(q),
            askerRel: head([p IN aPlaces WHERE p.province = q | p.rel]),
            askerVia: head([p IN aPlaces WHERE p.province = q | CASE WHEN p.x = q THEN null ELSE properties(p.x) END]),
            candidateRel: head([p IN cPlaces WHERE p.province = q | p.rel]),
            candidateVia: head([p IN cPlaces WHERE p.province = q | CASE WHEN p.x = q THEN null ELSE properties(p.x) END])}]
        WHEN geoLevel IN ['IN_PLACE', 'PLACE_PROVINCE'] THEN [p IN placeHits | {place: properties(p.x), labels: labels(p.x),
            askerRel: null, askerVia: null, candidateRel: p.rel, candidateVia: null}]
        ELSE [] END
    },
    conditions: {asker: [d IN aConds | properties(d)], candidate: [d IN cConds | properties(d)],
                 shared: [d IN sharedConds | properties(d)]},
    kinds: {asker: a.kind, candidate: c.kind, relation: kindRelation},
    network: {
      partners: [p IN partnerRoutes[0..5] | {partner: ${REF("p.x")}, askerInitiative: ${REF("p.i")},
                                             candidateInitiative: ${REF("p.j")}}],
      events: [e IN sharedEvents[0..5] | ${REF("e")}],
      experiences: [x IN coExps[0..5] | ${REF("x")}],
      experienceTopics: [p IN expTopicLinks[0..5] | {topic: ${REF("p.t")}, candidateExperience: ${REF("p.x")},
          askerExperience: head([q IN aExpTopicPairs WHERE q.t = p.t | ${REF("q.x")}])}],
      koepels: [k IN sharedKoepels | ${REF("k")}],
      memberOfAsker: memberOfAsker,
      askerMemberOf: askerMemberOf,
      existing: [i IN existing | ${REF("i")}]
    }
  }) AS suggestions
}
RETURN a IS NOT NULL AS organisationFound, ($topic = '' OR root IS NOT NULL) AS topicFound,
       CASE WHEN a IS NULL THEN null ELSE properties(a) END AS asker, total, suggestions`;

/** placeParams gives null for "no place" and for a municipality without province: keep the sentinels. */
function definedOnly(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null && v !== undefined));
}

/** Code-point order, as Cypher's ORDER BY on strings. */
const byKey = (x: unknown, y: unknown): number =>
  String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;

export class PartnersRepository {
  constructor(private readonly db: Queryable) {}

  /** Scores and explains the partner suggestions of one organisation: one round trip. */
  async suggest(q: PartnerQuery): Promise<PartnerResult> {
    const rows = await this.db.read(SUGGEST_QUERY, {
      organisation: q.organisation,
      // Sentinels instead of nulls: one parameter type signature, so one cached plan for all requests.
      topic: q.topic ?? "",
      mode: q.mode,
      includeExisting: q.includeExisting,
      weights: q.weights,
      k: SCORING,
      worlds: KIND_WORLDS,
      pool: Math.max(POOL_SIZE, q.first * 5),
      limit: q.first,
      ...{ placeKind: "", municipalityCode: "", provinceCode: "", lat: 0.0, lon: 0.0, radiusM: 0.0 },
      ...definedOnly(placeParams(q.place)),
    });
    const row = rows[0];
    return {
      organisationFound: row?.organisationFound === true,
      topicFound: row?.topicFound === true,
      asker: (row?.asker as Props | null) ?? null,
      total: Number(row?.total ?? 0),
      suggestions: ((row?.suggestions ?? []) as SuggestionRow[])
        .map((s) => ({
          ...s,
          score: Number(s.score),
          geo: { ...s.geo, distanceKm: s.geo.distanceKm == null ? null : Number(s.geo.distanceKm) },
          topics: s.topics
            .map((t) => ({ ...t, organisationCount: Number(t.organisationCount), weight: Number(t.weight) }))
            .sort((x, y) => y.weight - x.weight || byKey(x.topic.id, y.topic.id)),
        }))
        // Collect keeps the ORDER BY in practice; sorting again makes it a guarantee.
        .sort((x, y) => y.score - x.score || byKey(x.organisation.id, y.organisation.id)),
    };
  }
}
