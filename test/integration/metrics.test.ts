import { Role } from "../../src/auth/auth.user";
import { Metrics, poolOf } from "../../src/server/metrics";
import { TrustedDocuments, documentHash } from "../../src/server/trusted-documents";
import { type Sample, scrape, valueOf } from "../support/prometheus";
import { type TestServer, startTestServer } from "../support/server";

/** Scrapes before and after known requests: the counters and histograms move exactly as they should. */

const PROVINCE = `query { province(code: "PV30") { name municipalities { code } } }`;

describe("/metrics", () => {
  let server: TestServer;
  const metrics = new Metrics();
  const read = async (): Promise<Sample[]> => (await scrape(`${server.url}/metrics`)).samples;

  beforeAll(async () => {
    server = await startTestServer({ metrics });
  });
  afterAll(() => server.stop());

  it("counts operations by root fields, outcome code and status, with duration, cost, round trips and Neo4j time", async () => {
    const before = await read();
    const first = await server.gql(PROVINCE);
    const second = await server.gql(PROVINCE);
    expect(first.status).toBe(200);
    const after = await read();
    const delta = (name: string, labels: Record<string, string> = {}): number =>
      valueOf(after, name, labels) - valueOf(before, name, labels);
    const op = { operation: "query province" };

    expect(delta("kennisgraaf_graphql_requests_total", { ...op, code: "OK", status: "200" })).toBe(2);
    expect(delta("kennisgraaf_graphql_request_duration_seconds_count", op)).toBe(2);
    expect(delta("kennisgraaf_graphql_request_duration_seconds_sum", op)).toBeGreaterThan(0);
    // Cost and round trips: the histograms hold exactly what the responses reported.
    const cost =
      (first.extensions?.cost?.requestedQueryCost ?? 0) + (second.extensions?.cost?.requestedQueryCost ?? 0);
    const trips = (first.extensions?.roundTrips ?? 0) + (second.extensions?.roundTrips ?? 0);
    expect(cost).toBeGreaterThan(0);
    expect(trips).toBeGreaterThan(0);
    expect(delta("kennisgraaf_graphql_query_cost_sum", op)).toBe(cost);
    expect(delta("kennisgraaf_graphql_query_cost_count", op)).toBe(2);
    expect(delta("kennisgraaf_graphql_neo4j_round_trips_sum", op)).toBe(trips);
    expect(delta("kennisgraaf_graphql_neo4j_seconds_count", op)).toBe(2);
    expect(delta("kennisgraaf_graphql_neo4j_seconds_sum", op)).toBeGreaterThan(0);
    // Every round trip was timed once, and the Neo4j time fits inside the operations' time.
    expect(delta("kennisgraaf_neo4j_query_duration_seconds_count", { access: "read", outcome: "ok" })).toBe(
      trips,
    );
    expect(delta("kennisgraaf_graphql_neo4j_seconds_sum", op)).toBeLessThanOrEqual(
      delta("kennisgraaf_graphql_request_duration_seconds_sum", op),
    );
    expect(
      delta("kennisgraaf_http_requests_total", { route: "/graphql", method: "POST", status: "200" }),
    ).toBe(2);
    // The histogram buckets are cumulative: the +Inf bucket moved with the count.
    expect(delta("kennisgraaf_graphql_request_duration_seconds_bucket", { ...op, le: "+Inf" })).toBe(2);
  });

  it("counts errors by their code and HTTP status; unparsed and invalid documents are grouped", async () => {
    const before = await read();
    const invalid = await server.gql(`{ province(code: 5) { name } }`);
    const unparsed = await server.gql(`{ province(code: `);
    expect(invalid.status).toBe(400);
    expect(unparsed.status).toBe(400);
    const after = await read();
    const delta = (name: string, labels: Record<string, string>): number =>
      valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(
      delta("kennisgraaf_graphql_requests_total", {
        operation: "_unresolved",
        code: "GRAPHQL_VALIDATION_FAILED",
        status: "400",
      }),
    ).toBe(1);
    expect(
      delta("kennisgraaf_graphql_requests_total", {
        operation: "_unparsed",
        code: "GRAPHQL_PARSE_FAILED",
        status: "400",
      }),
    ).toBe(1);
    expect(
      delta("kennisgraaf_http_requests_total", { route: "/graphql", method: "POST", status: "400" }),
    ).toBe(2);
  });

  it("times network exports and counts their bytes", async () => {
    const before = await read();
    const res = await fetch(`${server.url}/export/network.json?projection=shared-initiatives`);
    expect(res.status).toBe(200);
    const bytes = Buffer.byteLength(await res.text());
    const after = await read();
    const delta = (name: string, labels: Record<string, string>): number =>
      valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta("kennisgraaf_export_duration_seconds_count", { format: "json", status: "200" })).toBe(1);
    expect(delta("kennisgraaf_export_size_bytes_count", { format: "json" })).toBe(1);
    expect(delta("kennisgraaf_export_size_bytes_sum", { format: "json" })).toBe(bytes);
    expect(
      delta("kennisgraaf_http_requests_total", { route: "/export/network", method: "GET", status: "200" }),
    ).toBe(1);
  });

  it("reports the driver's pool and the default process metrics (heap, event-loop lag, GC)", async () => {
    await server.gql(PROVINCE);
    // The pinned driver keeps its pool statistics where the gauges look for them.
    expect(poolOf(server.db.driver)).toBeDefined();
    const samples = await read();
    const inUse = valueOf(samples, "kennisgraaf_neo4j_pool_connections", { state: "in_use" });
    const idle = valueOf(samples, "kennisgraaf_neo4j_pool_connections", { state: "idle" });
    expect(inUse + idle).toBeGreaterThanOrEqual(1);
    expect(idle).toBeGreaterThanOrEqual(1);
    expect(samples.some((s) => s.name === "kennisgraaf_neo4j_pool_acquisitions_waiting")).toBe(true);
    expect(valueOf(samples, "kennisgraaf_ready")).toBe(1);
    const names = new Set(samples.map((s) => s.name));
    for (const name of [
      "nodejs_heap_size_used_bytes",
      "nodejs_eventloop_lag_seconds",
      "nodejs_eventloop_lag_p99_seconds",
      "process_resident_memory_bytes",
      "process_cpu_seconds_total",
    ])
      expect(names).toContain(name);
    // GC durations appear once a collection ran; the metric is declared from the start.
    const { text } = await scrape(`${server.url}/metrics`);
    expect(text).toContain("# TYPE nodejs_gc_duration_seconds histogram");
  });

  it("never puts a request value into a label: argument values, aliases, operation names, variables, paths", async () => {
    const secret = "zqx7secret";
    await server.gql(`query Op_${secret} { alias_${secret}: province(code: "${secret}") { name } }`);
    await server.gql(`query Op2_${secret}($c: String!) { province(code: $c) { name } }`, { c: secret });
    await server.gql(`query { municipality(code: "GM_${secret}") { name } }`);
    await server.gql(`{ unknownField_${secret} }`);
    await server.gql(`{ ${secret}`);
    await fetch(`${server.url}/graphql?${secret}=1`, { method: "POST", body: "{" });
    await fetch(`${server.url}/${secret}/path`);
    await fetch(`${server.url}/export/network.${secret}?projection=${secret}`);
    await fetch(`${server.url}/export/network.csv?projection=shared-initiatives&topic=${secret}`);
    const { text, samples } = await scrape(`${server.url}/metrics`);
    expect(text).not.toContain(secret);
    // Every label value of the service's own metrics comes from a closed set or the schema.
    const allowed: Record<string, RegExp> = {
      operation: /^(_unparsed|_unresolved|_other|(query|mutation) ([a-zA-Z_]+(,[a-zA-Z_]+)*|\d+ fields))$/,
      code: /^[A-Z][A-Z0-9_]*$/,
      status: /^[1-5]\d\d$/,
      route: /^(\/graphql|\/graphiql|\/healthz|\/readyz|\/metrics|\/export\/network|_other)$/,
      method: /^(GET|POST|OPTIONS|HEAD|_other)$/,
      access: /^(read|write)$/,
      outcome: /^(ok|error|SERVICE_UNAVAILABLE|QUERY_TIMEOUT|QUERY_TOO_COMPLEX)$/,
      role: /^(anonymous|member|coordinator|admin)$/,
      format: /^(gexf|graphml|json|csv-nodes|csv-edges|_other)$/,
      state: /^(in_use|idle)$/,
      le: /^(\+Inf|[\d.e+]+)$/,
    };
    const own = samples.filter((s) => s.name.startsWith("kennisgraaf_"));
    expect(own.length).toBeGreaterThan(10);
    for (const sample of own) {
      for (const [label, value] of Object.entries(sample.labels)) {
        expect({ metric: sample.name, label, value }).toEqual({
          metric: sample.name,
          label,
          value: expect.stringMatching(allowed[label] ?? /^$/) as unknown as string,
        });
      }
    }
    expect(valueOf(samples, "kennisgraaf_http_requests_total", { route: "_other", status: "404" })).toBe(1);
  });
});

