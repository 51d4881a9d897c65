import "reflect-metadata";
import os from "node:os";
import { Context } from "../../src/context";
import { Database } from "../../src/db/database";
import { NetworkProjection } from "../../src/features/network/network.args";
import { NetworkService } from "../../src/features/network/network.service";
import { createLogger } from "../../src/logger";
import { createSchema } from "../../src/schema";
import { createApp, listen } from "../../src/server/app";

/**
 * Network analytics at scale, against a Neo4j holding a synthetic graph (see bench/RESULTS.md):
 *   node dist/bench/network/start-neo4j.js /tmp/netbench 3072        # scratch Neo4j, keeps running
 *   NEO4J_URI=bolt://127.0.0.1:27687 npm run seed:synthetic -- --organisations 10000
 *   NEO4J_URI=bolt://127.0.0.1:27687 node dist/bench/network/network.bench.js [runs]
 * Times GraphQL `network` with every metric over HTTP (the analyst's request), a breakdown into the
 * Cypher projection and the analytics, the streamed GEXF export, bridges, an ego network and a path.
 */

const FULL = `query ($projection: NetworkProjection!, $filter: NetworkFilter, $maxNodes: Int) {
  network(projection: $projection, filter: $filter, maxNodes: $maxNodes) {
    nodes { key degree weightedDegree betweenness closeness pageRank community }
    edges { source target weight }
    communities { index size }
    modularity
    summary { nodes edges density components largestComponent diameter averagePathLength exact sources truncated skippedGroupCount }
  }
}`;

interface Summary {
  nodes: number;
  edges: number;
  components: number;
  largestComponent: number;
  diameter: number;
  averagePathLength: number;
  exact: boolean;
  sources: number;
  skippedGroupCount: number;
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const seconds = (ms: number): string => (ms / 1000).toFixed(2);

async function main(): Promise<void> {
  const uri = process.env.NEO4J_URI;
  if (!uri)
    throw new Error("set NEO4J_URI to a Neo4j holding a synthetic graph (see the header of this file)");
  const runs = Number(process.argv[2] ?? 3);
  const database = new Database({ uri, user: "neo4j", password: "neo4j", queryTimeoutMs: 300_000 });
  const app = await createApp({
    schema: await createSchema(),
    database,
    logger: createLogger("silent"),
    maxDepth: 10,
    maxCost: 50_000,
    graphiql: false,
    introspection: false,
  });
  // The bench leaves connections idle while it computes in-process; keep them open meanwhile.
  app.httpServer.keepAliveTimeout = 600_000;
  const port = await listen(app.httpServer, "127.0.0.1", 0);
  const url = `http://127.0.0.1:${port}`;
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as {
      data?: Record<string, unknown>;
      errors?: { message: string }[];
    };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data ?? {};
  };
  const timed = async <T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> => {
    const start = performance.now();
    const value = await work();
    return { ms: performance.now() - start, value };
  };

  const counts = await database.read(
    "MATCH (o:Organisation) RETURN count(o) AS all, count(CASE WHEN o.status = 'ACTIVE' THEN 1 END) AS active",
  );
  console.log(
    `# network bench: ${counts[0]?.all} organisations (${counts[0]?.active} active), ${os.cpus().length} cores ${os.cpus()[0]?.model ?? ""}, Node ${process.version}, ${runs} runs (median)`,
  );
  console.log(
    "| projection | isolated | nodes | edges | components | largest | diameter | avg path | exact (sources) | skipped groups | projection s (Cypher + fold) | analytics s | GraphQL over HTTP s |",
  );
  console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |");
  interface Case {
    projection: NetworkProjection;
    includeIsolated: boolean;
    province?: string;
  }
  const cases: Case[] = [
    { projection: NetworkProjection.SHARED_INITIATIVES, includeIsolated: true },
    { projection: NetworkProjection.SHARED_INITIATIVES, includeIsolated: false },
    { projection: NetworkProjection.SHARED_EVENTS, includeIsolated: false },
    { projection: NetworkProjection.SHARED_TOPICS, includeIsolated: false },
    { projection: NetworkProjection.SHARED_TOPICS, includeIsolated: false, province: "Noord-Brabant" },
    { projection: NetworkProjection.SHARED_PLACES, includeIsolated: false, province: "Noord-Brabant" },
    { projection: NetworkProjection.SHARED_PLACES, includeIsolated: false },
  ];
  const label = (c: Case): string =>
    `${c.projection}${c.province ? ` in ${c.province}` : ""} | ${c.includeIsolated ? "yes" : "no"}`;
  for (const c of cases) {
    try {
      await measure(c);
    } catch (error) {
      const cause =
        error instanceof Error
          ? ((error.cause as Error | undefined)?.message ?? error.message)
          : String(error);
      console.log(`| ${label(c)} | failed: ${cause} |`);
    }
  }

