/**
 * The graph model of DESIGN.md as @neo4j/graphql 7 type definitions: the "best peer" the benchmark
 * compares with. Plain `@node` types with `@relationship` fields over the same labels and
 * relationship types, `@fulltext` over the same Lucene index, and one `@cypher` field where the
 * library has no generated equivalent (topic counts of a municipality).
 */
export const PEER_TYPE_DEFS = /* GraphQL */ `
  type Organisation
    @node
    @fulltext(
      indexes: [
        { indexName: "search_text", queryName: "searchOrganisations", fields: ["name", "description"] }
      ]
    ) {
    id: ID!
    name: String!
    kind: String!
    scope: String!
    status: String!
    description: String
    website: String
    source: String
    topics: [Topic!]! @relationship(type: "WORKS_ON", direction: OUT)
    activeIn: [Place!]! @relationship(type: "ACTIVE_IN", direction: OUT)
    basedIn: [Municipality!]! @relationship(type: "BASED_IN", direction: OUT)
    conditions: [Condition!]! @relationship(type: "REPRESENTS", direction: OUT)
    memberOf: [Organisation!]! @relationship(type: "MEMBER_OF", direction: OUT)
    members: [Organisation!]! @relationship(type: "MEMBER_OF", direction: IN)
    successorOf: [Organisation!]! @relationship(type: "SUCCESSOR_OF", direction: OUT)
    initiatives: [Initiative!]!
      @relationship(type: "PARTICIPATES_IN", direction: OUT, properties: "Participation")
    events: [Event!]! @relationship(type: "TAKES_PART_IN", direction: OUT, properties: "EventParticipation")
    experiences: [Experience!]! @relationship(type: "SHARED", direction: OUT)
  }

  type Participation @relationshipProperties {
    role: String
  }

  type EventParticipation @relationshipProperties {
    role: String
  }

  union Place = Municipality | Province
  union ExperienceOrigin = Initiative | Event

  type Topic
    @node
    @fulltext(
      indexes: [{ indexName: "search_text", queryName: "searchTopics", fields: ["name", "description"] }]
    ) {
    id: ID!
    name: String!
    description: String
    broader: [Topic!]! @relationship(type: "SUBTOPIC_OF", direction: OUT)
    subtopics: [Topic!]! @relationship(type: "SUBTOPIC_OF", direction: IN)
    organisations: [Organisation!]! @relationship(type: "WORKS_ON", direction: IN)
    experiences: [Experience!]! @relationship(type: "ABOUT", direction: IN)
    initiatives: [Initiative!]! @relationship(type: "ABOUT", direction: IN)
  }

  type Condition
    @node
    @fulltext(indexes: [{ indexName: "search_text", queryName: "searchConditions", fields: ["name"] }]) {
    id: ID!
    name: String!
    group: String
    organisations: [Organisation!]! @relationship(type: "REPRESENTS", direction: IN)
    experiences: [Experience!]! @relationship(type: "CONCERNS", direction: IN)
  }

  type Municipality @node {
    code: ID!
    name: String!
    lat: Float
    lon: Float
    location: Point
    validTo: String
    province: [Province!]! @relationship(type: "IN_PROVINCE", direction: OUT)
    mergedInto: [Municipality!]! @relationship(type: "MERGED_INTO", direction: OUT)
    organisations: [Organisation!]! @relationship(type: "ACTIVE_IN", direction: IN)
    seatOf: [Organisation!]! @relationship(type: "BASED_IN", direction: IN)
    experiences: [Experience!]! @relationship(type: "IN", direction: IN)
    events: [Event!]! @relationship(type: "HELD_IN", direction: IN)
    "The same counting as the service's Municipality.topics: the library has no aggregation for it."
    topicActivity(first: Int = 20): [TopicActivity!]!
      @cypher(
        statement: """
        CALL (this) {
          CALL (this) {
            MATCH (this)<-[:ACTIVE_IN|BASED_IN]-(o:Organisation)
            RETURN o
            UNION
            MATCH (this)-[:IN_PROVINCE]->(:Province)<-[:ACTIVE_IN]-(o:Organisation {scope: 'REGIONAL'})
            RETURN o
          }
          MATCH (o)-[:WORKS_ON]->(t:Topic)
          WITH t, count(DISTINCT o) AS organisationCount
          RETURN t, organisationCount, 0 AS experienceCount
          UNION ALL
          MATCH (this)<-[:IN]-(:Experience)-[:ABOUT]->(t:Topic)
          RETURN t, 0 AS organisationCount, count(*) AS experienceCount
        }
        WITH t, sum(organisationCount) AS organisationCount, sum(experienceCount) AS experienceCount
        ORDER BY organisationCount DESC, experienceCount DESC, t.name
        LIMIT toInteger($first)
        RETURN {topic: t {.id, .name}, organisationCount: organisationCount, experienceCount: experienceCount} AS activity
        """
        columnName: "activity"
      )
  }

  type TopicActivity {
    topic: TopicSummary!
    organisationCount: Int!
    experienceCount: Int!
  }

  type TopicSummary {
    id: ID!
    name: String!
  }

  type Province @node {
    code: ID!
    name: String!
    municipalities: [Municipality!]! @relationship(type: "IN_PROVINCE", direction: IN)
  }

  type Initiative
    @node
    @fulltext(
      indexes: [{ indexName: "search_text", queryName: "searchInitiatives", fields: ["name", "goal"] }]
    ) {
    id: ID!
    name: String!
    kind: String!
    goal: String
    startDate: String
    endDate: String
    status: String
    source: String
    participants: [Organisation!]!
      @relationship(type: "PARTICIPATES_IN", direction: IN, properties: "Participation")
    topics: [Topic!]! @relationship(type: "ABOUT", direction: OUT)
    conditions: [Condition!]! @relationship(type: "CONCERNS", direction: OUT)
    activeIn: [Place!]! @relationship(type: "ACTIVE_IN", direction: OUT)
    events: [Event!]! @relationship(type: "PART_OF", direction: IN)
    experiences: [Experience!]! @relationship(type: "FROM", direction: IN)
  }

  type Event
    @node
    @fulltext(indexes: [{ indexName: "search_text", queryName: "searchEvents", fields: ["name"] }]) {
    id: ID!
    name: String!
    date: String
    kind: String!
    source: String
    participants: [Organisation!]!
      @relationship(type: "TAKES_PART_IN", direction: IN, properties: "EventParticipation")
    topics: [Topic!]! @relationship(type: "ABOUT", direction: OUT)
    heldIn: [Municipality!]! @relationship(type: "HELD_IN", direction: OUT)
    partOf: [Initiative!]! @relationship(type: "PART_OF", direction: OUT)
  }

  type Experience
    @node
    @fulltext(
      indexes: [{ indexName: "search_text", queryName: "searchExperiences", fields: ["title", "summary"] }]
    ) {
    id: ID!
    title: String!
    summary: String
    date: String
    kind: String!
    source: String
    sharedBy: [Organisation!]! @relationship(type: "SHARED", direction: IN)
    topics: [Topic!]! @relationship(type: "ABOUT", direction: OUT)
    conditions: [Condition!]! @relationship(type: "CONCERNS", direction: OUT)
    place: [Place!]! @relationship(type: "IN", direction: OUT)
    from: [ExperienceOrigin!]! @relationship(type: "FROM", direction: OUT)
  }
`;