describe("/metrics with trusted documents and the rate limit", () => {
  const metrics = new Metrics({ processMetrics: false });
  const costly = `query CostlyOrganisations { organisations(first: 100) { edges { node { id name } } } }`;
  const cheap = `query ProvinceName { province(code: "PV30") { name } }`;
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      metrics,
      rateLimitCostPerMinute: 60,
      trustedDocuments: TrustedDocuments.from({
        [documentHash(costly)]: costly,
        [documentHash(cheap)]: cheap,
      }),
    });
  });
  afterAll(() => server.stop());

  it("labels trusted documents by their operation name and counts rate-limit rejections by role", async () => {
    const cheapResult = await server.gql(cheap);
    expect(cheapResult.status).toBe(200);
    const anonymous = await server.gql(costly);
    expect(anonymous.status).toBe(429);
    const coordinator = await server.gql(costly, undefined, {
      token: await server.token({ role: Role.COORDINATOR, subject: "metrics-test" }),
    });
    expect(coordinator.status).toBe(429);
    const refusedUntrusted = await server.gql(`{ provinces { name } }`);
    expect(refusedUntrusted.status).toBe(400);

    const { samples } = await scrape(`${server.url}/metrics`);
    expect(
      valueOf(samples, "kennisgraaf_graphql_requests_total", {
        operation: "ProvinceName",
        code: "OK",
        status: "200",
      }),
    ).toBe(1);
    expect(
      valueOf(samples, "kennisgraaf_graphql_requests_total", {
        operation: "CostlyOrganisations",
        code: "RATE_LIMITED",
        status: "429",
      }),
    ).toBe(2);
    expect(valueOf(samples, "kennisgraaf_rate_limit_rejections_total", { role: "anonymous" })).toBe(1);
    expect(valueOf(samples, "kennisgraaf_rate_limit_rejections_total", { role: "coordinator" })).toBe(1);
    // Refused before GraphQL runs: only the HTTP counter sees it.
    expect(
      valueOf(samples, "kennisgraaf_http_requests_total", {
        route: "/graphql",
        method: "POST",
        status: "400",
      }),
    ).toBe(1);
    expect(samples.some((s) => s.name.startsWith("nodejs_"))).toBe(false);
  });
});
