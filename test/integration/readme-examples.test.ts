import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startTestServer, type TestServer } from "../support/server";

/** Every ```graphql block of the README, as a reader would paste it into GraphiQL. */
const README = readFileSync(join(__dirname, "../../README.md"), "utf8");
const EXAMPLES = [...README.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m, i) => {
  const text = m[1]!;
  const line = README.slice(0, m.index).split("\n").length;
  return { name: `block ${i + 1} (README.md line ${line})`, text };
});

/** Empty when every root field answered something: not null, and lists or pages not empty. */
function emptyFields(data: Record<string, unknown>): string[] {
  const empty = (value: unknown): boolean => {
    if (value === null || value === undefined) return true;
    if (Array.isArray(value)) return value.length === 0;
    if (typeof value === "object") {
      const v = value as Record<string, unknown>;
      if (Array.isArray(v.edges)) return v.edges.length === 0;
      if (Array.isArray(v.items)) return v.items.length === 0;
      if (Array.isArray(v.nodes)) return v.nodes.length === 0;
    }
    return false;
  };
  return Object.entries(data)
    .filter(([, value]) => empty(value))
    .map(([field]) => field);
}

describe("README examples run against the seeded service", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it("has examples", () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(5);
  });

  it.each(EXAMPLES)("$name returns data without errors", async ({ text }) => {
    const res = await server.gql<Record<string, unknown>>(text);
    expect(res.errors).toBeUndefined();
    expect(res.data).toBeTruthy();
    expect(emptyFields(res.data!)).toEqual([]);
  });
});
