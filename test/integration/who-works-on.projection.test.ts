import "reflect-metadata";
import { readFileSync } from "node:fs";
import { type ExecutionResult, execute, parse } from "graphql";
import { OPERATIONS } from "../../bench/bench.operations";
import { Context } from "../../src/context";
import { Database, type Params, type Row } from "../../src/db/database";
import { COUNTERS, STATE_ID } from "../../src/graph/common/aggregates.fragments";
import { createSchema } from "../../src/schema";
import { projectPath } from "../../src/paths";
import { testDatabaseConfig } from "../support/database";
import { type OwnTopicGraph, ownTopicGraph } from "../support/synthetic.topics";

/**
 * whoWorksOn reads only the node properties its selection needs (decision 0053): a selection of a few
 * fields does not receive the organisations' descriptions or the experiences' texts from Neo4j, and
 * every selected field answers as it does when every property is read (the projection replaced by all
 * properties), for selections with aliases, fragments, @include/@skip and lists planned below the page,
 * on the seed and on a synthetic graph.
 */

/**
 * A Database that keeps the rows Neo4j returned, as JSON (real Neo4j underneath). With `readAll` it
 * turns whoWorksOn's projection off where it meets Neo4j: every `…Props` list parameter null (every
 * property, as before the projection) and the strongest evidence read even when it is not selected.
 */
class RecordingDatabase extends Database {
  readonly received: string[] = [];
  readAll = false;
  override async read(cypher: string, params?: Params, bookmarks?: readonly string[]): Promise<Row[]> {
    const all =
      this.readAll && params && "evidenceLimit" in params
        ? {
            ...Object.fromEntries(
              Object.entries(params).map(([k, v]) => [k, k.endsWith("Props") ? null : v]),
            ),
            evidenceLimit: 10,
          }
        : params;
    const rows = await super.read(cypher, all, bookmarks);
    this.received.push(JSON.stringify(rows));
    return rows;
  }
}

const prefix = `syn-projection-${Date.now().toString(36)}-`;
/** Long texts only this file's nodes carry: seen in a row means the property was sent. */
const MARKER = `LANGE-TEKST-${prefix}-`;

let db: RecordingDatabase;
let graph: OwnTopicGraph;
let schema: Awaited<ReturnType<typeof createSchema>>;

/**
 * The file's own topics are written around the maintenance (ownTopicGraph): their counts are added to
 * the aggregates' state while they exist, so that other files' questions keep reading fresh stored
 * scores meanwhile (the topics carry no evidence of the seed's topics).
 */
async function countOwnTopics(sign: 1 | -1): Promise<void> {
  const topics = COUNTERS.indexOf("(:Topic)");
  const subtopics = COUNTERS.indexOf("()-[:SUBTOPIC_OF]->()");
  await db.write((tx) =>
    tx.run(
      `MATCH (s:AggregateState {id: $id})
       SET s.counts = [i IN range(0, size(s.counts) - 1) |
         s.counts[i] + $sign * CASE i WHEN $topics THEN 4 WHEN $subtopics THEN 2 ELSE 0 END]`,
      { id: STATE_ID, sign, topics, subtopics },
    ),
  );
}

beforeAll(async () => {
  db = new RecordingDatabase(testDatabaseConfig());
  schema = await createSchema();
  // Four topics, two of them subtopics (two SUBTOPIC_OF relationships): see countOwnTopics.
  graph = await ownTopicGraph(db, prefix, ["r1", "r1-a", "r1-b", "r2"]);
  await countOwnTopics(1);
  await graph.add(160, 13, prefix);
  // Descriptions, summaries and goals as long as real ones (properties no counter of the aggregates reads).
  await db.write((tx) =>
    tx.run(
      `MATCH (n) WHERE (n:Organisation OR n:Experience OR n:Initiative) AND n.id STARTS WITH $prefix
       SET n.description = $marker + n.id + $padding, n.summary = $marker + $padding, n.goal = $marker + $padding`,
      { prefix, marker: MARKER, padding: " tekst".repeat(150) },
    ),
  );
}, 240_000);

afterAll(async () => {
  if (graph) await countOwnTopics(-1);
  await graph?.remove();
  await db?.close();
});

async function run(query: string, variables: Record<string, unknown>): Promise<ExecutionResult> {
  const result = await execute({
    schema,
    document: parse(query),
    contextValue: new Context(db),
    variableValues: variables,
  });
  expect(result.errors).toBeUndefined();
  return result;
}

/** The same question with every property read (the answer before the projection). */
async function runReadingAll(query: string, variables: Record<string, unknown>): Promise<ExecutionResult> {
  db.readAll = true;
  try {
    return await run(query, variables);
  } finally {
    db.readAll = false;
  }
}

const PLACE = "... on Municipality { code name } ... on Province { code name }";

/** The bench's selection (its whoWorksOn operations' query, bench/bench.operations.ts). */
const BENCH = OPERATIONS.find((o) => o.name === "whoWorksOn-province")!.ours({
  topic: "",
  province: "",
  municipality: "",
  near: { lat: 0, lon: 0, radiusKm: 1 },
  text: "",
  organisation: "",
}).query;

