import "reflect-metadata";
import fc from "fast-check";
import { Role } from "../../src/auth/auth.user";
import { computeCounts, computeScores } from "../../src/graph/common/aggregates.repository";
import { toGlobalId } from "../../src/graph/common/global-id";
import { WhoWorksOnRepository } from "../../src/features/who-works-on/who-works-on.repository";
import { PlaceRepository } from "../../src/graph/place/place.repository";
import { uniquePrefix } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

/**
 * Maintained = recomputed after random writes through the mutations (decision 0048). The writes use
 * topics of this file's own (a small tree), so that the stored aggregates of those topics rest only on
 * what this file writes while other files write to the shared graph.
 */

let server: TestServer;
let admin: string;
const p = uniquePrefix("agg").toLowerCase();
const id = (s: string) => `${p}-${s}`;
// "syn-" topics: the synthetic generator (other files) never draws them for its organisations.
const TOPICS = [`syn-${id("root")}`, `syn-${id("sub")}`, `syn-${id("leaf")}`];
// Utrecht and Amersfoort (PV26), Groningen (PV20), and two provinces.
const PLACES = ["GM0344", "GM0307", "GM0014", "PV26", "PV20"];
const MUNICIPALITIES_TO_CHECK = ["GM0344", "GM0307", "GM0014", "GM0345", "GM0009"];

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.token({ role: Role.ADMIN, subject: "admin-agg" });
  // Topics are reference data (no mutation writes them).
  await server.db.write((tx) =>
    tx.run(
      `CREATE (r:Topic {id: $root, name: $root, nameKey: $root, sortKey: $root})
       CREATE (s:Topic {id: $sub, name: $sub, nameKey: $sub, sortKey: $sub})-[:SUBTOPIC_OF]->(r)
       CREATE (:Topic {id: $leaf, name: $leaf, nameKey: $leaf, sortKey: $leaf})-[:SUBTOPIC_OF]->(s)`,
      { root: TOPICS[0], sub: TOPICS[1], leaf: TOPICS[2] },
    ),
  );
}, 60_000);

afterAll(async () => {
  await server.db.write((tx) =>
    tx.run(
      "MATCH (n) WHERE (n:Organisation OR n:Topic OR n:Experience OR n:Initiative) AND (n.id STARTS WITH $p OR n.id STARTS WITH 'syn-' + $p) DETACH DELETE n",
      { p },
    ),
  );
  await server.db.write((tx) =>
    tx.run(
      `MATCH (n) WHERE (n:WhoWorksOnScore AND n.organisation STARTS WITH $p) OR (n:AggregateFootprint AND n.source CONTAINS $p)
       DELETE n`,
      { p },
    ),
  );
  await server.stop();
});

async function gql(query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await server.gql<Record<string, unknown>>(query, variables, { token: admin });
  expect(res.errors).toBeUndefined();
  return res.data!;
}

async function version(label: string, key: string): Promise<number | null> {
  const rows = await server.db.read(`MATCH (n {id: $key}) WHERE $label IN labels(n) RETURN n.version AS v`, {
    key,
    label,
  });
  return rows.length ? Number(rows[0]!.v ?? 1) : null;
}

/** A mutation on the node's current version (skipped when the node does not exist). */
async function onCurrent(
  label: "Organisation" | "Experience",
  key: string,
  mutation: string,
  variables: Record<string, unknown>,
): Promise<void> {
  const v = await version(label, key);
  if (v !== null) await gql(mutation, { id: toGlobalId(label, key), v, ...variables });
}

type Command =
  | { op: "createOrg"; n: number; scope: string; topics: number[]; places: number[]; based: number | null }
  | { op: "setTopics"; n: number; topics: number[] }
  | { op: "setPlaces"; n: number; places: number[]; based: number | null }
  | { op: "setScope"; n: number; scope: string }
  | { op: "deleteOrg"; n: number }
  | { op: "share"; n: number; e: number; topics: number[]; place: number | null }
  | { op: "deleteExperience"; e: number }
  | { op: "createInitiative"; i: number; topics: number[]; places: number[] }
  | { op: "join"; i: number; n: number; role: string }
  | { op: "leave"; i: number; n: number }
  | { op: "merge"; n: number; m: number };

