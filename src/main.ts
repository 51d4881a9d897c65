import "reflect-metadata";
import { existsSync } from "node:fs";
import { createTokenVerifier } from "./auth/auth.verifier";
import { ConfigError, loadConfig } from "./config";
import { Database, waitForDatabase } from "./db/database";
import { applyGraphSchema } from "./db/graph-schema";
import { type LocalNeo4j, LocalNeo4jError, startLocalNeo4j } from "./db/local-neo4j";
import { warmUpPartnerPlans } from "./features/partners/partners.warmup";
import { createLogger } from "./logger";
import { createSchema } from "./schema";
import { loadDemoDataIfEmpty } from "./seed";
import { type RunningApp, createApp, listen } from "./server/app";
import { TrustedDocuments } from "./server/trusted-documents";
import { WEB_TRUSTED_DOCUMENTS_FILE } from "./server/web.static";

/** Entry point of `npm start`: config → database (local or given) → schema and demo data → HTTP. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const log = (message: string): void => logger.info(message);

  let local: LocalNeo4j | undefined;
  let uri = config.neo4j.uri;
  if (!uri) {
    log(`NEO4J_URI is not set: starting the local Neo4j (data in ${config.neo4j.localDataDir})`);
    local = await startLocalNeo4j({
      dataDir: config.neo4j.localDataDir,
      preferredPort: config.neo4j.localBoltPort,
      log,
    });
    uri = local.uri;
    log(`local Neo4j ready at ${uri} (pid ${local.pid})`);
  }

  const database = new Database({
    uri,
    user: config.neo4j.user,
    password: config.neo4j.password,
    database: config.neo4j.database,
    queryTimeoutMs: config.neo4j.queryTimeoutMs,
  });
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    await running.app?.stop().catch(() => undefined);
    await database.close().catch(() => undefined);
    if (local) {
      log("stopping the local Neo4j");
      await local.stop();
    }
    log("stopped");
    process.exit(0);
  };
  const running: { app?: RunningApp } = {};
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  await waitForDatabase(database, config.neo4j.connectTimeoutMs, log);
  const statements = await applyGraphSchema(database);
  log(`graph schema applied (${statements} constraints and indexes)`);
  if (config.seedDemoData) await loadDemoDataIfEmpty(database, log);

  const app = await createApp({
    schema: await createSchema(),
    database,
    logger,
    maxDepth: config.limits.maxDepth,
    maxCost: config.limits.maxCost,
    graphiql: config.graphiql,
    introspection: config.introspection,
    verifier: createTokenVerifier(config.auth),
    rateLimitCostPerMinute: config.rateLimitCostPerMinute,
    // The Verkenner's own operations are always trusted too (its built manifest, when built).
    trustedDocuments: config.trustedDocumentsFile
      ? TrustedDocuments.fromFiles([
          config.trustedDocumentsFile,
          ...(existsSync(WEB_TRUSTED_DOCUMENTS_FILE) ? [WEB_TRUSTED_DOCUMENTS_FILE] : []),
        ])
      : undefined,
    trustProxy: config.trustProxy,
    corsOrigins: config.corsOrigins,
  });
  running.app = app;
  const port = await listen(app.httpServer, config.http.host, config.http.port);
  log(
    `GraphQL on http://${config.http.host === "127.0.0.1" ? "localhost" : config.http.host}:${port}/graphql`,
  );
  if (config.graphiql) log(`GraphiQL on http://localhost:${port}/graphiql`);
  log(`De Verkenner (web explorer) on http://localhost:${port}/`);
  void warmUpPartnerPlans(
    {
      uri,
      user: config.neo4j.user,
      password: config.neo4j.password,
      database: config.neo4j.database,
      queryTimeoutMs: 0,
    },
    logger,
  );
}

main().catch((error: unknown) => {
  // Known failures get one clear line; anything else its message, never a stack dump.
  const known = error instanceof ConfigError || error instanceof LocalNeo4jError;
  const message = error instanceof Error ? error.message : String(error);
  console.error(`${known ? "" : "start-up failed: "}${message}`);
  process.exit(1);
});