/** Every leaf field of every node type the page returns. */
const EVERYTHING = `query ($topic: ID!, $place: PlaceInput) {
  whoWorksOn(topic: $topic, place: $place, first: 25) {
    topic { id key name description }
    resolvedPlace { __typename ${PLACE} }
    edges {
      cursor score evidenceCount
      node { __typename id key name kind scope status website description source }
      evidence {
        kind weight description role
        topic { id key name description }
        place { __typename ... on Municipality { id code name lat lon validTo current } ... on Province { id code name } }
        experience { id key title summary date kind source }
        initiative { id key name kind goal startDate endDate status source }
      }
    }
  }
}`;

/** Aliases, a fragment, @include/@skip, and relations below the page (planned lists, resolvers). */
const TANGLED = `query ($topic: ID!, $place: PlaceInput, $withEvidence: Boolean!, $noWords: Boolean!) {
  first: whoWorksOn(topic: $topic, place: $place, first: 10) {
    edges {
      n: node { ...Org naam: name topics { name } places { ${PLACE} } }
      ev: evidence @include(if: $withEvidence) {
        w: weight
        words: description @skip(if: $noWords)
        t: topic { label: name }
        ... on Evidence { experience { kop: title } }
      }
    }
  }
}
fragment Org on Organisation { key omschrijving: description @include(if: $withEvidence) }`;

/** Only the evidence in words: it names a topic, place, experience and initiative nothing else selects. */
const WORDS = `query ($topic: ID!, $place: PlaceInput) {
  whoWorksOn(topic: $topic, place: $place, first: 20) { edges { evidence { description } } }
}`;

/** Few fields: the question of the first test. */
const FEW = `query ($topic: ID!, $place: PlaceInput) {
  whoWorksOn(topic: $topic, place: $place, first: 20) { edges { node { key } evidence { kind weight } } }
}`;

const VERKENNER = readFileSync(projectPath("web/src/operations/who-works-on.graphql"), "utf8").replace(
  /query VerkennerTopics[\s\S]*/,
  "",
);

const PLACES: (Record<string, unknown> | null)[] = [
  null,
  { province: "PV26" },
  { province: "Noord-Holland" },
  { municipality: "Utrecht" },
  { near: { lat: 52.0907, lon: 5.1214, radiusKm: 15 } },
];

describe("whoWorksOn reads only the selected properties", () => {
  it("does not receive the unselected large properties from Neo4j", async () => {
    const root = graph.roots[0]!;
    for (const place of PLACES) {
      db.received.length = 0;
      const few = (await run(FEW, { topic: root, place })) as ExecutionResult<{
        whoWorksOn: { edges: { evidence: unknown[] }[] };
      }>;
      expect(few.data!.whoWorksOn.edges.length).toBeGreaterThan(0);
      expect(few.data!.whoWorksOn.edges.some((e) => e.evidence.length > 0)).toBe(true);
      expect(db.received.join("")).not.toContain(MARKER);

      // The control: selected, the same texts do arrive (so the check above can see them).
      db.received.length = 0;
      await run(
        `query ($topic: ID!, $place: PlaceInput) { whoWorksOn(topic: $topic, place: $place, first: 20) {
          edges { node { description } evidence { experience { summary } initiative { goal } } } } }`,
        { topic: root, place },
      );
      expect(db.received.join("")).toContain(MARKER);
    }
  }, 400_000);

  it("sends a few fields' rows in a fraction of the bytes of every property", async () => {
    const root = graph.roots[0]!;
    const bytes = async (reading: typeof run) => {
      db.received.length = 0;
      await reading(BENCH, { topic: root, place: { province: "PV26" } });
      return db.received.reduce((n, r) => n + r.length, 0);
    };
    const projected = await bytes(run);
    const all = await bytes(runReadingAll);
    console.log(JSON.stringify({ benchSelectionRowBytes: { all, projected } }));
    expect(projected).toBeLessThan(all / 2);
  }, 200_000);

  const questions: [string, string, Record<string, unknown>][] = [
    ["bench", BENCH, {}],
    ["everything", EVERYTHING, {}],
    ["tangled", TANGLED, { withEvidence: true, noWords: false }],
    ["tangled, skipped", TANGLED, { withEvidence: false, noWords: true }],
    ["verkenner", VERKENNER, { first: 20 }],
    // The evidence in words names what no other field selects.
    ["words only", WORDS, {}],
  ];

  it.each(questions)(
    "answers the %s selection as when reading every property",
    async (_name, query, extra) => {
      // A seed topic and this file's synthetic root with subtopics, each in every kind of place.
      const seedTopic = "toegankelijkheid";
      for (const topic of [seedTopic, graph.roots[0]!]) {
        for (const place of PLACES) {
          const variables = { topic, place, ...extra };
          const projected = await run(query, variables);
          const all = await runReadingAll(query, variables);
          expect(projected.data).toEqual(all.data);
        }
      }
    },
    600_000,
  );

  it("reads the selected texts (the projection does not drop what is asked for)", async () => {
    const answer = (await run(EVERYTHING, { topic: graph.roots[0], place: null })) as ExecutionResult<{
      whoWorksOn: { edges: { node: { description: string | null } }[] };
    }>;
    // Read, not left out: the selected description of this file's organisations carries its text.
    expect(answer.data!.whoWorksOn.edges.every((e) => e.node.description?.startsWith(MARKER))).toBe(true);
  }, 200_000);
});
