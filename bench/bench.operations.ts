/**
 * The headline operations, each three ways over the same data: our GraphQL service, hand-written
 * Cypher through the driver ("raw", the physical limit), and @neo4j/graphql ("peer") with the nearest
 * equivalent query. The raw query returns the data our response carries; the peer query is what a
 * user of the library would write, and `peerNote` says where it differs.
 */

export interface BenchParams {
  /** Key of the synthetic organisation with the most initiatives (chosen per size). */
  organisation: string;
  /** A popular top-level topic (with subtopics). */
  topic: string;
  /** The province with the most organisations. */
  province: string;
  /** The municipality with the most organisations. */
  municipality: string;
  near: { lat: number; lon: number; radiusKm: number };
  text: string;
}

export interface GraphQLRequest {
  query: string;
  variables: Record<string, unknown>;
}

export interface CypherRequest {
  cypher: string;
  params: Record<string, unknown>;
}

/**
 * bounded: the work is bounded by page sizes (an indexed lookup plus traversals with `first`): its
 * latency should not grow with the graph. growing: the answer ranks or counts all matches (totalCount,
 * scores), so the work grows with the number of matches.
 */
export type Growth = "bounded" | "growing";

export interface Operation {
  name: string;
  title: string;
  growth: Growth;
  /** Nested selections (three levels): where the throughput target asks to beat the peer. */
  nested: boolean;
  /**
   * A reference point, not a headline operation: measured and shown, left out of issue 13's verdicts
   * (the smallest read shows the fixed cost of one HTTP GraphQL request against one driver query).
   */
  reference?: boolean;
  ours(p: BenchParams): GraphQLRequest;
  raw?(p: BenchParams): CypherRequest;
  peer?(p: BenchParams): GraphQLRequest;
  peerNote?: string;
  /** The number of items the answer describes (total or list size), to check that the three agree. */
  size?: {
    ours(data: unknown): number | undefined;
    raw(rows: Record<string, unknown>[]): number | undefined;
    peer(data: unknown): number | undefined;
  };
}

/** Role weights of whoWorksOn (src/features/who-works-on/who-works-on.repository.ts). */
const ROLE_WEIGHTS = { COORDINATOR: 1.0, ORGANISER: 1.0, PARTNER: 0.8, SUPPORTER: 0.5 };

/** Reads a number at a dotted path ("organisation.initiatives.edges.length" style: `length` of arrays). */
export function at(value: unknown, path: string): number | undefined {
  let current: unknown = value;
  for (const part of path.split(".")) {
    if (current == null) return undefined;
    if (part === "length" && Array.isArray(current)) return current.length;
    current = (current as Record<string, unknown>)[part];
  }
  return typeof current === "number" ? current : undefined;
}

const PLACE_FIELDS = "... on Municipality { code name } ... on Province { code name }";

// ---------------------------------------------------------------- organisation profile, 3 levels
const PROFILE_OURS = /* GraphQL */ `
  query Profile($id: ID!) {
    organisation(id: $id) {
      key name kind scope description
      topics { key name }
      places { ${PLACE_FIELDS} }
      memberOf { key name }
      initiatives(first: 10) {
        edges { role node { key name kind
          participants(first: 10) { edges { role node { key name topics { key name } } } }
        } }
      }
      experiences(first: 5) { edges { node { key title date topics { key name } } } }
    }
  }`;

const PROFILE_PEER = /* GraphQL */ `
  query Profile($id: ID!) {
    organisations(where: { id: { eq: $id } }) {
      id name kind scope description
      topics(sort: [{ name: ASC }]) { id name }
      activeIn { ${PLACE_FIELDS} }
      basedIn { code name }
      memberOf(sort: [{ name: ASC }]) { id name }
      initiativesConnection(first: 10, sort: [{ node: { name: ASC } }]) {
        edges { properties { role } node { id name kind
          participantsConnection(first: 10, sort: [{ node: { name: ASC } }]) {
            edges { properties { role } node { id name topics(sort: [{ name: ASC }]) { id name } } }
          }
        } }
      }
      experiences(limit: 5, sort: [{ date: DESC }]) { id title date topics(sort: [{ name: ASC }]) { id name } }
    }
  }`;

