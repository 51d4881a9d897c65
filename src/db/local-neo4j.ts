import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import { projectPath } from "../paths";

/**
 * Starts and stops the project's own Neo4j 5.26 (neo4j/: Maven project + LocalNeo4j launcher) on
 * 127.0.0.1. Used by `npm start` when NEO4J_URI is not set, and by the test global setup.
 */

const NEO4J_PROJECT = projectPath("neo4j");
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

export class LocalNeo4jError extends Error {}

export interface LocalNeo4jOptions {
  dataDir: string;
  /** First Bolt port to try; the next free one is taken when it is busy. */
  preferredPort: number;
  heapMiB?: number;
  pageCacheMiB?: number;
  log?: (message: string) => void;
}

export interface LocalNeo4j {
  uri: string;
  port: number;
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

function javaBinary(): string {
  const candidates = [
    process.env.NEO4J_JAVA,
    process.env.JAVA_HOME && path.join(process.env.JAVA_HOME, "bin/java"),
    "/usr/lib/jvm/java-17-openjdk-amd64/bin/java",
  ].filter((c): c is string => Boolean(c));
  const found = candidates.find((c) => existsSync(c));
  const java = found ?? "java";
  const probe = spawnSync(java, ["-version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    throw new LocalNeo4jError(
      "Java 17 is required to run the local Neo4j but was not found. Install it (Debian: apt-get install openjdk-17-jdk-headless) or set NEO4J_URI to use an existing Neo4j.",
    );
  }
  const version = /version "(\d+)/.exec(probe.stderr)?.[1];
  if (version && Number(version) !== 17 && Number(version) !== 21) {
    throw new LocalNeo4jError(
      `Neo4j 5.26 needs Java 17 (or 21); ${java} is Java ${version}. Set NEO4J_JAVA or JAVA_HOME to a Java 17 installation.`,
    );
  }
  return java;
}

function isBuilt(): boolean {
  const lib = path.join(NEO4J_PROJECT, "target/lib");
  const classes = path.join(NEO4J_PROJECT, "target/classes/LocalNeo4j.class");
  if (!existsSync(lib) || !existsSync(classes) || readdirSync(lib).length < 50) return false;
  const built = statSync(classes).mtimeMs;
  const sources = [
    path.join(NEO4J_PROJECT, "pom.xml"),
    path.join(NEO4J_PROJECT, "src/main/java/LocalNeo4j.java"),
  ];
  return sources.every((s) => statSync(s).mtimeMs <= built);
}

/** Builds neo4j/ with Maven when it has not been built yet (first run: downloads Neo4j from Maven Central). */
export function ensureLocalNeo4jBuilt(log: (m: string) => void = () => undefined): void {
  if (isBuilt()) return;
  const probe = spawnSync("mvn", ["-v"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    throw new LocalNeo4jError(
      "Maven is required to build the local Neo4j but `mvn` was not found. Install it (Debian: apt-get install maven) or set NEO4J_URI to use an existing Neo4j.",
    );
  }
  log("building the local Neo4j (first run downloads Neo4j 5.26 from Maven Central) ...");
  const build = spawnSync("mvn", ["-B", "-q", "-f", path.join(NEO4J_PROJECT, "pom.xml"), "package"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (build.status !== 0) {
    const tail = `${build.stdout ?? ""}${build.stderr ?? ""}`.trim().split("\n").slice(-15).join("\n");
    throw new LocalNeo4jError(`Building the local Neo4j failed (mvn -f neo4j/pom.xml package):\n${tail}`);
  }
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export async function findFreePort(preferred: number, attempts = 50): Promise<number> {
  for (let port = preferred; port < preferred + attempts && port <= 65535; port++) {
    if (await isPortFree(port)) return port;
  }
  throw new LocalNeo4jError(
    `No free port for the local Neo4j between ${preferred} and ${preferred + attempts - 1}.`,
  );
}

export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const log = options.log ?? (() => undefined);
  ensureLocalNeo4jBuilt(log);
  const java = javaBinary();
  mkdirSync(options.dataDir, { recursive: true });
  const logFile = path.join(options.dataDir, "logs", "debug.log");

  // Another process may grab the port between our probe and the JVM's bind: retry with the next one.
  let port = await findFreePort(options.preferredPort);
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(java, port, options, logFile);
    } catch (error) {
      if (error instanceof PortTakenError && attempt < 5) {
        port = await findFreePort(port + 1);
        continue;
      }
      throw error;
    }
  }
}

class PortTakenError extends LocalNeo4jError {}

function launch(
  java: string,
  port: number,
  options: LocalNeo4jOptions,
  logFile: string,
): Promise<LocalNeo4j> {
  const heap = options.heapMiB ?? 1024;
  const args = [
    `-Xms${Math.min(heap, 512)}m`,
    `-Xmx${heap}m`,
    "-XX:+UseG1GC",
    "-XX:+ExitOnOutOfMemoryError",
    "-XX:-OmitStackTraceInFastThrow",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dlog4j2.disable.jmx=true",
    "-cp",
    [path.join(NEO4J_PROJECT, "target/classes"), path.join(NEO4J_PROJECT, "target/lib/*")].join(
      path.delimiter,
    ),
    "LocalNeo4j",
    options.dataDir,
    String(port),
    String(options.pageCacheMiB ?? 256),
  ];
  // stdin stays a pipe: when this process dies the JVM sees EOF and shuts down (no orphan holding the lock).
  const child: ChildProcess = spawn(java, args, { stdio: ["pipe", "pipe", "pipe"] });
  const stderrTail: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => {
    stderrTail.push(chunk.toString());
    if (stderrTail.length > 20) stderrTail.shift();
  });

  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    let settled = false;
    const timer = setTimeout(() => {
      fail(
        new LocalNeo4jError(
          `The local Neo4j did not become ready within ${READY_TIMEOUT_MS / 1000} s. Log: ${logFile}`,
        ),
      );
      child.kill("SIGKILL");
    }, READY_TIMEOUT_MS);

    function fail(error: Error): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
    }

    lines.on("line", (line) => {
      if (settled) return; // keep draining so a full pipe never blocks the JVM
      if (line.startsWith("NEO4J_READY ")) {
        settled = true;
        clearTimeout(timer);
        resolve({
          uri: line.slice("NEO4J_READY ".length).trim(),
          port,
          pid: child.pid ?? -1,
          logFile,
          stop: () => stopProcess(child),
        });
      } else if (line.startsWith("NEO4J_FAILED ")) {
        const reason = line.slice("NEO4J_FAILED ".length);
        if (/already in use|bind/i.test(reason)) fail(new PortTakenError(reason));
        else if (/lock/i.test(reason))
          fail(
            new LocalNeo4jError(
              `The local Neo4j data directory ${options.dataDir} is in use by another process (is another \`npm start\` running?). ${reason}`,
            ),
          );
        else fail(new LocalNeo4jError(`The local Neo4j failed to start: ${reason}. Log: ${logFile}`));
      }
    });
    child.once("error", (error) => fail(new LocalNeo4jError(`Could not run Java: ${error.message}`)));
    child.once("exit", (code, signal) => {
      const detail = stderrTail.join("").trim().split("\n").slice(-3).join(" | ");
      fail(
        new LocalNeo4jError(
          `The local Neo4j exited before it was ready (code ${code ?? signal}). ${detail ? `Last output: ${detail}. ` : ""}Log: ${logFile}`,
        ),
      );
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    child.once("exit", () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
