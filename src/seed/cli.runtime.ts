import { SingleBar, Presets } from "cli-progress";
import { ConfigError, loadConfig } from "../config";
import { Database, waitForDatabase } from "../db/database";
import { applyGraphSchema } from "../db/graph-schema";
import { type LocalNeo4j, LocalNeo4jError, startLocalNeo4j } from "../db/local-neo4j";
import type { ProgressEvent } from "./batch.writer";
import { SeedValidationError } from "./seed.issues";

/** What the seed, import and synthetic commands share: connecting, progress, errors without stack traces. */

export class UsageError extends Error {}

export interface Connection {
  db: Database;
  /** Where it runs, for the first line of output. */
  where: string;
  close(): Promise<void>;
}

/**
 * Connects to NEO4J_URI when set; otherwise starts the project's local Neo4j on its data directory
 * (the same one `npm start` uses) and stops it again in `close()` (also on Ctrl-C).
 */
export async function connect(
  log: (m: string) => void,
  options: { heapMiB?: number } = {},
): Promise<Connection> {
  const config = loadConfig();
  let local: LocalNeo4j | undefined;
  let uri = config.neo4j.uri;
  if (!uri) {
    log(`NEO4J_URI is not set: starting the local Neo4j (data in ${config.neo4j.localDataDir}) ...`);
    try {
      local = await startLocalNeo4j({
        dataDir: config.neo4j.localDataDir,
        preferredPort: config.neo4j.localBoltPort,
        heapMiB: options.heapMiB,
        log,
      });
    } catch (error) {
      if (error instanceof LocalNeo4jError && /in use by another process/.test(error.message)) {
        throw new LocalNeo4jError(
          `${error.message}\nWhile \`npm start\` runs, point this command at its database: NEO4J_URI=bolt://127.0.0.1:${config.neo4j.localBoltPort}`,
        );
      }
      throw error;
    }
    uri = local.uri;
  }
  const db = new Database({
    uri,
    user: config.neo4j.user,
    password: config.neo4j.password,
    database: config.neo4j.database,
    queryTimeoutMs: config.neo4j.queryTimeoutMs,
  });
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await db.close().catch(() => undefined);
    if (local) await local.stop();
  };
  const interrupt = (): void => {
    log("interrupted: stopping");
    void close().finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  try {
    await waitForDatabase(db, config.neo4j.connectTimeoutMs, log);
    await applyGraphSchema(db);
  } catch (error) {
    await close();
    throw error;
  }
  return { db, where: local ? `local Neo4j (${config.neo4j.localDataDir})` : uri, close };
}

/** A progress bar on a terminal for loads big enough to take a while; silence otherwise. */
export function progressBar(minRows = 2000): { progress: (e: ProgressEvent) => void; stop: () => void } {
  let bar: SingleBar | undefined;
  return {
    progress: (e) => {
      if (e.step === "start") {
        if (e.total >= minRows && process.stderr.isTTY) {
          bar = new SingleBar(
            {
              format: "  {bar} {percentage}% | {value}/{total} rows | {step}",
              stream: process.stderr,
              hideCursor: true,
            },
            Presets.shades_classic,
          );
          bar.start(e.total, 0, { step: "" });
        }
        return;
      }
      bar?.update(e.done, { step: e.step });
    },
    stop: () => bar?.stop(),
  };
}

/** Runs a command: known failures print one clear message and exit 1, no stack trace. */
export function runCli(main: () => Promise<number>): void {
  main()
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      const known =
        error instanceof SeedValidationError ||
        error instanceof UsageError ||
        error instanceof ConfigError ||
        error instanceof LocalNeo4jError;
      const message = error instanceof Error ? error.message : String(error);
      console.error(known ? message : `failed: ${message}`);
      if (!known && process.env.DEBUG && error instanceof Error) console.error(error.stack);
      process.exitCode = error instanceof UsageError ? 2 : 1;
    });
}

/** Minimal flag parsing: `--name value`, `--flag`, positional arguments. */
export function parseArgs(
  argv: string[],
  spec: { flags: string[]; options: string[] },
): { positional: string[]; flags: Set<string>; options: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Set<string>();
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    if (spec.flags.includes(name)) flags.add(name);
    else if (spec.options.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`--${name} needs a value`);
      options.set(name, value);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { positional, flags, options };
}