const PROFILE_RAW = `
MATCH (o:Organisation {id: $id})
CALL (o) {
  OPTIONAL MATCH (o)-[:WORKS_ON]->(t:Topic)
  WITH t ORDER BY t.name, t.id
  RETURN collect(t {.id, .name}) AS topics
}
CALL (o) {
  OPTIONAL MATCH (o)-[:ACTIVE_IN|BASED_IN]->(x)
  WITH DISTINCT x ORDER BY x.name, x.code
  RETURN collect(x {.code, .name}) AS places
}
CALL (o) {
  OPTIONAL MATCH (o)-[:MEMBER_OF]->(k:Organisation)
  WITH k ORDER BY k.name, k.id
  RETURN collect(k {.id, .name}) AS memberOf
}
CALL (o) {
  OPTIONAL MATCH (o)-[r:PARTICIPATES_IN]->(i:Initiative)
  WITH r, i ORDER BY i.name, i.id LIMIT 11
  CALL (i) {
    OPTIONAL MATCH (i)<-[q:PARTICIPATES_IN]-(p:Organisation)
    WITH q, p ORDER BY p.name, p.id LIMIT 11
    CALL (p) {
      OPTIONAL MATCH (p)-[:WORKS_ON]->(t:Topic)
      WITH t ORDER BY t.name, t.id
      RETURN collect(t {.id, .name}) AS topics
    }
    RETURN collect(CASE WHEN p IS NOT NULL THEN {role: q.role, node: p {.id, .name, topics: topics}} END) AS participants
  }
  RETURN collect(CASE WHEN i IS NOT NULL THEN {role: r.role, node: i {.id, .name, .kind, participants: participants}} END) AS initiatives
}
CALL (o) {
  OPTIONAL MATCH (o)-[:SHARED]->(e:Experience)
  WITH e ORDER BY coalesce(e.date, '') DESC, e.id LIMIT 6
  CALL (e) {
    OPTIONAL MATCH (e)-[:ABOUT]->(t:Topic)
    WITH t ORDER BY t.name, t.id
    RETURN collect(t {.id, .name}) AS topics
  }
  RETURN collect(CASE WHEN e IS NOT NULL THEN e {.id, .title, .date, topics: topics} END) AS experiences
}
RETURN o {.id, .name, .kind, .scope, .description, topics: topics, places: places, memberOf: memberOf,
          initiatives: initiatives, experiences: experiences} AS organisation`;

// ---------------------------------------------------------------- whoWorksOn
const WHO_WORKS_ON_OURS = /* GraphQL */ `
  query WhoWorksOn($topic: ID!, $place: PlaceInput) {
    whoWorksOn(topic: $topic, place: $place, first: 20) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        score evidenceCount
        node { key name kind scope }
        evidence {
          kind weight description role
          topic { key name }
          place { ${PLACE_FIELDS} }
          initiative { key name }
          experience { key title }
        }
      }
    }
  }`;

/**
 * The same evidence, weights, ranking and page as whoWorksOn, written for one kind of place: the
 * first clause binds `places` (the province and its municipalities, or the municipalities near).
 */