const org = fc.integer({ min: 0, max: 5 });
const topics = fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { maxLength: 2 });
const places = fc.uniqueArray(fc.integer({ min: 0, max: PLACES.length - 1 }), { maxLength: 2 });
const seat = fc.option(fc.constantFrom(0, 1, 2), { nil: null });
const scope = fc.constantFrom("LOCAL", "REGIONAL", "NATIONAL");
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    arbitrary: fc.record({
      op: fc.constant("createOrg" as const),
      n: org,
      scope,
      topics,
      places,
      based: seat,
    }),
    weight: 4,
  },
  fc.record({ op: fc.constant("setTopics" as const), n: org, topics }),
  fc.record({ op: fc.constant("setPlaces" as const), n: org, places, based: seat }),
  fc.record({ op: fc.constant("setScope" as const), n: org, scope }),
  fc.record({ op: fc.constant("deleteOrg" as const), n: org }),
  {
    arbitrary: fc.record({
      op: fc.constant("share" as const),
      n: org,
      e: fc.integer({ min: 0, max: 4 }),
      topics,
      place: fc.option(fc.integer({ min: 0, max: PLACES.length - 1 }), { nil: null }),
    }),
    weight: 2,
  },
  fc.record({ op: fc.constant("deleteExperience" as const), e: fc.integer({ min: 0, max: 4 }) }),
  fc.record({
    op: fc.constant("createInitiative" as const),
    i: fc.integer({ min: 0, max: 2 }),
    topics,
    places,
  }),
  {
    arbitrary: fc.record({
      op: fc.constant("join" as const),
      i: fc.integer({ min: 0, max: 2 }),
      n: org,
      role: fc.constantFrom("COORDINATOR", "PARTNER", "SUPPORTER"),
    }),
    weight: 2,
  },
  fc.record({ op: fc.constant("leave" as const), i: fc.integer({ min: 0, max: 2 }), n: org }),
  fc.record({ op: fc.constant("merge" as const), n: org, m: org }),
);

const ORG_FIELDS = "organisation { key } userErrors { code }";

/** Runs one command through the API; refused ones (missing records, taken ids) change nothing. */
async function apply(c: Command): Promise<void> {
  const orgId = (n: number) => id(`org-${n}`);
  const topicIds = (ts: number[]) => ts.map((t) => TOPICS[t]!);
  const placeCodes = (ps: number[]) => ps.map((x) => PLACES[x]!);
  const seatOf = (b: number | null) => (b === null ? null : ["GM0344", "GM0307", "GM0014"][b]);
  switch (c.op) {
    case "createOrg":
      await gql(
        `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { ${ORG_FIELDS} } }`,
        {
          input: {
            id: orgId(c.n),
            name: `Aggregaat ${p} ${c.n}`,
            kind: "stichting",
            scope: c.scope,
            topics: topicIds(c.topics),
            activeIn: placeCodes(c.places),
            basedIn: seatOf(c.based),
          },
        },
      );
      return;
    case "setTopics":
      return onCurrent(
        "Organisation",
        orgId(c.n),
        `mutation ($id: ID!, $v: Int!, $t: [ID!]!) { setOrganisationTopics(id: $id, expectedVersion: $v, topics: $t) { ${ORG_FIELDS} } }`,
        { t: topicIds(c.topics) },
      );
    case "setPlaces":
      return onCurrent(
        "Organisation",
        orgId(c.n),
        `mutation ($id: ID!, $v: Int!, $input: OrganisationPlacesInput!) { setOrganisationPlaces(id: $id, expectedVersion: $v, input: $input) { ${ORG_FIELDS} } }`,
        { input: { activeIn: placeCodes(c.places), basedIn: seatOf(c.based) } },
      );
    case "setScope":
      return onCurrent(
        "Organisation",
        orgId(c.n),
        `mutation ($id: ID!, $v: Int!, $input: UpdateOrganisationInput!) { updateOrganisation(id: $id, expectedVersion: $v, input: $input) { ${ORG_FIELDS} } }`,
        { input: { scope: c.scope } },
      );
    case "deleteOrg":
      return onCurrent(
        "Organisation",
        orgId(c.n),
        `mutation ($id: ID!, $v: Int!) { deleteOrganisation(id: $id, expectedVersion: $v) { deletedId userErrors { code } } }`,
        {},
      );
    case "share":
      if ((await version("Organisation", orgId(c.n))) === null) return;
      await gql(
        `mutation ($input: ShareExperienceInput!) { shareExperience(input: $input) { experience { key } userErrors { code } } }`,
        {
          input: {
            organisation: toGlobalId("Organisation", orgId(c.n)),
            id: id(`exp-${c.e}`),
            title: `Ervaring ${c.e}`,
            summary: "Wat we leerden.",
            kind: "LESSON",
            topics: topicIds(c.topics),
            place: c.place === null ? null : PLACES[c.place],
          },
        },
      );
      return;
    case "deleteExperience":
      return onCurrent(
        "Experience",
        id(`exp-${c.e}`),
        `mutation ($id: ID!, $v: Int!) { deleteExperience(id: $id, expectedVersion: $v) { deletedId userErrors { code } } }`,
        {},
      );
    case "createInitiative":
      await gql(
        `mutation ($input: CreateInitiativeInput!) { createInitiative(input: $input) { initiative { key } userErrors { code } } }`,
        {
          input: {
            id: id(`ini-${c.i}`),
            name: `Initiatief ${c.i}`,
            kind: "project",
            topics: topicIds(c.topics),
            places: placeCodes(c.places),
          },
        },
      );
      return;
    case "join":
    case "leave": {
      if ((await version("Organisation", orgId(c.n))) === null) return;
      if ((await version("Initiative", id(`ini-${c.i}`))) === null) return;
      const vars = {
        i: toGlobalId("Initiative", id(`ini-${c.i}`)),
        o: toGlobalId("Organisation", orgId(c.n)),
      };
      if (c.op === "join")
        await gql(
          `mutation ($i: ID!, $o: ID!, $r: ParticipationRole!) { joinInitiative(initiative: $i, organisation: $o, role: $r) { userErrors { code } } }`,
          { ...vars, r: c.role },
        );
      else
        await gql(
          `mutation ($i: ID!, $o: ID!) { leaveInitiative(initiative: $i, organisation: $o) { userErrors { code } } }`,
          vars,
        );
      return;
    }
    case "merge": {
      const [vs, vm] = [await version("Organisation", orgId(c.n)), await version("Organisation", orgId(c.m))];
      if (vs === null || vm === null || c.n === c.m) return;
      await gql(
        `mutation ($input: MergeOrganisationsInput!) { mergeOrganisations(input: $input) { userErrors { code } } }`,
        {
          input: {
            survivor: toGlobalId("Organisation", orgId(c.n)),
            survivorVersion: vs,
            merged: toGlobalId("Organisation", orgId(c.m)),
            mergedVersion: vm,
          },
        },
      );
      return;
    }
  }
}

