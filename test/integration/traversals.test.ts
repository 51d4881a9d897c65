import {
  FacetsDocument,
  MunicipalityOverviewDocument,
  OrganisationsDocument,
  SearchDocument,
  TopicPlacesDocument,
  WhoWorksOnDocument,
} from "../__generated__/graphql";
import { uniquePrefix } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

/** The headline traversals on the factual data, through HTTP with the typed documents a frontend writes. */
describe("headline traversals on the factual graph", () => {
  let server: TestServer;
  let brabant: Set<string>;

  beforeAll(async () => {
    server = await startTestServer();
    const rows = await server.db.read(
      "MATCH (m:Municipality)-[:IN_PROVINCE]->(:Province {code: 'PV30'}) RETURN collect(m.code) AS codes",
    );
    brabant = new Set(rows[0]?.codes as string[]);
  });

  afterAll(() => server.stop());

  describe("whoWorksOn", () => {
    it("finds who works on 'samenwerken met de gemeente' in Noord-Brabant, with evidence located there", async () => {
      const res = await server.gql(WhoWorksOnDocument, {
        topic: "samenwerken-met-de-gemeente",
        place: { province: "Noord-Brabant" },
        first: 50,
      });
      expect(res.errors).toBeUndefined();
      const result = res.data!.whoWorksOn;
      expect(result.resolvedPlace).toEqual({ __typename: "Province", code: "PV30", name: "Noord-Brabant" });
      const keys = result.edges.map((e) => e.node.key);
      expect(keys).toContain("zc-hoogeloon");
      expect(result.totalCount).toBe(result.edges.length);
      for (const edge of result.edges) {
        expect(edge.evidence.length).toBeGreaterThan(0);
        for (const evidence of edge.evidence) {
          const place = evidence.place;
          // Every piece of evidence is located in Noord-Brabant (no national organisations without asking).
          expect(place).not.toBeNull();
          if (place?.__typename === "Municipality") expect(brabant.has(place.code)).toBe(true);
          if (place?.__typename === "Province") expect(place.code).toBe("PV30");
        }
      }
      const scores = result.edges.map((e) => e.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      // Hoogeloon both works on it and shared experiences located in Bladel: the strongest evidence.
      expect(keys[0]).toBe("zc-hoogeloon");
      const kinds = new Set(result.edges[0]!.evidence.map((e) => e.kind));
      expect(kinds.has("WORKS_ON")).toBe(true);
      expect(kinds.has("EXPERIENCE")).toBe(true);
    });

    it("counts national organisations everywhere only when NATIONAL scope is asked for", async () => {
      const without = await server.gql(WhoWorksOnDocument, {
        topic: "samenwerken-met-de-gemeente",
        place: { municipality: "GM1728" },
        first: 100,
      });
      const withNational = await server.gql(WhoWorksOnDocument, {
        topic: "samenwerken-met-de-gemeente",
        place: { municipality: "GM1728" },
        scopes: ["NATIONAL", "REGIONAL", "LOCAL"],
        first: 100,
      });
      const a = without.data!.whoWorksOn.edges.map((e) => e.node.key);
      const b = withNational.data!.whoWorksOn.edges.map((e) => e.node.key);
      // Vilans works on the topic nationally, with no evidence located in Bladel.
      expect(a).not.toContain("vilans");
      expect(b).toContain("vilans");
      const vilans = withNational.data!.whoWorksOn.edges.find((e) => e.node.key === "vilans")!;
      expect(vilans.evidence.some((e) => e.kind === "WORKS_ON" && e.place === null)).toBe(true);
    });

    it("finds the organisations working on openbare toiletten anywhere, with the Toiletalliantie as evidence", async () => {
      const res = await server.gql(WhoWorksOnDocument, { topic: "openbare-toiletten", first: 100 });
      expect(res.errors).toBeUndefined();
      const edges = res.data!.whoWorksOn.edges;
      const keys = edges.map((e) => e.node.key);
      expect(keys).toEqual(expect.arrayContaining(["mlds", "crohn-colitis-nl", "stomavereniging"]));
      const mlds = edges.find((e) => e.node.key === "mlds")!;
      const alliance = mlds.evidence.find(
        (e) => e.kind === "INITIATIVE" && e.initiative?.key === "toiletalliantie",
      );
      expect(alliance?.role).toBe("COORDINATOR");
      expect(alliance?.description).toMatch(/coördinator van "Toiletalliantie"/);
      // An inactive predecessor is not an answer.
      expect(keys).not.toContain("ccuvn");
    });

    it("includes subtopics unless told not to", async () => {
      const deep = await server.gql(WhoWorksOnDocument, { topic: "toegankelijkheid", first: 100 });
      const flat = await server.gql(WhoWorksOnDocument, {
        topic: "toegankelijkheid",
        includeSubtopics: false,
        first: 100,
      });
      const deepKeys = deep.data!.whoWorksOn.edges.map((e) => e.node.key);
      const flatKeys = flat.data!.whoWorksOn.edges.map((e) => e.node.key);
      expect(deepKeys.length).toBeGreaterThan(flatKeys.length);
      expect(
        deep.data!.whoWorksOn.edges.some((e) =>
          e.evidence.some((ev) => ev.topic.key === "openbare-toiletten"),
        ),
      ).toBe(true);
      expect(
        flat.data!.whoWorksOn.edges.every((e) =>
          e.evidence.every((ev) => ev.topic.key === "toegankelijkheid"),
        ),
      ).toBe(true);
    });

    it("resolves a merged-away municipality, by code or by name, to its successor", async () => {
      for (const municipality of ["GM1702", "Sint Anthonis", "sint anthonis"]) {
        const res = await server.gql(WhoWorksOnDocument, {
          topic: "ervaringsdeskundigheid",
          place: { municipality },
        });
        expect(res.errors).toBeUndefined();
        expect(res.data!.whoWorksOn.resolvedPlace).toEqual({
          __typename: "Municipality",
          code: "GM1982",
          name: "Land van Cuijk",
        });
      }
    });

    it("answers near { lat lon radiusKm } from the municipalities' centroids", async () => {
      // Around Eindhoven: Bladel (Hoogeloon) lies within 25 km, Amsterdam does not.
      const res = await server.gql(WhoWorksOnDocument, {
        topic: "samenwerken-met-de-gemeente",
        place: { near: { lat: 51.44, lon: 5.47, radiusKm: 25 } },
      });
      expect(res.errors).toBeUndefined();
      const keys = res.data!.whoWorksOn.edges.map((e) => e.node.key);
      expect(keys).toContain("zc-hoogeloon");
      const far = await server.gql(WhoWorksOnDocument, {
        topic: "samenwerken-met-de-gemeente",
        place: { near: { lat: 52.37, lon: 4.9, radiusKm: 10 } },
      });
      expect(far.data!.whoWorksOn.edges.map((e) => e.node.key)).not.toContain("zc-hoogeloon");
    });

    it("pages with keyset cursors without gaps or repeats", async () => {
      // Own topic and organisations: other suites write to the shared graph while this one runs.
      const prefix = uniquePrefix("paging");
      await server.db.write((tx) =>
        tx.run(
          `CREATE (t:Topic {id: $prefix + '-topic', name: 'Pagineren', nameKey: 'pagineren'})
           WITH t UNWIND range(1, 8) AS i
           CREATE (o:Organisation {id: $prefix + '-org-' + i, name: 'Org ' + i, nameKey: 'org ' + i, kind: 'stichting',
                                   scope: 'NATIONAL', status: 'ACTIVE'})-[:WORKS_ON]->(t)
           WITH t, o, i WHERE i % 3 = 0
           CREATE (o)-[:SHARED]->(:Experience {id: $prefix + '-exp-' + i, title: 'Ervaring ' + i, kind: 'LESSON'})-[:ABOUT]->(t)`,
          { prefix },
        ),
      );
      try {
        const topic = `${prefix}-topic`;
        const all = await server.gql(WhoWorksOnDocument, { topic, first: 100 });
        const expected = all.data!.whoWorksOn.edges.map((e) => e.node.key);
        expect(expected).toHaveLength(8);
        const seen: string[] = [];
        let after: string | null | undefined;
        for (let page = 0; page < 10; page++) {
          const res = await server.gql(WhoWorksOnDocument, { topic, first: 3, after });
          seen.push(...res.data!.whoWorksOn.edges.map((e) => e.node.key));
          if (!res.data!.whoWorksOn.pageInfo.hasNextPage) break;
          after = res.data!.whoWorksOn.pageInfo.endCursor;
        }
        expect(seen).toEqual(expected);
        // The ones with an experience rank first.
        expect(expected.slice(0, 2).every((k) => /-org-(3|6)$/.test(k))).toBe(true);
      } finally {
        await server.db.write((tx) =>
          tx.run("MATCH (n) WHERE n.id STARTS WITH $prefix DETACH DELETE n", { prefix }),
        );
      }
    });

    it("rejects an unknown topic with NOT_FOUND and an unknown place with a suggestion", async () => {
      const topic = await server.gql(WhoWorksOnDocument, { topic: "bestaat-niet" });
      expect(topic.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      const place = await server.gql(WhoWorksOnDocument, {
        topic: "wonen",
        place: { municipality: "Arnhm" },
      });
      expect(place.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(place.errors?.[0]?.message).toMatch(/Did you mean "Arnhem"/);
      const two = await server.gql(WhoWorksOnDocument, {
        topic: "wonen",
        place: { municipality: "GM0202", province: "PV25" },
      });
      expect(two.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const alias = await server.gql(WhoWorksOnDocument, {
        topic: "wonen",
        place: { municipality: "Den Bosch" },
      });
      expect(alias.data?.whoWorksOn.resolvedPlace).toMatchObject({ code: "GM0796" });
    });
  });

  describe("the reverse questions", () => {
    it("lists the topics worked on in Arnhem, most organisations first", async () => {
      const res = await server.gql(MunicipalityOverviewDocument, { code: "GM0202", first: 50 });
      expect(res.errors).toBeUndefined();
      const m = res.data!.municipality!;
      expect(m.name).toBe("Arnhem");
      expect(m.province).toEqual({ code: "PV25", name: "Gelderland" });
      expect(m.topics.length).toBeGreaterThan(0);
      const counts = m.topics.map((t) => t.organisationCount);
      expect([...counts].sort((a, b) => b - a)).toEqual(counts);
      // #Kennercadeau and a regional meeting took place in Arnhem.
      expect(m.topics.map((t) => t.topic.key)).toContain("ervaringsdeskundigheid");
    });

    it("shows a former municipality with its successor", async () => {
      const res = await server.gql(MunicipalityOverviewDocument, { code: "GM1702" });
      expect(res.data!.municipality).toMatchObject({
        name: "Sint Anthonis",
        current: false,
        successor: { code: "GM1982" },
      });
      const successor = await server.gql(MunicipalityOverviewDocument, { code: "GM1982" });
      expect(successor.data!.municipality!.predecessors.map((p) => p.code)).toContain("GM1702");
    });

    it("lists where openbare toiletten are worked on, by province and municipality", async () => {
      const res = await server.gql(TopicPlacesDocument, { id: "openbare-toiletten", first: 20 });
      expect(res.errors).toBeUndefined();
      const places = res.data!.topic!.places;
      expect(places.provinces.length + places.municipalities.length).toBeGreaterThan(0);
      for (const list of [places.provinces, places.municipalities]) {
        const counts = list.map((p) => p.organisationCount);
        expect([...counts].sort((a, b) => b - a)).toEqual(counts);
        for (const p of list) expect(p.organisationCount + p.experienceCount).toBeGreaterThan(0);
      }
      expect(places.provinces.every((p) => p.place.__typename === "Province")).toBe(true);
    });
  });

  describe("search", () => {
    it("finds the Toiletalliantie for 'toiletten'", async () => {
      const res = await server.gql(SearchDocument, { text: "toiletten", first: 50 });
      expect(res.errors).toBeUndefined();
      const hits = res.data!.search.edges;
      const alliance = hits.find(
        (h) => h.node.__typename === "Initiative" && h.node.key === "toiletalliantie",
      );
      expect(alliance?.type).toBe("INITIATIVE");
      const scores = hits.map((h) => h.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    });

    it("finds inflected forms with the Dutch analyzer", async () => {
      const res = await server.gql(SearchDocument, { text: "samenwerking", types: ["TOPIC"], first: 20 });
      const names = res.data!.search.edges.map((h) => (h.node.__typename === "Topic" ? h.node.name : ""));
      expect(names).toEqual(expect.arrayContaining(["Samenwerken met de gemeente"]));
    });

    it("takes Lucene syntax in the text as plain words, and rejects empty text", async () => {
      const res = await server.gql(SearchDocument, { text: 'Crohn & Colitis (NL) "AND" OR:*' });
      expect(res.errors).toBeUndefined();
      expect(
        res.data!.search.edges.some(
          (h) => h.node.__typename === "Organisation" && h.node.key === "crohn-colitis-nl",
        ),
      ).toBe(true);
      const empty = await server.gql(SearchDocument, { text: "  ()  " });
      expect(empty.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    });
  });

  describe("root lists and facets", () => {
    it("matches names ignoring case and accents", async () => {
      const res = await server.gql(OrganisationsDocument, { filter: { name: "clientenbelang" } });
      expect(res.data!.organisations.edges.map((e) => e.node.name)).toContain("Cliëntenbelang Amsterdam");
    });

    it("filters by topic with subtopics, province and scope together", async () => {
      const res = await server.gql(OrganisationsDocument, {
        filter: { topic: "rechten-en-inclusie", scopes: ["NATIONAL"] },
        first: 100,
      });
      const keys = res.data!.organisations.edges.map((e) => e.node.key);
      expect(keys).toContain("mlds"); // works on openbare toiletten, a subtopic
      expect(res.data!.organisations.edges.every((e) => e.node.scope === "NATIONAL")).toBe(true);
      const direct = await server.gql(OrganisationsDocument, {
        filter: { topic: "rechten-en-inclusie", includeSubtopics: false, scopes: ["NATIONAL"] },
        first: 100,
      });
      expect(direct.data!.organisations.edges.length).toBeLessThan(keys.length);
    });

    it("orders by counts of related things", async () => {
      const res = await server.gql(OrganisationsDocument, {
        orderBy: { field: "EXPERIENCE_COUNT" },
        first: 5,
      });
      expect(res.errors).toBeUndefined();
      const top = res.data!.organisations.edges[0]!.node.key;
      const rows = await server.db.read(
        "MATCH (o:Organisation) RETURN o.id AS id, COUNT { (o)-[:SHARED]->(:Experience) } AS n ORDER BY n DESC, o.id LIMIT 1",
      );
      expect(top).toBe(rows[0]?.id);
    });

    it("counts facets under the same filter as the list", async () => {
      const filter = { province: "Noord-Brabant" };
      const [facets, list] = await Promise.all([
        server.gql(FacetsDocument, { filter }),
        server.gql(OrganisationsDocument, { filter, first: 100 }),
      ]);
      expect(facets.errors).toBeUndefined();
      expect(facets.data!.facets.total).toBe(list.data!.organisations.totalCount);
      expect(facets.data!.facets.total).toBeGreaterThan(0);
      expect(facets.data!.facets.provinces.find((p) => p.value === "PV30")?.count).toBe(
        facets.data!.facets.total,
      );
      const kindSum = facets.data!.facets.kinds.reduce((s, k) => s + k.count, 0);
      expect(kindSum).toBe(facets.data!.facets.total);
    });
  });
});