function whoWorksOnRaw(placesClause: string): string {
  return `
${placesClause}
MATCH (root:Topic {id: $topic})
CALL (root) {
  MATCH (root)<-[:SUBTOPIC_OF*0..6]-(t:Topic)
  RETURN collect(DISTINCT t) AS topics
}
CALL (root, topics, places) {
  UNWIND topics AS t
  MATCH (t)<-[:WORKS_ON]-(o:Organisation)-[:ACTIVE_IN|BASED_IN]->(x)
  WHERE o.status = 'ACTIVE' AND x IN places
  WITH root, t, o, collect(x)[0] AS x
  RETURN o, {kind: 'WORKS_ON', topic: t {.id, .name}, place: x {.code, .name},
             weight: CASE WHEN t = root THEN 1.0 ELSE 0.8 END, experience: null, initiative: null, role: null} AS ev
  UNION ALL
  UNWIND topics AS t
  MATCH (t)<-[:ABOUT]-(e:Experience)-[:IN]->(x)
  WHERE x IN places
  WITH t, e, collect(x)[0] AS x
  MATCH (e)<-[:SHARED]-(o:Organisation {status: 'ACTIVE'})
  RETURN o, {kind: 'EXPERIENCE', topic: t {.id, .name}, place: x {.code, .name}, weight: 1.5,
             experience: e {.id, .title}, initiative: null, role: null} AS ev
  UNION ALL
  UNWIND topics AS t
  MATCH (t)<-[:ABOUT]-(i:Initiative)-[:ACTIVE_IN]->(x)
  WHERE x IN places
  WITH t, i, collect(x)[0] AS x
  MATCH (i)<-[r:PARTICIPATES_IN]-(o:Organisation {status: 'ACTIVE'})
  RETURN o, {kind: 'INITIATIVE', topic: t {.id, .name}, place: x {.code, .name},
             weight: 1.5 * coalesce($roleWeights[r.role], 0.5), experience: null, initiative: i {.id, .name}, role: r.role} AS ev
}
WITH o, collect(ev) AS evidence
WITH o, evidence, round(reduce(s = 0.0, e IN evidence | s + e.weight), 4) AS score
ORDER BY score DESC, o.id
WITH collect({o: o, evidence: evidence, score: score}) AS ranked
// A copy, not a slice: a slice keeps the whole list, and every row the subquery below buffers would be
// charged its full size against the transaction memory limit (370 MiB at 50k organisations).
WITH size(ranked) AS total, [h IN ranked[0..toInteger($limit)] | h] AS page
CALL (page) {
  UNWIND page AS hit
  WITH hit, hit.o AS o
  CALL (hit) {
    UNWIND hit.evidence AS e
    WITH e ORDER BY e.weight DESC
    LIMIT 10
    RETURN collect(e) AS strongest
  }
  RETURN collect({organisation: o {.id, .name, .kind, .scope}, score: hit.score,
                  evidenceCount: size(hit.evidence), evidence: strongest}) AS edges
}
RETURN total, edges`;
}

const PROVINCE_PLACES = `
MATCH (province:Province {code: $province})
WITH [province] + [(province)<-[:IN_PROVINCE]-(m:Municipality) | m] AS places`;

const NEAR_PLACES = `
OPTIONAL MATCH (m:Municipality)
WHERE point.distance(m.location, point({latitude: $lat, longitude: $lon})) <= $radiusM
WITH collect(m) AS places`;

/** @neo4j/graphql filter "works on the topic or one of its subtopics" (the taxonomy is two levels deep). */
function peerTopic(topic: string): Record<string, unknown> {
  return {
    OR: [
      { id: { eq: topic } },
      { broader: { some: { id: { eq: topic } } } },
      { broader: { some: { broader: { some: { id: { eq: topic } } } } } },
    ],
  };
}

/** @neo4j/graphql conditions on a Municipality node "is in the asked place". */
function peerMunicipalityIn(p: BenchParams, mode: "province" | "near"): Record<string, unknown> {
  if (mode === "province") return { province: { some: { code: { eq: p.province } } } };
  return {
    location: {
      distance: { from: { latitude: p.near.lat, longitude: p.near.lon }, lte: p.near.radiusKm * 1000 },
    },
  };
}

/** @neo4j/graphql filters on a `[Place]` relationship (a union): one per member that can match. */
function peerPlaceIn(p: BenchParams, mode: "province" | "near"): Record<string, unknown>[] {
  const municipality = { Municipality: peerMunicipalityIn(p, mode) };
  return mode === "province" ? [municipality, { Province: { code: { eq: p.province } } }] : [municipality];
}