/** The stored aggregates of this file's organisations and topics, and the same computed from the graph. */
async function storedAndRecomputed() {
  const orgRows = await server.db.read(
    "MATCH (o:Organisation) WHERE o.id STARTS WITH $p RETURN o.id AS id ORDER BY id",
    { p },
  );
  const orgs = orgRows.map((r) => String(r.id));
  const stored = await server.db.read(
    `MATCH (s:WhoWorksOnScore) WHERE s.organisation STARTS WITH $p
     RETURN s.organisation AS organisation, s.key AS key, s.score AS score, s.evidenceCount AS evidenceCount, s.tie AS tie
     ORDER BY organisation, key`,
    { p },
  );
  const computed = await server.db.write((tx) => computeScores(tx, orgs));
  const byKey = (a: { organisation: string; key: string }, b: { organisation: string; key: string }) =>
    `${a.organisation} ${a.key}`.localeCompare(`${b.organisation} ${b.key}`);
  const own = (topics: string[]) =>
    topics.map((t, i) => [t, i] as const).filter(([t]) => t.startsWith(`syn-${p}`));
  const counts = async (
    rows: { municipality: string; topics: string[]; organisations: number[]; experiences: number[] }[],
  ) =>
    rows
      .flatMap((r) =>
        own(r.topics).map(([t, i]) => `${r.municipality} ${t} ${r.organisations[i]} ${r.experiences[i]}`),
      )
      .sort();
  const storedCounts = await server.db.read(
    "MATCH (c:MunicipalityTopics) WHERE c.municipality IN $codes RETURN c.municipality AS municipality, c.topics AS topics, c.organisations AS organisations, c.experiences AS experiences",
    { codes: MUNICIPALITIES_TO_CHECK },
  );
  const computedCounts = await server.db.write((tx) => computeCounts(tx, MUNICIPALITIES_TO_CHECK));
  return {
    stored: stored
      .map((r) => ({
        organisation: String(r.organisation),
        key: String(r.key),
        score: Number(r.score),
        evidenceCount: Number(r.evidenceCount),
        tie: String(r.tie),
      }))
      .sort(byKey),
    computed: [...computed].sort(byKey),
    storedCounts: await counts(storedCounts as never),
    computedCounts: await counts(computedCounts),
  };
}

describe("maintained aggregates after random writes through the mutations", () => {
  it("equal the aggregates recomputed from the graph, and whoWorksOn answers as the live graph", async () => {
    let nonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 4, maxLength: 12 }), async (commands) => {
        for (const c of commands) await apply(c);
        const state = await storedAndRecomputed();
        expect(state.stored).toEqual(state.computed);
        expect(state.storedCounts).toEqual(state.computedCounts);
        if (state.stored.length > 0) nonEmpty++;
        // whoWorksOn from the stored scores = from the live graph, on this file's topics.
        const repo = new WhoWorksOnRepository(server.db);
        for (const placeInput of [
          null,
          { municipality: "GM0344" },
          { municipality: "GM0345" },
          { province: "PV26" },
        ]) {
          const place = await new PlaceRepository(server.db).resolve(placeInput);
          for (const topic of TOPICS) {
            const args = {
              topic,
              includeSubtopics: true,
              place,
              scopes: ["LOCAL", "REGIONAL", "NATIONAL"],
              includeNational: !place,
              window: { size: 100, backward: false },
            };
            const stored = await repo.findMaintained(args, false);
            const live = await repo.findLive(args);
            expect(stored).not.toBeNull();
            const view = (r: typeof live) => r.rows.map((x) => [x.organisation.id, x.score, x.evidenceCount]);
            expect(view(stored!)).toEqual(view(live));
            expect(await stored!.total()).toBe(await live.total());
          }
        }
      }),
      { numRuns: 6, endOnFailure: true },
    );
    expect(nonEmpty).toBeGreaterThan(2);
  }, 600_000);
});
