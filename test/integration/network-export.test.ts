import { parse as parseCsv } from "csv-parse/sync";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import Graph from "graphology";
import { parse as parseGexf } from "graphology-gexf";
import { parse as parseGraphml } from "graphology-graphml";
import { uniquePrefix } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

/**
 * Network files through HTTP: the GraphQL field and GET /export/network.<format>. The files must parse
 * with standard parsers (fast-xml-parser; graphology's own GEXF and GraphML readers, as Gephi-like
 * consumers) and carry the metrics the `network` query computes.
 */

interface MetricNode {
  key: string;
  degree: number;
  betweenness: number;
  closeness: number;
  pageRank: number;
  community: number;
}

const METRICS = `query ($filter: NetworkFilter) {
  network(filter: $filter, projection: SHARED_INITIATIVES) { nodes { key degree betweenness closeness pageRank community } summary { edges } }
}`;

const EXPORT = `query ($format: NetworkExportFormat!, $filter: NetworkFilter) {
  networkExport(format: $format, filter: $filter, projection: SHARED_INITIATIVES) { format contentType filename bytes nodes edges content }
}`;

interface ExportOut {
  format: string;
  contentType: string;
  filename: string;
  bytes: number;
  nodes: number;
  edges: number;
  content: string;
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  isArray: (name) => ["node", "edge", "attvalue", "attribute", "data", "key"].includes(name),
});

