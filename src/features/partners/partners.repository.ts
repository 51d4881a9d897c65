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
  /** The asked topic it relates to (broader/narrower matches). */
  via: Props | null;
  /** Whether the asker itself works on the asked topic (false: it only fits the question). */
  askerOwn: boolean;
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
  /** Its share in the network value: 2/(1 + d) for a partner with d partners (a hub says little). */
  weight: number;
  askerInitiative: NodeRef;
  candidateInitiative: NodeRef;
}

/** One thing both organisations have, as the two-step walk sees it; `group` only for a condition. */
export interface ProximityItemRow {
  node: NodeRef;
  /** 1/degree of the node: its share in the raw PROXIMITY sum. */
  weight: number;
  group: string | null;
}

export interface ExperienceTopicRow {
  topic: NodeRef;
  askerExperience: NodeRef;
  candidateExperience: NodeRef;
}

export interface SuggestionRow {
  organisation: Props;
  score: number;
  values: { topics: number; geography: number; conditions: number; network: number; proximity: number };
  /** What the asker and the candidate both have (the two-step walk's middle nodes), with their 1/degree weights. */
  proximity: ProximityItemRow[];
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
  WITH a, root, total, scope, own, CASE
      WHEN root IS NULL THEN own
      WHEN any(t IN own WHERE t IN scope) THEN [t IN own WHERE t IN scope]
      ELSE scope END AS interest
  // The topics a candidate can match: the interest, and its direct broader/narrower topics at a discount
  // (those only when not too common: a popular neighbour topic says little and costs much).
  CALL (interest, root, scope, total, own) {
    UNWIND interest AS t
    CALL (t) {
      RETURN t AS u, 'SAME' AS relation
      UNION
      MATCH (t)<-[:SUBTOPIC_OF]-(u:Topic) RETURN u, 'NARROWER' AS relation
      UNION
      MATCH (t)-[:SUBTOPIC_OF]->(u:Topic) RETURN u, 'BROADER' AS relation
    }
    WITH t, u, relation WHERE root IS NULL OR u IN scope
    // Rarity counts the organisations on the topic or any of its subtopics: a broad topic is not rare
    // because its organisations are filed under its subtopics.
    WITH t, u, relation,
         COUNT { MATCH (t)<-[:SUBTOPIC_OF*0..6]-(:Topic)<-[:WORKS_ON]-(o) RETURN DISTINCT o } AS nT,
         COUNT { MATCH (u)<-[:SUBTOPIC_OF*0..6]-(:Topic)<-[:WORKS_ON]-(o) RETURN DISTINCT o } AS nU
    WHERE relation = 'SAME' OR nU <= $k.relatedMinCount OR nU <= $k.relatedMaxShare * total
    WITH t, u, relation, nU,
         log(1 + total / toFloat(CASE WHEN nT < 1 THEN 1 ELSE nT END)) AS idfT,
         log(1 + total / toFloat(CASE WHEN nU < 1 THEN 1 ELSE nU END)) AS idfU
    WITH t, u, relation, nU, CASE WHEN relation = 'SAME' THEN idfU
         ELSE $k.related * CASE WHEN idfT < idfU THEN idfT ELSE idfU END END AS w
    ORDER BY w DESC
    WITH u, nU, collect({t: t, relation: relation, w: w})[0] AS best
    RETURN collect({topic: u, n: nU, w: best.w, relation: best.relation,
                    via: CASE WHEN best.relation = 'SAME' THEN null ELSE best.t END, askerOwn: best.t IN own,
                    popular: nU > $k.popularMinCount AND nU > $k.popularShare * total}) AS matchable
  }
  WITH a, matchable,
       reduce(s = 0.0, m IN matchable | s + CASE WHEN m.relation = 'SAME' THEN m.w ELSE 0.0 END) AS interestWeight,
       // A partner or an event that links many organisations says less about each: resource allocation,
       // a partner with d partners counts 2/(1 + d), an event with n participants 2/n.
       [(a)-[:PARTICIPATES_IN]->(i:Initiative)<-[:PARTICIPATES_IN]-(x:Organisation) WHERE x <> a | {x: x, i: i,
          s: 2.0 / (1.0 + COUNT { (x)-[:PARTICIPATES_IN]->(:Initiative)<-[:PARTICIPATES_IN]-(y) WHERE y <> x })}] AS aPartnerPairs,
       [(a)-[:TAKES_PART_IN]->(e:Event) | {e: e, s: 2.0 / COUNT { (e)<-[:TAKES_PART_IN]-() }}] AS aEvents,
       [(a)-[:SHARED]->(x:Experience) | x] AS aExps,
       [(a)-[:SHARED]->(x:Experience)-[:ABOUT]->(t:Topic) | {x: x, t: t}] AS aExpTopicPairs,
       [(a)-[:MEMBER_OF]->(k:Organisation) | k] AS aKoepels,
       [(a)-[:REPRESENTS]->(d:Condition) | d] AS aConds,
       [(a)-[r:ACTIVE_IN|BASED_IN]->(x) | {x: x, rel: type(r),
          province: CASE WHEN x:Province THEN x ELSE head([(x)-[:IN_PROVINCE]->(q:Province) | q]) END}] AS aPlaces
  WITH *, reduce(acc = [], p IN aPlaces | CASE WHEN p.x:Municipality AND NOT p.x IN acc THEN acc + p.x ELSE acc END) AS aMunis,
       reduce(acc = [], p IN aPlaces | CASE WHEN p.province IS NULL OR p.province IN acc THEN acc
                                        ELSE acc + p.province END) AS aProvs,
       [p IN aExpTopicPairs | p.t] AS aExpTopics,
       coalesce(head([p IN aPlaces WHERE p.rel = 'BASED_IN' AND p.x:Municipality | p.x]),
                head([p IN aPlaces WHERE p.x:Municipality | p.x])) AS aHome
  // The municipalities of the asker's provinces: a candidate's province is looked up here, not in the graph.
  WITH *, reduce(acc = [], q IN aProvs | acc + [(q)<-[:IN_PROVINCE]-(m:Municipality) | {m: m, q: q}]) AS aProvMunis,
       // PROXIMITY, a two-step walk from the asker (issue 15): each thing it has that a candidate can share (its
       // topics of interest, conditions, koepels, events, experiences, initiatives), weighted 1/degree: a walker at
       // that node steps to any one of its neighbours, so a thing with few links says more (resource allocation).
       reduce(acc = [], x IN [m IN matchable WHERE m.relation = 'SAME' AND m.askerOwn | m.topic] + aConds + aKoepels
                              + [e IN aEvents | e.e] + aExps + [p IN aPartnerPairs | p.i]
              | CASE WHEN x IN [n IN acc | n.x] THEN acc ELSE acc + {x: x, w: 1.0 / COUNT { (x)--() }} END) AS aNear
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
  // First pass: every organisation that shares a topic, a partner, an event, an experience or (SIMILAR) a
  // condition, with the evidence found on the way (so the second pass need not look for it again).
  CALL (a, matchable, interestWeight, aPartnerPairs, aEvents, aExps, aConds, aKoepels, aMunis, placeNodes, aNear) {
    CALL (a, matchable, aPartnerPairs, aEvents, aExps, aConds, aKoepels, aMunis, placeNodes) {
      UNWIND aPartnerPairs AS p
      WITH p.x AS x, p.i AS i, p.s AS s
      MATCH (x)-[:PARTICIPATES_IN]->(j:Initiative)<-[:PARTICIPATES_IN]-(c)
      WHERE j <> i
      RETURN c, 0.0 AS tw, {kind: 'PARTNER', x: x, i: i, j: j, s: s} AS link
      UNION ALL
      UNWIND aPartnerPairs AS p
      RETURN p.x AS c, 0.0 AS tw, {kind: 'EXISTING', i: p.i} AS link
      UNION ALL
      UNWIND aEvents AS ev
      WITH ev.e AS e, ev.s AS s
      MATCH (e)<-[:TAKES_PART_IN]-(c)
      RETURN c, 0.0 AS tw, {kind: 'EVENT', e: e, s: s} AS link
      UNION ALL
      UNWIND aExps AS x
      MATCH (x)<-[:SHARED]-(c)
      RETURN c, 0.0 AS tw, {kind: 'EXPERIENCE', x: x} AS link
      UNION ALL
      // A shared condition or koepel (both modes: PROXIMITY counts them; in COMPLEMENTARY a shared condition
      // earns no CONDITIONS points).
      UNWIND aConds AS d
      CALL (d) { MATCH (d)<-[:REPRESENTS]-(c) RETURN c LIMIT toInteger($k.popularSample) }
      RETURN c, 0.0 AS tw, {kind: 'CONDITION', d: d} AS link
      UNION ALL
      UNWIND aKoepels AS q
      CALL (q) { MATCH (q)<-[:MEMBER_OF]-(c) RETURN c LIMIT toInteger($k.popularSample) }
      RETURN c, 0.0 AS tw, {kind: 'KOEPEL'} AS link
      UNION ALL
      // Geography from the places' side (municipalities have their relationships grouped by type, the
      // organisations' own chains would have to be scanned): near the asker, or in the asked place.
      // (a big city is left out: its organisations would outnumber the topic's; the second pass still
      // sees the shared municipality)
      UNWIND aMunis AS m
      WITH m WHERE $placeKind = '' AND a.scope <> 'NATIONAL'
        AND COUNT { (m)<-[:ACTIVE_IN|BASED_IN]-() } <= $k.nearMaxCount
      MATCH (m)<-[:ACTIVE_IN|BASED_IN]-(c)
      RETURN c, 0.0 AS tw, {kind: 'NEAR'} AS link
      UNION ALL
      UNWIND placeNodes AS x
      MATCH (x)<-[:ACTIVE_IN|BASED_IN]-(c)
      RETURN c, 0.0 AS tw, {kind: CASE WHEN x:Province AND $placeKind = 'municipality'
                                                     THEN 'PLACE_PROVINCE' ELSE 'PLACE' END} AS link
      UNION ALL
      // (an empty UNWIND keeps the index seek from running without a place)
      UNWIND CASE WHEN $placeKind = '' THEN [] ELSE [true] END AS withPlace
      MATCH (c:Organisation {scope: 'NATIONAL'})
      RETURN c, 0.0 AS tw, {kind: 'PLACE_NATIONAL'} AS link
      UNION ALL
      // A popular topic (low rarity) only brings a sample; its other organisations take part when
      // something else brings them (their topic value is exact in the second pass).
      UNWIND matchable AS m
      WITH m WHERE m.popular
      CALL (m) { WITH m.topic AS u MATCH (u)<-[:WORKS_ON]-(c) RETURN c LIMIT toInteger($k.popularSample) }
      RETURN c, m.w AS tw, null AS link
      UNION ALL
      // The biggest branch last: rows of earlier branches pass through every union above them.
      UNWIND matchable AS m
      WITH m, m.topic AS u WHERE NOT m.popular
      MATCH (u)<-[:WORKS_ON]-(c)
      RETURN c, m.w AS tw, null AS link
    }
    WITH * WHERE c <> a
    // Only the pool leaves this subquery: the many candidates of a popular topic never carry the
    // asker's lists along.
    WITH c, interestWeight, sum(tw) AS tsum, collect(link) AS links
    WHERE ($topic = '' OR tsum > 0)
      AND ($includeExisting OR none(l IN links WHERE l.kind = 'EXISTING'))
      AND (tsum > 0 OR any(l IN links WHERE NOT l.kind IN ['NEAR', 'PLACE', 'PLACE_PROVINCE', 'PLACE_NATIONAL']))
      AND ($placeKind = '' OR any(l IN links WHERE l.kind IN ['PLACE', 'PLACE_PROVINCE', 'PLACE_NATIONAL']))
    WITH c, links, CASE WHEN interestWeight > 0 AND tsum < interestWeight THEN tsum / interestWeight
                        WHEN interestWeight > 0 THEN 1.0 ELSE 0.0 END AS topicValue,
         reduce(r = 0.0, l IN links | r + CASE l.kind
           WHEN 'PARTNER' THEN l.s * $k.partner WHEN 'EVENT' THEN l.s * $k.event
           WHEN 'EXPERIENCE' THEN $k.experience WHEN 'EXISTING' THEN $k.existing ELSE 0.0 END) AS roughLinks
    WITH c, links, topicValue, $weights.topics * topicValue
      + $weights.network * roughLinks / (roughLinks + 1.0)
      + CASE WHEN any(l IN links WHERE l.kind IN ['CONDITION', 'KOEPEL'])
             THEN $k.prelimCondition * ($weights.proximity + CASE WHEN $mode = 'SIMILAR' THEN $weights.conditions ELSE 0.0 END)
             ELSE 0.0 END
      + $weights.geography * CASE
          WHEN any(l IN links WHERE l.kind = 'PLACE') THEN 1.0
          WHEN any(l IN links WHERE l.kind = 'PLACE_PROVINCE') THEN $k.placeRegional
          WHEN any(l IN links WHERE l.kind = 'PLACE_NATIONAL') THEN $k.geoNational
          WHEN any(l IN links WHERE l.kind = 'NEAR') THEN $k.geoMunicipality
          ELSE 0.0 END AS prelim
    ORDER BY prelim DESC, c
    LIMIT toInteger($pool)
    // PROXIMITY on the pool, relative to the best active candidate in it (so its value lies in 0..1).
    WITH c, links, [(c)-[:WORKS_ON|REPRESENTS|MEMBER_OF|TAKES_PART_IN|SHARED|PARTICIPATES_IN]->(x) | x] AS cNear
    WITH c, links, [n IN aNear WHERE n.x IN cNear] AS nearItems
    WITH c, links, nearItems, reduce(s = 0.0, n IN nearItems | s + n.w) AS nearRaw
    WITH collect({c: c, links: links, items: nearItems, raw: nearRaw}) AS pool
    WITH pool, reduce(m = 0.0, p IN pool | CASE WHEN p.c.status = 'ACTIVE' AND p.raw > m THEN p.raw ELSE m END) AS nearTop
    UNWIND pool AS p
    RETURN p.c AS c, p.links AS links, p.items AS nearItems,
           CASE WHEN nearTop > 0 THEN p.raw / nearTop ELSE 0.0 END AS proximityValue
  }
  WITH *,
       [l IN links WHERE l.kind = 'PARTNER'] AS partnerLinks,
       [l IN links WHERE l.kind = 'EXISTING' | l.i] AS existing,
       [l IN links WHERE l.kind = 'EVENT'] AS eventLinks,
       [l IN links WHERE l.kind = 'EXPERIENCE' | l.x] AS coExps
  WITH *, [l IN eventLinks | l.e] AS sharedEvents,
       reduce(acc = [], p IN partnerLinks | CASE WHEN p.x IN [q IN acc | q.x] THEN acc ELSE acc + p END) AS partnerByX
  WITH *,
    reduce(s = 0.0, p IN partnerByX[0..toInteger($k.linkCap)] | s + p.s) * $k.partner
    + reduce(s = 0.0, l IN eventLinks[0..toInteger($k.linkCap)] | s + l.s) * $k.event
    + CASE WHEN size(coExps) < $k.linkCap THEN size(coExps) ELSE $k.linkCap END * $k.experience
    + size(existing) * $k.existing AS linkRaw
  // Second pass, on the pool only: geography, conditions and kind, the rest of the network.
  WITH * WHERE c.status = 'ACTIVE'
  // One walk over the candidate's own relationships (its chain is not grouped by type).
  WITH *, [(c)-[r:ACTIVE_IN|BASED_IN|REPRESENTS|MEMBER_OF|SHARED|WORKS_ON]->(x) | {rel: type(r), x: x,
          province: CASE WHEN type(r) IN ['ACTIVE_IN', 'BASED_IN'] THEN
                      CASE WHEN x IN aProvs THEN x ELSE head([p IN aProvMunis WHERE p.m = x | p.q]) END END,
          topics: CASE WHEN type(r) = 'SHARED' AND size(aExpTopics) > 0 AND NOT x IN aExps
                    THEN [(x)-[:ABOUT]->(t:Topic) WHERE t IN aExpTopics | t] ELSE [] END}] AS cRels
  WITH *,
       [e IN cRels WHERE e.rel IN ['ACTIVE_IN', 'BASED_IN']] AS cPlaces,
       [e IN cRels WHERE e.rel = 'REPRESENTS' | e.x] AS cConds,
       [e IN cRels WHERE e.rel = 'WORKS_ON' | e.x] AS cTopics,
       [e IN cRels WHERE e.rel = 'MEMBER_OF' | e.x] AS cKoepels,
       reduce(acc = [], e IN cRels | acc + [t IN e.topics | {x: e.x, t: t}]) AS cExpTopicPairs
  WITH *,
       [m IN matchable WHERE m.topic IN cTopics] AS topicMatches,
       [p IN partnerLinks WHERE p.j IS NOT NULL] AS partnerRoutes,
       [p IN cPlaces WHERE p.x:Municipality | p.x] AS cMunis,
       coalesce(head([p IN cPlaces WHERE p.rel = 'BASED_IN' AND p.x:Municipality | p.x]),
                head([p IN cPlaces WHERE p.x:Municipality | p.x])) AS cHome,
       [d IN cConds WHERE d IN aConds] AS sharedConds,
       [k IN cKoepels WHERE k IN aKoepels] AS sharedKoepels,
       a IN cKoepels AS memberOfAsker,
       c IN aKoepels AS askerMemberOf,
       reduce(acc = [], p IN cExpTopicPairs | CASE WHEN p.t IN [q IN acc | q.t] THEN acc ELSE acc + p END) AS expTopicLinks
  WITH *, reduce(s = 0.0, m IN topicMatches | s + m.w) AS topicSum
  WITH *, CASE WHEN interestWeight > 0 AND topicSum < interestWeight THEN topicSum / interestWeight
               WHEN interestWeight > 0 THEN 1.0 ELSE 0.0 END AS topicValue
  WITH *,
       reduce(acc = [], m IN cMunis | CASE WHEN m IN aMunis AND NOT m IN acc THEN acc + m ELSE acc END) AS sharedMunis,
       reduce(acc = [], p IN cPlaces | CASE WHEN p.province IS NOT NULL AND p.province IN aProvs AND NOT p.province IN acc
                                        THEN acc + p.province ELSE acc END) AS sharedProvs,
       reduce(acc = [], p IN cPlaces | CASE
          WHEN NOT p.x IN placeNodes OR p.x IN [h IN acc | h.x] THEN acc
          WHEN p.x:Province AND $placeKind = 'municipality' AND c.scope <> 'REGIONAL' THEN acc
          ELSE acc + p END) AS placeHits,
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
    linkRaw
    + CASE WHEN size(expTopicLinks) < $k.linkCap THEN size(expTopicLinks) ELSE $k.linkCap END * $k.experienceTopic
    + CASE WHEN size(sharedKoepels) > 0 THEN $k.koepel ELSE 0.0 END
    + CASE WHEN memberOfAsker OR askerMemberOf THEN $k.membership ELSE 0.0 END AS networkRaw
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
      ELSE 0.0 END AS geoValue
  WITH *,
    CASE WHEN $mode = 'SIMILAR' THEN
        $k.similarConditions * jaccard
        + $k.similarKind * CASE kindRelation WHEN 'SAME_KIND' THEN 1.0 WHEN 'SAME_WORLD' THEN 0.5 ELSE 0.0 END
        + $k.similarScope * CASE WHEN a.scope = c.scope THEN 1.0 ELSE 0.0 END
      WHEN topicValue > 0 THEN
        // Only what is known counts: no points when one side names no conditions.
        $k.complementConditions * CASE
            WHEN size(aConds) > 0 AND size(cConds) > 0 THEN 1.0 - jaccard
            ELSE 0.0 END
        + $k.complementKind * CASE kindRelation WHEN 'OTHER_WORLD' THEN 1.0 WHEN 'SAME_WORLD' THEN 0.5 ELSE 0.0 END
      ELSE 0.0 END AS conditionValue,
    networkRaw / (networkRaw + 1.0) AS networkValue
  WITH *, round($weights.topics * topicValue + $weights.geography * geoValue
                + $weights.conditions * conditionValue + $weights.network * networkValue
                + $weights.proximity * proximityValue, 6) AS score
  ORDER BY score DESC, c.id
  LIMIT toInteger($limit)
  RETURN collect({
    organisation: properties(c),
    score: score,
    values: {topics: topicValue, geography: geoValue, conditions: conditionValue, network: networkValue,
             proximity: proximityValue},
    proximity: [n IN nearItems | {node: ${REF("n.x")}, weight: n.w, group: n.x.group}],
    topics: [m IN topicMatches | {topic: properties(m.topic), organisationCount: m.n, weight: m.w,
                                   relation: m.relation, askerOwn: m.askerOwn,
                                   via: CASE WHEN m.via IS NULL THEN null ELSE properties(m.via) END}],
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
      partners: [p IN partnerRoutes[0..5] | {partner: ${REF("p.x")}, weight: p.s, askerInitiative: ${REF("p.i")},
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

/**
 * The facts behind an empty answer: does the asker have anything to compare, and does any other active
 * organisation work on the topic (or a subtopic)? The "works on T" part of the domain rule lives here and
 * in SUGGEST_QUERY's topic scope only; swap both for the domain fragment when src/domain/ has it.
 */
export const EMPTY_FACTS_QUERY = `
OPTIONAL MATCH (a:Organisation {id: $organisation})
OPTIONAL MATCH (root:Topic {id: $topic})
RETURN EXISTS { (a)-[:WORKS_ON|PARTICIPATES_IN|TAKES_PART_IN|SHARED|MEMBER_OF]->() } AS askerHasAnything,
       CASE WHEN root IS NULL THEN null ELSE COUNT {
         MATCH (root)<-[:SUBTOPIC_OF*0..6]-(:Topic)<-[:WORKS_ON]-(o:Organisation)
         WHERE o <> a AND o.status = 'ACTIVE' RETURN DISTINCT o } END AS othersOnTopic`;

/** placeParams gives null for "no place" and for a municipality without province: keep the sentinels. */
function definedOnly(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null && v !== undefined));
}

/** Code-point order, as Cypher's ORDER BY on strings. */
const byKey = (x: unknown, y: unknown): number =>
  String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;

export class PartnersRepository {
  constructor(private readonly db: Queryable) {}

  async emptyFacts(
    organisation: string,
    topic: string | null,
  ): Promise<{ askerHasAnything: boolean; othersOnTopic: number | null }> {
    const rows = await this.db.read(EMPTY_FACTS_QUERY, { organisation, topic: topic ?? "" });
    const row = rows[0];
    return {
      askerHasAnything: row?.askerHasAnything === true,
      othersOnTopic: row?.othersOnTopic == null ? null : Number(row.othersOnTopic),
    };
  }

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
