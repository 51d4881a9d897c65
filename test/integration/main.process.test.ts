import { type ChildProcess, execSync, spawn } from "node:child_process";
import net from "node:net";
import readline from "node:readline";
import { findFreePort } from "../../src/db/local-neo4j";

/** `node dist/src/main.js` as `npm start` runs it, against the test run's Neo4j. */
function start(env: Record<string, string>): {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ["dist/src/main.js"], {
    env: { ...process.env, LOG_LEVEL: "info", SEED_DEMO_DATA: "false", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  readline.createInterface({ input: child.stdout! }).on("line", (l) => lines.push(l));
  readline.createInterface({ input: child.stderr! }).on("line", (l) => lines.push(l));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, lines, exited };
}

async function waitFor(lines: string[], pattern: RegExp, ms = 30_000): Promise<string> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const hit = lines.find((l) => pattern.test(l));
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no line matching ${pattern} in:\n${lines.join("\n")}`);
}

describe("the service process", () => {
  beforeAll(() => {
    // The server only: rebuilding web/dist here would empty it under the browser tests running meanwhile.
    execSync("npm run build:server --silent", { stdio: "ignore" });
  }, 120_000);

  it("serves GraphQL from Neo4j and stops cleanly on SIGTERM", async () => {
    const port = await findFreePort(41000);
    const service = start({ NEO4J_URI: process.env.NEO4J_URI!, PORT: String(port) });
    await waitFor(service.lines, /GraphQL on/);
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ province(code: "PV30") { name } }` }),
    });
    expect(await res.json()).toMatchObject({ data: { province: { name: "Noord-Brabant" } } });
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    service.child.kill("SIGTERM");
    expect(await service.exited).toBe(0);
  }, 60_000);

  it("names the port and PORT when the HTTP port is taken", async () => {
    const port = await findFreePort(42000);
    const blocker = net.createServer().listen(port, "127.0.0.1");
    await new Promise((r) => blocker.once("listening", r));
    try {
      const service = start({ NEO4J_URI: process.env.NEO4J_URI!, PORT: String(port) });
      expect(await service.exited).toBe(1);
      const message = await waitFor(service.lines, /already in use/);
      expect(message).toContain(String(port));
      expect(message).toContain("PORT");
      expect(service.lines.join("\n")).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  }, 60_000);

  it("exits with a clear message when NEO4J_URI does not answer", async () => {
    const port = await findFreePort(43000);
    const service = start({ NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_CONNECT_TIMEOUT_MS: "1500" });
    expect(await service.exited).toBe(1);
    await waitFor(service.lines, /Neo4j did not answer within 1.5 s/);
  }, 60_000);

  it("exits with a clear message on invalid configuration", async () => {
    const service = start({ NEO4J_URI: "http://nope", PORT: "x" });
    expect(await service.exited).toBe(1);
    await waitFor(service.lines, /Invalid configuration/);
  }, 30_000);
});