describe("network export over HTTP", () => {
  let server: TestServer;
  const prefix = uniquePrefix("netx");
  const kind = `${prefix}-kind`;
  const bigKind = `${prefix}-big`;
  const filter = { kinds: [kind] };
  let metrics: Map<string, MetricNode>;
  let edgeCount: number;

  beforeAll(async () => {
    server = await startTestServer();
    // Two cliques and a bridge, with names that need escaping in XML and CSV.
    const names: Record<string, string> = {
      a1: `Stichting "Samen", Sterk & Co`,
      a2: "Vereniging <Toegankelijk>",
      a3: "=SUM(1)",
      b1: "Cliëntenraad Fryslân",
      b2: "B2",
      b3: "B3",
    };
    const groups = [
      ["a1", "a2", "a3"],
      ["b1", "b2", "b3"],
      ["a1", "b1"],
    ];
    // A larger network (400 organisations in groups of 4) to see the file streamed in pieces.
    const big = Array.from({ length: 400 }, (_, i) => `big${i}`);
    const bigGroups = Array.from({ length: 100 }, (_, g) =>
      big.slice(g * 4, g * 4 + 4).concat(big[(g * 4 + 4) % 400]!),
    );
    await server.db.write((tx) =>
      tx.run(
        `UNWIND $orgs AS o
         CREATE (:Organisation {id: o.id, name: o.name, nameKey: toLower(o.name), sortKey: toLower(o.name), kind: o.kind, scope: 'LOCAL', status: 'ACTIVE'})
         WITH count(*) AS created
         UNWIND range(0, size($groups) - 1) AS i
         CREATE (x:Initiative {id: $prefix + '-ini-' + toString(i), name: 'Export test ' + toString(i), kind: 'project', status: 'ACTIVE'})
         WITH x, $groups[i] AS group
         UNWIND group AS member
         MATCH (o:Organisation {id: member})
         CREATE (o)-[:PARTICIPATES_IN {role: 'PARTNER'}]->(x)`,
        {
          prefix,
          orgs: [
            ...Object.entries(names).map(([k, name]) => ({ id: `${prefix}-${k}`, name, kind })),
            ...big.map((k) => ({ id: `${prefix}-${k}`, name: `Groot ${k}`, kind: bigKind })),
          ],
          groups: [...groups, ...bigGroups].map((g) => g.map((k) => `${prefix}-${k}`)),
        },
      ),
    );
    const res = await server.gql<{ network: { nodes: MetricNode[]; summary: { edges: number } } }>(METRICS, {
      filter,
    });
    expect(res.errors).toBeUndefined();
    metrics = new Map(res.data!.network.nodes.map((n) => [n.key, n]));
    edgeCount = res.data!.network.summary.edges;
    expect(metrics.size).toBe(6);
  });

  afterAll(async () => {
    await server.db.write((tx) =>
      tx.run("MATCH (n) WHERE n.id STARTS WITH $prefix DETACH DELETE n", { prefix }),
    );
    await server.stop();
  });

  async function graphqlExport(format: string): Promise<ExportOut> {
    const res = await server.gql<{ networkExport: ExportOut }>(EXPORT, { format, filter });
    expect(res.errors).toBeUndefined();
    return res.data!.networkExport;
  }

  function expectMetrics(key: string, values: Record<string, unknown>): void {
    const m = metrics.get(key)!;
    expect(Number(values.degree)).toBe(m.degree);
    expect(Number(values.community)).toBe(m.community);
    for (const metric of ["betweenness", "closeness", "pageRank"] as const)
      expect(Number(values[metric])).toBeCloseTo(m[metric], 6);
  }

  it("GEXF 1.3 parses with a standard XML parser and carries the metrics and weights", async () => {
    const file = await graphqlExport("GEXF");
    expect(file).toMatchObject({
      contentType: "application/gexf+xml; charset=utf-8",
      filename: "network-shared-initiatives.gexf",
      nodes: 6,
    });
    expect(file.bytes).toBe(Buffer.byteLength(file.content));
    expect(XMLValidator.validate(file.content)).toBe(true);
    const doc = xml.parse(file.content);
    expect(doc.gexf["@xmlns"]).toBe("http://gexf.net/1.3");
    expect(doc.gexf["@version"]).toBe("1.3");
    const graph = doc.gexf.graph;
    expect(graph["@defaultedgetype"]).toBe("undirected");
    const declared = graph.attributes
      .find((a: Record<string, string>) => a["@class"] === "node")
      .attribute.map((a: Record<string, string>) => a["@id"]);
    expect(declared).toEqual(
      expect.arrayContaining([
        "degree",
        "weightedDegree",
        "betweenness",
        "closeness",
        "pageRank",
        "community",
      ]),
    );
    expect(graph.nodes.node).toHaveLength(6);
    for (const node of graph.nodes.node) {
      const values = Object.fromEntries(
        node.attvalues.attvalue.map((v: Record<string, string>) => [v["@for"], v["@value"]]),
      );
      expectMetrics(node["@id"], values);
    }
    const a1 = graph.nodes.node.find((n: Record<string, string>) => n["@id"] === `${prefix}-a1`);
    expect(a1["@label"]).toBe(`Stichting "Samen", Sterk & Co`);
    expect(graph.edges.edge).toHaveLength(edgeCount);
    expect(graph.edges.edge.every((e: Record<string, string>) => Number(e["@weight"]) === 1)).toBe(true);

    // graphology's GEXF reader (what sigma.js / Gephi Lite use) reads it back with typed attributes.
    const read = parseGexf(Graph, file.content);
    expect(read.order).toBe(6);
    expect(read.size).toBe(edgeCount);
    expect(read.getNodeAttribute(`${prefix}-b1`, "betweenness")).toBeCloseTo(
      metrics.get(`${prefix}-b1`)!.betweenness,
      6,
    );
    expect(read.getNodeAttribute(`${prefix}-a2`, "label")).toBe("Vereniging <Toegankelijk>");
  });

  it("GraphML parses and carries the metrics as typed keys and the edge weights", async () => {
    const file = await graphqlExport("GRAPHML");
    expect(XMLValidator.validate(file.content)).toBe(true);
    const doc = xml.parse(file.content);
    const keys = doc.graphml.key as Record<string, string>[];
    expect(keys.find((k) => k["@id"] === "betweenness")).toMatchObject({
      "@for": "node",
      "@attr.type": "double",
    });
    expect(keys.find((k) => k["@id"] === "weight")).toMatchObject({ "@for": "edge", "@attr.type": "double" });
    const graph = doc.graphml.graph;
    expect(graph["@edgedefault"]).toBe("undirected");
    expect(graph.node).toHaveLength(6);
    for (const node of graph.node) {
      const values = Object.fromEntries(
        node.data.map((d: Record<string, string>) => [d["@key"], d["#text"]]),
      );
      expectMetrics(node["@id"], values);
    }
    const read = parseGraphml(Graph, file.content);
    expect(read.order).toBe(6);
    expect(read.size).toBe(edgeCount);
    expect(read.getNodeAttribute(`${prefix}-a1`, "pageRank")).toBeCloseTo(
      metrics.get(`${prefix}-a1`)!.pageRank,
      6,
    );
    expect(read.getNodeAttribute(`${prefix}-a3`, "label")).toBe("=SUM(1)");
  });

  it("GET /export/network.gexf streams the same file with a content type and a download name", async () => {
    const res = await fetch(
      `${server.url}/export/network.gexf?projection=shared-initiatives&kind=${encodeURIComponent(kind)}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/gexf+xml; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="network-shared-initiatives.gexf"',
    );
    expect(await res.text()).toBe((await graphqlExport("GEXF")).content);
  });

  it("streams a large network in pieces (chunked), still a valid file", async () => {
    const res = await fetch(
      `${server.url}/export/network.graphml?projection=SHARED_INITIATIVES&kind=${encodeURIComponent(bigKind)}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("transfer-encoding")).toBe("chunked");
    expect(res.headers.get("content-length")).toBeNull();
    const body = await res.text();
    expect(body.length).toBeGreaterThan(128 * 1024);
    expect(XMLValidator.validate(body)).toBe(true);
    const read = parseGraphml(Graph, body);
    expect(read.order).toBe(400);
    expect(res.headers.get("x-network-nodes")).toBe("400");
  });

  it("CSV: nodes and edge tables as Gephi's spreadsheet import reads them, safely quoted", async () => {
    const nodesRes = await fetch(
      `${server.url}/export/network.csv?projection=shared-initiatives&kind=${encodeURIComponent(kind)}&part=nodes`,
    );
    expect(nodesRes.status).toBe(200);
    expect(nodesRes.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(nodesRes.headers.get("content-disposition")).toBe(
      'attachment; filename="network-shared-initiatives-nodes.csv"',
    );
    const nodes = parseCsv(await nodesRes.text(), { columns: true }) as Record<string, string>[];
    expect(nodes).toHaveLength(6);
    expect(Object.keys(nodes[0]!).slice(0, 2)).toEqual(["Id", "Label"]);
    for (const row of nodes) expectMetrics(row.Id!, row);
    expect(nodes.find((r) => r.Id === `${prefix}-a1`)!.Label).toBe(`Stichting "Samen", Sterk & Co`);
    // A name a spreadsheet would run as a formula is defused.
    expect(nodes.find((r) => r.Id === `${prefix}-a3`)!.Label).toBe("'=SUM(1)");

    const edgesRes = await fetch(
      `${server.url}/export/network.csv?projection=shared-initiatives&kind=${encodeURIComponent(kind)}&part=edges`,
    );
    const edges = parseCsv(await edgesRes.text(), { columns: true }) as Record<string, string>[];
    expect(edges).toHaveLength(edgeCount);
    expect(edges[0]).toMatchObject({ Type: "Undirected", Weight: "1", sharedCount: "1" });
    expect(edges.every((e) => /^Export test \d+$/.test(e.shared!))).toBe(true);
  });

  it("JSON loads into graphology with the metrics and the summary", async () => {
    const res = await fetch(
      `${server.url}/export/network.json?projection=shared-initiatives&kind=${encodeURIComponent(kind)}`,
    );
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const data = (await res.json()) as Parameters<typeof Graph.from>[0];
    const graph = Graph.from(data);
    expect(graph.order).toBe(6);
    expect(graph.size).toBe(edgeCount);
    expect(graph.getAttribute("modularity")).toBeGreaterThan(0);
    expect(graph.getNodeAttribute(`${prefix}-a1`, "betweenness")).toBeCloseTo(
      metrics.get(`${prefix}-a1`)!.betweenness,
      6,
    );
  });

  it.each([
    [
      "an unknown parameter",
      "network.gexf?projection=shared-initiatives&colour=red",
      400,
      "BAD_USER_INPUT",
      "colour",
    ],
    ["no projection", "network.gexf", 400, "BAD_USER_INPUT", "projection"],
    ["an unknown projection", "network.gexf?projection=friends", 400, "BAD_USER_INPUT", "projection"],
    [
      "maxNodes not a number",
      "network.json?projection=shared-topics&maxNodes=lots",
      400,
      "BAD_USER_INPUT",
      "maxNodes",
    ],
    [
      "maxNodes too large",
      "network.json?projection=shared-topics&maxNodes=20001",
      400,
      "BAD_USER_INPUT",
      "maxNodes",
    ],
    ["a bad near", "network.json?projection=shared-places&near=52,5", 400, "BAD_USER_INPUT", "near"],
    [
      "two places",
      "network.json?projection=shared-places&province=Utrecht&municipality=Arnhem",
      400,
      "BAD_USER_INPUT",
      "filter.place",
    ],
    [
      "an unknown province",
      "network.json?projection=shared-places&province=Atlantis",
      400,
      "BAD_USER_INPUT",
      "filter.place.province",
    ],
    [
      "part on a GEXF file",
      "network.gexf?projection=shared-events&part=edges",
      400,
      "BAD_USER_INPUT",
      "part",
    ],
    [
      "a bad flag",
      "network.csv?projection=shared-events&includeIsolated=yes",
      400,
      "BAD_USER_INPUT",
      "includeIsolated",
    ],
    [
      "an unknown topic",
      "network.csv?projection=shared-topics&topic=no-such-topic",
      404,
      "NOT_FOUND",
      undefined,
    ],
  ])("answers %s with a coded JSON error", async (_name, path, status, code, argument) => {
    const res = await fetch(`${server.url}/export/${path}`);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await res.json()) as {
      errors: { message: string; extensions: { code: string; argument?: string } }[];
    };
    expect(body.errors[0]!.extensions.code).toBe(code);
    if (argument) expect(body.errors[0]!.extensions.argument).toBe(argument);
    expect(body.errors[0]!.message.length).toBeGreaterThan(10);
  });

  it("accepts the filter of the GraphQL field: place, scope, repeated kinds", async () => {
    const res = await fetch(
      `${server.url}/export/network.json?projection=shared-initiatives&kind=${encodeURIComponent(kind)}&kind=${encodeURIComponent(bigKind)}&scope=LOCAL&includeIsolated=true`,
    );
    expect(res.status).toBe(200);
    const graph = Graph.from((await res.json()) as Parameters<typeof Graph.from>[0]);
    expect(graph.order).toBe(406);
    const limburg = await fetch(
      `${server.url}/export/network.json?projection=shared-places&province=Limburg&includeIsolated=true`,
    );
    expect(limburg.status).toBe(200);
    const rows = await server.db.read(
      "MATCH (o:Organisation {status: 'ACTIVE'})-[:ACTIVE_IN|BASED_IN]->(x) WHERE (x:Province AND x.code = 'PV31') OR (x)-[:IN_PROVINCE]->(:Province {code: 'PV31'}) RETURN count(DISTINCT o) AS n",
    );
    expect(Graph.from((await limburg.json()) as Parameters<typeof Graph.from>[0]).order).toBe(rows[0]?.n);
  });
});
