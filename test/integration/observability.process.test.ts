import { type ChildProcess, execSync, spawn } from "node:child_process";
import http from "node:http";
import readline from "node:readline";
import { findFreePort } from "../../src/db/local-neo4j";

/**
 * `node dist/src/main.js` as `npm start` runs it: where /metrics is served in development and in
 * production, and the OpenTelemetry spans it sends to an OTLP receiver when OTEL_* variables ask for them.
 */

interface Service {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Service {
  const child = spawn(process.execPath, ["dist/src/main.js"], {
    env: {
      ...process.env,
      LOG_LEVEL: "info",
      SEED_DEMO_DATA: "false",
      NEO4J_URI: process.env.NEO4J_URI!,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  readline.createInterface({ input: child.stdout! }).on("line", (l) => lines.push(l));
  readline.createInterface({ input: child.stderr! }).on("line", (l) => lines.push(l));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, lines, exited };
}

async function waitFor<T>(probe: () => T | undefined, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const hit = probe();
    if (hit !== undefined) return hit;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const line = (service: Service, pattern: RegExp) => (): string | undefined =>
  service.lines.find((l) => pattern.test(l));

async function stop(service: Service): Promise<void> {
  service.child.kill("SIGTERM");
  expect(await service.exited).toBe(0);
}

const PRODUCTION = {
  NODE_ENV: "production",
  AUTH_JWT_SECRET: "observability-test-secret-0123456789abcdef",
};

const postQuery = (port: number, query: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`http://127.0.0.1:${port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query }),
  });

describe("where /metrics is served", () => {
  beforeAll(() => {
    // The server only: rebuilding web/dist here would empty it under the browser tests running meanwhile.
    execSync("npm run build:server --silent", { stdio: "ignore" });
  }, 120_000);

  it("in production: on its own loopback listener (METRICS_PORT), never on the public port", async () => {
    const port = await findFreePort(44000);
    const metricsPort = await findFreePort(port + 1);
    const service = start({ ...PRODUCTION, PORT: String(port), METRICS_PORT: String(metricsPort) });
    try {
      await waitFor(line(service, /GraphQL on/), "the service");
      const announced = await waitFor(line(service, /metrics on/), "the metrics listener");
      expect(announced).toContain(`http://127.0.0.1:${metricsPort}/metrics`);

      expect((await postQuery(port, `{ province(code: "PV30") { name } }`)).status).toBe(200);
      const publicMetrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(publicMetrics.status).toBe(404);
      expect(await publicMetrics.text()).not.toContain("kennisgraaf_");

      const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(scraped.status).toBe(200);
      expect(scraped.headers.get("content-type")).toContain("text/plain");
      expect(await scraped.text()).toMatch(
        /kennisgraaf_graphql_requests_total\{operation="query province",code="OK",status="200"\} 1/,
      );
      // The metrics listener serves nothing else.
      expect((await postQuery(metricsPort, `{ province(code: "PV30") { name } }`)).status).toBe(404);
    } finally {
      await stop(service);
    }
  }, 90_000);

  it("in development (npm start): /metrics on the local app", async () => {
    const port = await findFreePort(45000);
    const service = start({ PORT: String(port) });
    try {
      await waitFor(line(service, /GraphQL on/), "the service");
      // Logged just after the GraphQL line: wait for it rather than read the log at that instant.
      await waitFor(line(service, /metrics on/), "the metrics line");
      expect(service.lines.join("\n")).toContain(`metrics on http://localhost:${port}/metrics`);
      // Traces are off unless OTEL_* variables ask for them.
      expect(service.lines.join("\n")).not.toContain("OpenTelemetry");
      const scraped = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain("# TYPE kennisgraaf_graphql_requests_total counter");
    } finally {
      await stop(service);
    }
  }, 90_000);

  it("METRICS_ENABLED=false: no /metrics at all", async () => {
    const port = await findFreePort(46000);
    const service = start({ PORT: String(port), METRICS_ENABLED: "false" });
    try {
      await waitFor(line(service, /GraphQL on/), "the service");
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
    } finally {
      await stop(service);
    }
  }, 90_000);
});

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: Record<string, unknown> }[];
}