/**
 * The nearest @neo4j/graphql equivalent of whoWorksOn: active organisations with any of the three kinds
 * of evidence (works on the topic and has a place there; shared an experience about it located there;
 * takes part in an initiative about it active there), as a filter. No scores or evidence: the library
 * cannot rank by them, so the page is ordered by name.
 */
function whoWorksOnPeerWhere(p: BenchParams, mode: "province" | "near"): Record<string, unknown> {
  const topic = { topics: { some: peerTopic(p.topic) } };
  const places = peerPlaceIn(p, mode);
  const organisationPlaces = [
    ...places.map((f) => ({ activeIn: { some: f } })),
    { basedIn: { some: peerMunicipalityIn(p, mode) } },
  ];
  return {
    status: { eq: "ACTIVE" },
    OR: [
      { AND: [topic, { OR: organisationPlaces }] },
      { experiences: { some: { AND: [topic, { OR: places.map((f) => ({ place: { some: f } })) }] } } },
      { initiatives: { some: { AND: [topic, { OR: places.map((f) => ({ activeIn: { some: f } })) }] } } },
    ],
  };
}

const WHO_WORKS_ON_PEER = /* GraphQL */ `
  query WhoWorksOnNearest($where: OrganisationWhere!) {
    organisationsConnection(where: $where, first: 20, sort: [{ name: ASC }]) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id name kind scope topics { id name } activeIn { ${PLACE_FIELDS} } } }
    }
  }`;

const WHO_WORKS_ON_NOTE =
  "no equivalent: organisationsConnection filtered on the same three kinds of evidence (relationship filters), ordered by name; no scores or evidence";

// ---------------------------------------------------------------- municipality overview
const MUNICIPALITY_OURS = /* GraphQL */ `
  query Municipality($code: String!) {
    municipality(code: $code) {
      code
      name
      province {
        code
        name
      }
      topics(first: 10) {
        topic {
          key
          name
        }
        organisationCount
        experienceCount
      }
      organisations(first: 20) {
        totalCount
        edges {
          node {
            key
            name
            kind
            scope
          }
        }
      }
      experiences(first: 10) {
        edges {
          node {
            key
            title
            kind
            date
          }
        }
      }
    }
  }
`;

const MUNICIPALITY_PEER = /* GraphQL */ `
  query Municipality($code: ID!) {
    municipalities(where: { code: { eq: $code } }) {
      code
      name
      province {
        code
        name
      }
      topicActivity(first: 10) {
        topic {
          id
          name
        }
        organisationCount
        experienceCount
      }
      organisationsConnection(first: 20, sort: [{ node: { name: ASC } }]) {
        totalCount
        edges {
          node {
            id
            name
            kind
            scope
          }
        }
      }
      experiences(limit: 10, sort: [{ date: DESC }]) {
        id
        title
        kind
        date
      }
    }
  }
`;

