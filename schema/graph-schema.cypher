// The Neo4j schema of the knowledge graph: uniqueness constraints on every key, indexes for every
// lookup the API makes, and one full-text index with Lucene's Dutch analyzer for search.
// Applied idempotently (IF NOT EXISTS) at start-up and in tests by src/db/graph-schema.ts.
// Statements are separated by semicolons at line ends.

CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (n:Organisation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT topic_id IF NOT EXISTS FOR (n:Topic) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT condition_id IF NOT EXISTS FOR (n:Condition) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT municipality_code IF NOT EXISTS FOR (n:Municipality) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT province_code IF NOT EXISTS FOR (n:Province) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT initiative_id IF NOT EXISTS FOR (n:Initiative) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT experience_id IF NOT EXISTS FOR (n:Experience) REQUIRE n.id IS UNIQUE;

// Ordered listings and keyset pagination (ORDER BY name, id).
CREATE INDEX organisation_name IF NOT EXISTS FOR (n:Organisation) ON (n.name);
CREATE INDEX topic_name IF NOT EXISTS FOR (n:Topic) ON (n.name);
CREATE INDEX condition_name IF NOT EXISTS FOR (n:Condition) ON (n.name);
CREATE INDEX municipality_name IF NOT EXISTS FOR (n:Municipality) ON (n.name);
CREATE INDEX initiative_name IF NOT EXISTS FOR (n:Initiative) ON (n.name);
// Dutch alphabetical order: sortKey (lower case, no accents, no punctuation; src/domain/name-key.ts).
CREATE INDEX organisation_sort_key IF NOT EXISTS FOR (n:Organisation) ON (n.sortKey);
CREATE INDEX topic_sort_key IF NOT EXISTS FOR (n:Topic) ON (n.sortKey);
CREATE INDEX condition_sort_key IF NOT EXISTS FOR (n:Condition) ON (n.sortKey);
CREATE INDEX municipality_sort_key IF NOT EXISTS FOR (n:Municipality) ON (n.sortKey);
CREATE INDEX province_sort_key IF NOT EXISTS FOR (n:Province) ON (n.sortKey);
CREATE INDEX initiative_sort_key IF NOT EXISTS FOR (n:Initiative) ON (n.sortKey);
CREATE INDEX event_sort_key IF NOT EXISTS FOR (n:Event) ON (n.sortKey);
CREATE INDEX experience_sort_key IF NOT EXISTS FOR (n:Experience) ON (n.sortKey);
CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date);
CREATE INDEX experience_date IF NOT EXISTS FOR (n:Experience) ON (n.date);

// Filters.
CREATE INDEX organisation_kind IF NOT EXISTS FOR (n:Organisation) ON (n.kind);
CREATE INDEX organisation_scope IF NOT EXISTS FOR (n:Organisation) ON (n.scope);
CREATE INDEX organisation_status IF NOT EXISTS FOR (n:Organisation) ON (n.status);
CREATE INDEX condition_group IF NOT EXISTS FOR (n:Condition) ON (n.group);
CREATE INDEX experience_kind IF NOT EXISTS FOR (n:Experience) ON (n.kind);

// Name filters that ignore case and accents match on nameKey (lower case, diacritics removed).
CREATE TEXT INDEX organisation_name_key IF NOT EXISTS FOR (n:Organisation) ON (n.nameKey);
CREATE TEXT INDEX topic_name_key IF NOT EXISTS FOR (n:Topic) ON (n.nameKey);
CREATE TEXT INDEX condition_name_key IF NOT EXISTS FOR (n:Condition) ON (n.nameKey);
CREATE TEXT INDEX municipality_name_key IF NOT EXISTS FOR (n:Municipality) ON (n.nameKey);
CREATE TEXT INDEX initiative_name_key IF NOT EXISTS FOR (n:Initiative) ON (n.nameKey);
CREATE TEXT INDEX event_name_key IF NOT EXISTS FOR (n:Event) ON (n.nameKey);
CREATE TEXT INDEX experience_name_key IF NOT EXISTS FOR (n:Experience) ON (n.nameKey);

// Municipality names (current and former) resolve through this exact-match index.
CREATE INDEX municipality_name_key_range IF NOT EXISTS FOR (n:Municipality) ON (n.nameKey);
// Province names (filters, whoWorksOn's place) resolve through this one; the provinces list orders by name.
CREATE INDEX province_name_key_range IF NOT EXISTS FOR (n:Province) ON (n.nameKey);
CREATE INDEX province_name IF NOT EXISTS FOR (n:Province) ON (n.name);

// `near { lat lon radiusKm }` uses the municipalities' centroids.
CREATE POINT INDEX municipality_location IF NOT EXISTS FOR (n:Municipality) ON (n.location);

// Ranked full-text search with the Dutch analyzer (stemming: "samenwerking" finds "samenwerken").
CREATE FULLTEXT INDEX search_text IF NOT EXISTS
FOR (n:Organisation|Topic|Initiative|Experience|Event|Condition)
ON EACH [n.name, n.title, n.description, n.summary, n.goal]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'dutch', `fulltext.eventually_consistent`: false } };

// Audit trail of the mutations: one AuditEvent per change, listed by target and newest first.
CREATE CONSTRAINT audit_event_id IF NOT EXISTS FOR (n:AuditEvent) REQUIRE n.id IS UNIQUE;
CREATE INDEX audit_event_target IF NOT EXISTS FOR (n:AuditEvent) ON (n.targetId);
CREATE INDEX audit_event_at IF NOT EXISTS FOR (n:AuditEvent) ON (n.at);

// Idempotency keys of writes (Idempotency-Key header): one record per caller, mutation and key.
CREATE CONSTRAINT idempotency_key_id IF NOT EXISTS FOR (k:IdempotencyKey) REQUIRE k.id IS UNIQUE;
CREATE INDEX idempotency_key_expiry IF NOT EXISTS FOR (k:IdempotencyKey) ON (k.expiresAt);

// Maintained aggregates (decision 0048): whoWorksOn's scores read a page as an index range on `rank`
// (key, score descending, tie-breaker); the write paths find an organisation's scores by `organisation`.
CREATE INDEX who_works_on_score_rank IF NOT EXISTS FOR (n:WhoWorksOnScore) ON (n.rank);
CREATE INDEX who_works_on_score_organisation IF NOT EXISTS FOR (n:WhoWorksOnScore) ON (n.organisation);
CREATE CONSTRAINT municipality_topics_key IF NOT EXISTS FOR (n:MunicipalityTopics) REQUIRE n.municipality IS UNIQUE;
CREATE CONSTRAINT aggregate_footprint_source IF NOT EXISTS FOR (n:AggregateFootprint) REQUIRE n.source IS UNIQUE;
CREATE CONSTRAINT aggregate_state_id IF NOT EXISTS FOR (n:AggregateState) REQUIRE n.id IS UNIQUE;