/** A minimal OTLP/HTTP JSON receiver on loopback: it keeps the spans it is sent. */
async function otlpReceiver(): Promise<{ url: string; spans: OtlpSpan[]; raw: string[]; close(): void }> {
  const spans: OtlpSpan[] = [];
  const raw: string[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      raw.push(body);
      if (req.url === "/v1/traces") {
        const parsed = JSON.parse(body) as {
          resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[];
        };
        for (const rs of parsed.resourceSpans) for (const ss of rs.scopeSpans) spans.push(...ss.spans);
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  const port = await findFreePort(47000);
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${port}`, spans, raw, close: () => server.close() };
}

describe("OpenTelemetry traces", () => {
  beforeAll(() => {
    // The server only: rebuilding web/dist here would empty it under the browser tests running meanwhile.
    execSync("npm run build:server --silent", { stdio: "ignore" });
  }, 120_000);

  it("nest HTTP → GraphQL (parse, validate, execute) → Neo4j, with trace ids in logs and errors and no request values", async () => {
    const receiver = await otlpReceiver();
    const port = await findFreePort(48000);
    const service = start({
      PORT: String(port),
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_BSP_SCHEDULE_DELAY: "100",
      OTEL_SERVICE_NAME: "kennisgraaf-test",
    });
    const secret = "zqx7secret";
    try {
      await waitFor(line(service, /GraphQL on/), "the service");
      expect(service.lines.join("\n")).toContain("OpenTelemetry traces on");

      // A caller's trace context is continued.
      const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
      const ok = await postQuery(port, `query Q_${secret} { a_${secret}: province(code: "PV30") { name } }`, {
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      });
      expect(ok.status).toBe(200);
      const failed = await postQuery(port, `{ province(code: "${secret}") { name } unknown_${secret} }`);
      const failedBody = (await failed.json()) as { errors: { extensions: { traceId?: string } }[] };
      const errorTraceId = failedBody.errors[0]?.extensions.traceId;
      expect(errorTraceId).toMatch(/^[0-9a-f]{32}$/);
      const exported = await fetch(
        `http://127.0.0.1:${port}/export/network.json?projection=shared-initiatives&topic=${secret}`,
      );
      await exported.text();

      const inTrace = (id: string) => receiver.spans.filter((s) => s.traceId === id);
      const ours = await waitFor(
        () => (inTrace(traceId).some((s) => s.name.startsWith("neo4j ")) ? inTrace(traceId) : undefined),
        "the spans of the traced request",
      );
      const byName = (name: string | RegExp): OtlpSpan => {
        const span = ours.find((s) => (typeof name === "string" ? s.name === name : name.test(s.name)));
        if (!span) throw new Error(`no span ${String(name)} in ${ours.map((s) => s.name).join(", ")}`);
        return span;
      };
      const httpSpan = byName("POST /graphql");
      expect(httpSpan.parentSpanId).toBe("00f067aa0ba902b7");
      expect(httpSpan.kind).toBe(2); // SERVER
      const operation = byName("graphql query province");
      expect(operation.parentSpanId).toBe(httpSpan.spanId);
      for (const phase of ["graphql.parse", "graphql.validate", "graphql.execute"]) {
        expect(byName(phase).parentSpanId).toBe(operation.spanId);
      }
      const neo4jSpan = byName(/^neo4j read /);
      expect(neo4jSpan.parentSpanId).toBe(byName("graphql.execute").spanId);
      expect(neo4jSpan.attributes).toEqual(
        expect.arrayContaining([
          { key: "db.system.name", value: { stringValue: "neo4j" } },
          {
            key: "db.query.summary",
            value: {
              stringValue: expect.stringMatching(/^(MATCH|UNWIND|CALL|OPTIONAL MATCH) [A-Z]\w+$/) as string,
            },
          },
        ]),
      );
      // The statement's name is the repository function that issued it.
      expect(neo4jSpan.name).toMatch(/^neo4j read \w+\.repository\.\w+$|^neo4j read \w+Repository\.\w+$/);

      // The error's trace id leads to that request's spans; the log line names the same trace.
      await waitFor(
        () => (inTrace(errorTraceId!).some((s) => s.name === "graphql.validate") ? true : undefined),
        "the spans of the failed request",
      );
      const logLine = service.lines
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as { msg?: string; traceId?: string; spanId?: string })
        .find((l) => l.msg === "graphql" && l.traceId === traceId);
      expect(logLine?.spanId).toMatch(/^[0-9a-f]{16}$/);

      // The export has its span, under its HTTP request span, with the Neo4j round trip under it.
      const exportSpan = await waitFor(
        () => receiver.spans.find((s) => s.name === "export network.json"),
        "the export span",
      );
      const exportHttp = receiver.spans.find((s) => s.spanId === exportSpan.parentSpanId);
      expect(exportHttp?.name).toBe("GET /export/network");
      expect(
        receiver.spans.some((s) => s.parentSpanId === exportSpan.spanId && s.name.startsWith("neo4j read")),
      ).toBe(true);

      // Nothing the client sent (values, aliases, names, query strings) is in any span.
      expect(receiver.raw.join("\n")).not.toContain(secret);
    } finally {
      await stop(service);
      receiver.close();
    }
  }, 90_000);
});