const MUNICIPALITY_RAW = `
MATCH (m:Municipality {code: $code})
OPTIONAL MATCH (m)-[:IN_PROVINCE]->(province:Province)
CALL (m) {
  CALL (m) {
    CALL (m) {
      MATCH (m)<-[:ACTIVE_IN|BASED_IN]-(o:Organisation)
      RETURN o
      UNION
      MATCH (m)-[:IN_PROVINCE]->(:Province)<-[:ACTIVE_IN]-(o:Organisation {scope: 'REGIONAL'})
      RETURN o
    }
    MATCH (o)-[:WORKS_ON]->(t:Topic)
    WITH t, count(DISTINCT o) AS organisationCount
    RETURN t, organisationCount, 0 AS experienceCount
    UNION ALL
    MATCH (m)<-[:IN]-(:Experience)-[:ABOUT]->(t:Topic)
    RETURN t, 0 AS organisationCount, count(*) AS experienceCount
  }
  WITH t, sum(organisationCount) AS organisationCount, sum(experienceCount) AS experienceCount
  ORDER BY organisationCount DESC, experienceCount DESC, t.name
  LIMIT 10
  RETURN collect({topic: t {.id, .name}, organisationCount: organisationCount, experienceCount: experienceCount}) AS topics
}
CALL (m) {
  MATCH (m)<-[:ACTIVE_IN|BASED_IN]-(o:Organisation)
  WITH DISTINCT o ORDER BY o.name, o.id
  WITH collect(o) AS matches
  RETURN size(matches) AS organisationCount, [o IN matches[0..21] | o {.id, .name, .kind, .scope}] AS organisations
}
CALL (m) {
  OPTIONAL MATCH (m)<-[:IN]-(e:Experience)
  WITH e ORDER BY coalesce(e.date, '') DESC, e.id LIMIT 11
  RETURN collect(e {.id, .title, .kind, .date}) AS experiences
}
RETURN m {.code, .name, province: province {.code, .name}, topics: topics, organisationCount: organisationCount,
          organisations: organisations, experiences: experiences} AS municipality`;

// ---------------------------------------------------------------- search
const SEARCH_OURS = /* GraphQL */ `
  query Search($text: String!) {
    search(text: $text, first: 20) {
      totalCount
      edges {
        score
        type
        node {
          ... on Organisation {
            key
            name
          }
          ... on Topic {
            key
            name
          }
          ... on Initiative {
            key
            name
          }
          ... on Experience {
            key
            title
          }
          ... on Event {
            key
            name
          }
          ... on Condition {
            key
            name
          }
        }
      }
    }
  }
`;

const SEARCH_PEER = /* GraphQL */ `
  query Search($phrase: String!) {
    organisations: searchOrganisations(phrase: $phrase, first: 20) {
      totalCount
      edges {
        score
        node {
          id
          name
        }
      }
    }
    topics: searchTopics(phrase: $phrase, first: 20) {
      totalCount
      edges {
        score
        node {
          id
          name
        }
      }
    }
    initiatives: searchInitiatives(phrase: $phrase, first: 20) {
      totalCount
      edges {
        score
        node {
          id
          name
        }
      }
    }
    experiences: searchExperiences(phrase: $phrase, first: 20) {
      totalCount
      edges {
        score
        node {
          id
          title
        }
      }
    }
    events: searchEvents(phrase: $phrase, first: 20) {
      totalCount
      edges {
        score
        node {
          id
          name
        }
      }
    }
    conditions: searchConditions(phrase: $phrase, first: 20) {
      totalCount
      edges {
        score
        node {
          id
          name
        }
      }
    }
  }
`;

const SEARCH_RAW = `
CALL db.index.fulltext.queryNodes('search_text', $query, {limit: 5000}) YIELD node, score
WITH node, score, labels(node)[0] + ':' + coalesce(node.id, node.code) AS key
ORDER BY score DESC, key
WITH collect({node: node, score: score}) AS hits
RETURN size(hits) AS total,
       [h IN hits[0..toInteger($limit)] | {score: h.score, labels: labels(h.node), node: {id: h.node.id, name: h.node.name, title: h.node.title}}] AS page`;

// ---------------------------------------------------------------- root connection with filter
const ORGANISATIONS_OURS = /* GraphQL */ `
  query Organisations($topic: String!, $province: String!) {
    organisations(filter: { topic: $topic, province: $province }, first: 20) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          key
          name
          kind
          scope
        }
      }
    }
  }
`;

const ORGANISATIONS_PEER = /* GraphQL */ `
  query Organisations($where: OrganisationWhere!) {
    organisationsConnection(where: $where, first: 20, sort: [{ name: ASC }]) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          kind
          scope
        }
      }
    }
  }
`;

