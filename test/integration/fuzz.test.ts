import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { ERROR_CATALOGUE, isApiErrorCode } from "../../src/errors.catalogue";
import { createSchema } from "../../src/schema";
import { type TestServer, startTestServer } from "../support/server";
import { FUZZ_MARKER, type FuzzRequest, fuzzRequest } from "../support/fuzz.generator";

/**
 * Property: whatever an anonymous client sends to /graphql, the answer is a coded GraphQL response below
 * 500 (the status the error catalogue gives its code when the error ends the request) that leaks
 * nothing of the implementation, and the graph does not change. Runs FUZZ_RUNS requests
 * (2,000 in `npm test`; `npm run fuzz -- --n 50000 --seed S` for long runs) with a fixed seed.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const CONCURRENCY = 4;

/** Signs of internals in a body: stack frames, file paths, Cypher. */
const LEAK =
  /\bat [\w.<>]+ \(|node_modules|\/work\/|\/src\/|\.ts:\d+|\.js:\d+|\bMATCH \(|\bUNWIND \$|\bRETURN [a-z]\w* AS\b|Neo\.ClientError/;

interface Outcome {
  status: number;
  codes: string[];
  text: string;
  /** Errors without `data`: the request ended before execution, so its status is the code's own. */
  ended: boolean;
}

let server: TestServer;
const seedIds: string[] = (
  JSON.parse(readFileSync(path.join(__dirname, "../../seeds/organisations.json"), "utf8")) as { id: string }[]
).map((o) => o.id);

async function fingerprint(): Promise<string> {
  const rows = await server.db.read(
    `MATCH (o:Organisation) WHERE o.id IN $ids
     OPTIONAL MATCH (o)-[r]-()
     WITH o, count(r) AS degree ORDER BY o.id
     RETURN collect([o.id, o.name, o.version, degree, size(keys(o))]) AS rows`,
    { ids: seedIds },
  );
  return JSON.stringify(rows[0]?.rows);
}

async function send(request: FuzzRequest): Promise<Outcome> {
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/graphql-response+json, application/json",
    },
    body: JSON.stringify(request.body),
    signal: AbortSignal.timeout(45_000),
  });
  const text = await response.text();
  let codes: string[];
  let ended = false;
  try {
    const body = JSON.parse(text) as { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
    codes = (body.errors ?? []).map((e) => String(e.extensions?.code ?? "<none>"));
    ended = codes.length > 0 && !("data" in body);
  } catch {
    codes = ["<not json>"];
  }
  return { status: response.status, codes, text, ended };
}

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

it(`answers ${RUNS} generated requests with coded errors, no 5xx, no leaks and no change to the graph`, async () => {
  const before = await fingerprint();
  const schema = await createSchema();
  const requests = fc.sample(fuzzRequest(schema), { numRuns: RUNS, seed: SEED });
  const failures: string[] = [];
  const codeCounts = new Map<string, number>();
  let next = 0;
  let answered = 0;
  const messages = new Map<string, number>();
  const worker = async (): Promise<void> => {
    while (next < requests.length && failures.length < 5) {
      const request = requests[next++] as FuzzRequest;
      const started = Date.now();
      const outcome = await send(request);
      const ms = Date.now() - started;
      if (process.env.FUZZ_REPORT && ms > 300)
        console.log(`${ms} ms ${outcome.codes.join(",")} ${String(request.body.query).slice(0, 160)}`);
      for (const code of outcome.codes) codeCounts.set(code, (codeCounts.get(code) ?? 0) + 1);
      if (!outcome.codes.length) answered++;
      if (process.env.FUZZ_MESSAGES) {
        for (const m of outcome.text.matchAll(/"message":"((?:[^"\\]|\\.){0,90})/g)) {
          const key = (m[1] ?? "")
            .replace(/\\"/g, "\x27")
            .replace(/"[^"]*"|\\"[^\\]*\\"/g, "_")
            .replace(/\d+/g, "N");
          messages.set(key, (messages.get(key) ?? 0) + 1);
        }
      }
      const problems = [
        outcome.status >= 500 ? `HTTP ${outcome.status}` : "",
        ...outcome.codes
          .filter((c) => !isApiErrorCode(c) || c === "INTERNAL_SERVER_ERROR")
          .map((c) => `code ${c}`),
        LEAK.test(outcome.text) ? `leak: ${LEAK.exec(outcome.text)?.[0]}` : "",
        // The catalogue is the contract: an error that ends the request answers with its code's status.
        outcome.ended &&
        isApiErrorCode(outcome.codes[0]) &&
        ERROR_CATALOGUE[outcome.codes[0]].status !== outcome.status
          ? `HTTP ${outcome.status} for ${outcome.codes[0]} (catalogue: ${ERROR_CATALOGUE[outcome.codes[0]].status})`
          : "",
        request.mutation &&
        !outcome.codes.includes("UNAUTHENTICATED") &&
        outcome.status === 200 &&
        !outcome.codes.length
          ? "an anonymous mutation was not refused"
          : "",
      ].filter(Boolean);
      if (problems.length) {
        failures.push(
          `${problems.join(", ")}\n  request: ${JSON.stringify(request.body).slice(0, 600)}\n  answer: ${outcome.text.slice(0, 400)}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (process.env.FUZZ_MESSAGES)
    writeFileSync(
      process.env.FUZZ_MESSAGES,
      JSON.stringify(
        [...messages].sort((a, b) => b[1] - a[1]),
        null,
        1,
      ),
    );
  expect(failures).toEqual([]);

  // Nothing the fuzzer invented was stored, and the seed organisations are exactly as they were.
  const stored = await server.db.read(
    `MATCH (n) WHERE any(k IN keys(n) WHERE n[k] IS :: STRING AND n[k] CONTAINS $marker) RETURN count(n) AS n`,
    { marker: FUZZ_MARKER },
  );
  expect(stored[0]?.n).toBe(0);
  expect(await fingerprint()).toBe(before);
  // The run exercised the error paths, not only happy ones.
  const seen = [...codeCounts.keys()];
  expect(seen).toEqual(
    expect.arrayContaining(["BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED", "UNAUTHENTICATED"]),
  );
  if (process.env.FUZZ_REPORT) {
    console.log(
      JSON.stringify({
        runs: RUNS,
        seed: SEED,
        withoutErrors: answered,
        codes: Object.fromEntries(codeCounts),
      }),
    );
  }
}, 600_000);
