import { countFacets, matchesSelection, type FacetedOrganisation } from "../../web/src/pages/search.facets";
import {
  buildGraph,
  communityColour,
  neighbourhood,
  type NetworkData,
} from "../../web/src/network/network.graph";

const org = (
  kind: string,
  topics: string[],
  province: string | null,
  conditions: string[] = [],
): FacetedOrganisation => ({
  kind,
  topics: topics.map((key) => ({ key, name: key.toUpperCase() })),
  conditions: conditions.map((key) => ({ key, name: key })),
  places: province
    ? [
        { __typename: "Municipality", province: { code: province, name: `provincie ${province}` } },
        { __typename: "Province", code: province, name: `provincie ${province}` },
      ]
    : [],
});

describe("Verkenner: facets over search hits", () => {
  const hits = [
    org("adviesraad", ["wonen", "vervoer"], "PV27"),
    org("adviesraad", ["wonen"], "PV26"),
    org("koepel", ["vervoer"], null, ["doof"]),
  ];

  it("counts each organisation once per value, most first", () => {
    const counts = countFacets(hits, {});
    expect(counts.soort).toEqual([
      { value: "adviesraad", label: "adviesraad", count: 2 },
      { value: "koepel", label: "koepel", count: 1 },
    ]);
    // A municipality and its province name the same province once.
    expect(counts.provincie.map((v) => [v.value, v.count])).toEqual([
      ["PV26", 1],
      ["PV27", 1],
    ]);
    expect(counts.onderwerp.map((v) => [v.label, v.count])).toEqual([
      ["VERVOER", 2],
      ["WONEN", 2],
    ]);
  });

  it("counts a facet under the other facets' choices, not its own", () => {
    const counts = countFacets(hits, { soort: "adviesraad" });
    expect(counts.soort.map((v) => v.count)).toEqual([2, 1]);
    expect(counts.onderwerp.map((v) => [v.value, v.count])).toEqual([
      ["wonen", 2],
      ["vervoer", 1],
    ]);
    expect(counts.aandoening).toEqual([]);
  });

  it("keeps only the hits that have every chosen value", () => {
    expect(hits.filter((h) => matchesSelection(h, { onderwerp: "vervoer", soort: "koepel" }))).toEqual([
      hits[2],
    ]);
    expect(hits.filter((h) => matchesSelection(h, { provincie: "PV20" }))).toEqual([]);
  });
});

describe("Verkenner: the network graph", () => {
  const node = (id: string, community: number, pageRank: number) => ({
    id,
    key: id,
    name: `Organisatie ${id}`,
    kind: "koepel",
    sector: "OTHER" as const,
    community,
    degree: 0,
    weightedDegree: 0,
    betweenness: 0,
    closeness: 0,
    pageRank,
  });
  // a – b – c – d, and e alone.
  const data = {
    projection: "SHARED_TOPICS",
    modularity: 0.2,
    summary: {} as NetworkData["summary"],
    communities: [],
    nodes: [node("a", 0, 0.4), node("b", 0, 0.1), node("c", 1, 0.1), node("d", 1, 0.3), node("e", 20, 0.1)],
    edges: [
      { source: "a", target: "b", weight: 1, sharedCount: 1 },
      { source: "b", target: "c", weight: 2, sharedCount: 2 },
      { source: "c", target: "d", weight: 1, sharedCount: 1 },
      { source: "c", target: "d", weight: 1, sharedCount: 1 },
    ],
  } as NetworkData;

  it("draws every node, each tie once, sized by the centrality and coloured by community", () => {
    const graph = buildGraph(data, "pageRank", new Set(["b"]));
    expect(graph.order).toBe(5);
    expect(graph.size).toBe(3);
    expect(graph.getNodeAttribute("a", "size")).toBeGreaterThan(graph.getNodeAttribute("d", "size"));
    expect(graph.getNodeAttribute("c", "color")).toBe(communityColour(1));
    expect(graph.getNodeAttribute("e", "color")).toBe(communityColour(20));
    expect(communityColour(20)).not.toBe(communityColour(0));
    expect(graph.getNodeAttribute("b", "forceLabel")).toBe(true);
    expect(graph.getNodeAttribute("a", "forceLabel")).toBe(false);
  });

  it("finds the organisations within depth ties of the focus", () => {
    const graph = buildGraph(data, "degree", new Set());
    expect([...neighbourhood(graph, "a", 1)].sort()).toEqual(["a", "b"]);
    expect([...neighbourhood(graph, "a", 2)].sort()).toEqual(["a", "b", "c"]);
    expect([...neighbourhood(graph, "b", 3)].sort()).toEqual(["a", "b", "c", "d"]);
    expect([...neighbourhood(graph, "e", 3)]).toEqual(["e"]);
    expect(neighbourhood(graph, "x", 1).size).toBe(0);
  });
});

describe("Verkenner: a large network", () => {
  it("builds 2,000 organisations with 60,000 ties (no spread of huge lists)", () => {
    const nodes = Array.from({ length: 2000 }, (_, i) => ({
      id: `n${i}`,
      key: `n${i}`,
      name: `N${i}`,
      kind: "koepel",
      sector: "OTHER" as const,
      community: i % 7,
      degree: 1,
      weightedDegree: 1,
      betweenness: 0,
      closeness: 0,
      pageRank: 1 / 2000,
    }));
    const edges = Array.from({ length: 60_000 }, (_, i) => ({
      source: `n${i % 2000}`,
      target: `n${(i * 7 + 1 + Math.floor(i / 2000)) % 2000}`,
      weight: 1 + (i % 5),
      sharedCount: 1,
    })).filter((e) => e.source !== e.target);
    const graph = buildGraph(
      { nodes, edges, communities: [] } as unknown as NetworkData,
      "pageRank",
      new Set(),
    );
    expect(graph.order).toBe(2000);
    expect(graph.size).toBeGreaterThan(0);
  });
});