const ORGANISATIONS_RAW = `
MATCH (province:Province {code: $province})
WITH [province] + [(province)<-[:IN_PROVINCE]-(m:Municipality) | m] AS places
MATCH (:Topic {id: $topic})<-[:SUBTOPIC_OF*0..6]-(:Topic)<-[:WORKS_ON]-(o:Organisation {status: 'ACTIVE'})
WITH DISTINCT o, places
WHERE EXISTS { (o)-[:ACTIVE_IN|BASED_IN]->(x) WHERE x IN places }
WITH o ORDER BY o.name, o.id
WITH collect(o) AS matches
RETURN size(matches) AS total, [o IN matches[0..toInteger($limit) + 1] | o {.id, .name, .kind, .scope}] AS page`;

function organisationsPeerWhere(p: BenchParams): Record<string, unknown> {
  // The directory lists active organisations unless asked otherwise (issue 14); raw and peer do the same.
  return {
    status: { eq: "ACTIVE" },
    topics: { some: peerTopic(p.topic) },
    OR: [
      ...peerPlaceIn(p, "province").map((f) => ({ activeIn: { some: f } })),
      { basedIn: { some: peerMunicipalityIn(p, "province") } },
    ],
  };
}

const sumOf = (data: unknown, paths: string[]): number =>
  paths.reduce((n, path) => n + (at(data, path) ?? 0), 0);