  async function measure(c: Case): Promise<void> {
    const filter = {
      includeIsolated: c.includeIsolated,
      includeSubtopics: true,
      includeInactive: false,
      place: c.province ? { province: c.province } : null,
    };
    const cypher: number[] = [];
    const analytics: number[] = [];
    const http: number[] = [];
    let summary: Summary | undefined;
    for (let i = 0; i < runs; i++) {
      const service = new NetworkService(new Context(database));
      const projected = await timed(() =>
        service.network({ filter, projection: c.projection, maxNodes: 20_000 }),
      );
      cypher.push(projected.ms);
      const a = projected.value.analysis;
      const computed = await timed(async () => {
        a.betweenness();
        a.closeness();
        a.pageRank();
        a.communities();
        a.distances();
      });
      analytics.push(computed.ms);
      const full = await timed(() => gql(FULL, { projection: c.projection, filter, maxNodes: 20_000 }));
      http.push(full.ms);
      summary = (full.value.network as { summary: Summary }).summary;
    }
    const s = summary!;
    console.log(
      `| ${label(c)} | ${s.nodes} | ${s.edges} | ${s.components} | ${s.largestComponent} | ${s.diameter} | ${s.averagePathLength.toFixed(2)} | ${s.exact ? "exact" : `estimated (${s.sources})`} | ${s.skippedGroupCount} | ${seconds(median(cypher))} | ${seconds(median(analytics))} | ${seconds(median(http))} |`,
    );
  }

  console.log("\n| request | s | size |");
  console.log("| --- | ---: | --- |");
  for (const [name, path] of [
    [
      "GET /export/network.gexf (shared initiatives, with isolated)",
      "/export/network.gexf?projection=shared-initiatives&includeIsolated=true&maxNodes=20000",
    ],
    [
      "GET /export/network.graphml (shared initiatives)",
      "/export/network.graphml?projection=shared-initiatives&maxNodes=20000",
    ],
    [
      "GET /export/network.csv?part=edges (shared events)",
      "/export/network.csv?projection=shared-events&part=edges&maxNodes=20000",
    ],
  ] as const) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const r = await timed(async () => {
        const response = await fetch(`${url}${path}`);
        if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
        return (await response.arrayBuffer()).byteLength;
      });
      times.push(r.ms);
      bytes = r.value;
    }
    console.log(`| ${name} | ${seconds(median(times))} | ${(bytes / 1024 / 1024).toFixed(1)} MB |`);
  }

  const someOrgs = await database.read(
    `MATCH (o:Organisation)-[:PARTICIPATES_IN]->() WHERE o.id STARTS WITH 'syn-'
     WITH o, count(*) AS c ORDER BY c DESC, o.id LIMIT 2 RETURN collect(o.id) AS ids`,
  );
  const [a, b] = (someOrgs[0]?.ids as string[]) ?? [];
  type Describe = (data: Record<string, unknown>) => string;
  const others: [string, string, Record<string, unknown>, Describe][] = [
    [
      "bridges (shared initiatives, first 20)",
      `query { bridges(projection: SHARED_INITIATIVES, maxNodes: 20000, first: 20) { medicalOrganisations socialOrganisations items { value node { key } } } }`,
      {},
      (d) => {
        const r = d.bridges as { medicalOrganisations: number; socialOrganisations: number };
        return `${r.medicalOrganisations} medical × ${r.socialOrganisations} social`;
      },
    ],
    [
      "egoNetwork depth 3 (shared initiatives) with metrics",
      `query ($o: ID!) { egoNetwork(organisation: $o, depth: 3, maxNodes: 20000) { nodes { key betweenness pageRank community } summary { nodes edges diameter } } }`,
      { o: a },
      (d) => {
        const r = d.egoNetwork as { summary: { nodes: number; edges: number } };
        return `${r.summary.nodes} nodes, ${r.summary.edges} edges`;
      },
    ],
    [
      "shortestPath between two synthetic organisations",
      `query ($a: ID!, $b: ID!) { shortestPath(from: $a, to: $b) { length nodes { type name } } }`,
      { a, b: b ?? "iederin" },
      (d) => `length ${(d.shortestPath as { length: number } | null)?.length ?? "none"}`,
    ],
  ];
  for (const [name, query, variables, describe] of others) {
    const times: number[] = [];
    let detail = "";
    for (let i = 0; i < runs; i++) {
      const r = await timed(() => gql(query, variables));
      times.push(r.ms);
      detail = describe(r.value);
    }
    console.log(`| ${name} | ${seconds(median(times))} | ${detail} |`);
  }
  await app.stop();
  app.httpServer.close();
  await database.close();
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