export const OPERATIONS: Operation[] = [
  {
    name: "smallest",
    title: "the smallest read: topic(id) { key name }, one indexed lookup (the fixed cost per request)",
    growth: "bounded",
    nested: false,
    reference: true,
    ours: (p) => ({
      query: "query Smallest($id: ID!) { topic(id: $id) { key name } }",
      variables: { id: p.topic },
    }),
    raw: (p) => ({
      cypher: "MATCH (t:Topic {id: $id}) RETURN t.id AS key, t.name AS name",
      params: { id: p.topic },
    }),
    peer: (p) => ({
      query: "query Smallest($id: ID!) { topics(where: { id: { eq: $id } }) { id name } }",
      variables: { id: p.topic },
    }),
    peerNote: "topics(where: {id}) { id name }",
    size: {
      ours: (d) => ((d as { topic?: unknown } | null)?.topic ? 1 : 0),
      raw: (rows) => rows.length,
      peer: (d) => at(d, "topics.length"),
    },
  },
  {
    name: "profile",
    title: "organisation profile, nested three levels (initiatives → participants → topics)",
    growth: "bounded",
    nested: true,
    ours: (p) => ({ query: PROFILE_OURS, variables: { id: p.organisation } }),
    raw: (p) => ({ cypher: PROFILE_RAW, params: { id: p.organisation } }),
    peer: (p) => ({ query: PROFILE_PEER, variables: { id: p.organisation } }),
    peerNote:
      "organisations(where: {id}) with the same nesting through initiativesConnection/participantsConnection",
    size: {
      ours: (d) => at(d, "organisation.initiatives.edges.length"),
      raw: (rows) => at(rows[0], "organisation.initiatives.length"),
      peer: (d) => {
        const list = (d as { organisations?: unknown[] } | null)?.organisations;
        return at(list?.[0], "initiativesConnection.edges.length");
      },
    },
  },
  {
    name: "whoWorksOn-province",
    title: "whoWorksOn(topic: popular root topic, place: {province}) with evidence, first 20, totalCount",
    growth: "growing",
    nested: false,
    ours: (p) => ({
      query: WHO_WORKS_ON_OURS,
      variables: { topic: p.topic, place: { province: p.province } },
    }),
    raw: (p) => ({
      cypher: whoWorksOnRaw(PROVINCE_PLACES),
      params: { topic: p.topic, province: p.province, roleWeights: ROLE_WEIGHTS, limit: 20 },
    }),
    peer: (p) => ({ query: WHO_WORKS_ON_PEER, variables: { where: whoWorksOnPeerWhere(p, "province") } }),
    peerNote: WHO_WORKS_ON_NOTE,
    size: {
      ours: (d) => at(d, "whoWorksOn.totalCount"),
      raw: (rows) => at(rows[0], "total"),
      peer: (d) => at(d, "organisationsConnection.totalCount"),
    },
  },
  {
    name: "whoWorksOn-near",
    title: "whoWorksOn(topic, place: {near: 15 km}) with evidence, first 20, totalCount",
    growth: "growing",
    nested: false,
    ours: (p) => ({ query: WHO_WORKS_ON_OURS, variables: { topic: p.topic, place: { near: p.near } } }),
    raw: (p) => ({
      cypher: whoWorksOnRaw(NEAR_PLACES),
      params: {
        topic: p.topic,
        lat: p.near.lat,
        lon: p.near.lon,
        radiusM: p.near.radiusKm * 1000,
        roleWeights: ROLE_WEIGHTS,
        limit: 20,
      },
    }),
    peer: (p) => ({ query: WHO_WORKS_ON_PEER, variables: { where: whoWorksOnPeerWhere(p, "near") } }),
    peerNote: `${WHO_WORKS_ON_NOTE}; distance filter on Municipality.location`,
    size: {
      ours: (d) => at(d, "whoWorksOn.totalCount"),
      raw: (rows) => at(rows[0], "total"),
      peer: (d) => at(d, "organisationsConnection.totalCount"),
    },
  },
  {
    name: "municipality",
    title: "municipality overview: topics (counts), organisations (page + totalCount), experiences",
    growth: "growing",
    nested: true,
    ours: (p) => ({ query: MUNICIPALITY_OURS, variables: { code: p.municipality } }),
    raw: (p) => ({ cypher: MUNICIPALITY_RAW, params: { code: p.municipality } }),
    peer: (p) => ({ query: MUNICIPALITY_PEER, variables: { code: p.municipality } }),
    peerNote:
      "topic counts through a @cypher field with the same Cypher; organisations via ACTIVE_IN only (one relationship type per field)",
    size: {
      ours: (d) => at(d, "municipality.organisations.totalCount"),
      raw: (rows) => at(rows[0], "municipality.organisationCount"),
      peer: (d) => {
        const list = (d as { municipalities?: unknown[] } | null)?.municipalities;
        return at(list?.[0], "organisationsConnection.totalCount");
      },
    },
  },
  {
    name: "search",
    title: "search(text, first 20) over all types, ranked, totalCount",
    growth: "growing",
    nested: false,
    ours: (p) => ({ query: SEARCH_OURS, variables: { text: p.text } }),
    raw: (p) => ({ cypher: SEARCH_RAW, params: { query: p.text, limit: 20 } }),
    peer: (p) => ({ query: SEARCH_PEER, variables: { phrase: p.text } }),
    peerNote: "@fulltext: one query field per type (six root fields, 20 each), no ranking across types",
    size: {
      ours: (d) => at(d, "search.totalCount"),
      raw: (rows) => at(rows[0], "total"),
      peer: (d) =>
        sumOf(
          d,
          ["organisations", "topics", "initiatives", "experiences", "events", "conditions"].map(
            (k) => `${k}.totalCount`,
          ),
        ),
    },
  },
  {
    name: "organisations",
    title: "organisations(filter: {topic, province}, first 20) with totalCount",
    growth: "growing",
    nested: false,
    ours: (p) => ({ query: ORGANISATIONS_OURS, variables: { topic: p.topic, province: p.province } }),
    raw: (p) => ({ cypher: ORGANISATIONS_RAW, params: { topic: p.topic, province: p.province, limit: 20 } }),
    peer: (p) => ({ query: ORGANISATIONS_PEER, variables: { where: organisationsPeerWhere(p) } }),
    peerNote:
      "organisationsConnection with relationship filters (topic or its subtopics; place in the province)",
    size: {
      ours: (d) => at(d, "organisations.totalCount"),
      raw: (rows) => at(rows[0], "total"),
      peer: (d) => at(d, "organisationsConnection.totalCount"),
    },
  },
];
