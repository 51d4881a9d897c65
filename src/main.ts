import "reflect-metadata";
import type http from "node:http";
import { existsSync } from "node:fs";
import { createTokenVerifier } from "./auth/auth.verifier";
import { ConfigError, loadConfig } from "./config";
import { Database, waitForDatabase } from "./db/database";
import { applyGraphSchema } from "./db/graph-schema";
import { ensureAggregates } from "./graph/common/aggregates.rebuild";
import { backfillSortKeys } from "./graph/common/sort-key.backfill";
import { type LocalNeo4j, LocalNeo4jError, startLocalNeo4j } from "./db/local-neo4j";
import { createLogger } from "./logger";
import { createSchema } from "./schema";
import { loadDemoDataIfEmpty } from "./seed";
import { type RunningApp, createApp, listen } from "./server/app";
import { CostRateLimiter } from "./server/rate-limit";
import { connectRateLimitStore } from "./server/rate-limit.store";
import { Metrics } from "./server/metrics";
import { metricsServer } from "./server/observability";
import { keepPlansWarm } from "./server/recovery";
import { startTracing } from "./server/tracing";
import { TrustedDocuments } from "./server/trusted-documents";
import { WEB_TRUSTED_DOCUMENTS_FILE } from "./server/web.static";

/** Entry point of `npm start`: config → database (local or given) → schema and demo data → HTTP. */
async function main(): Promise<void> {
  // Traces first, so that every span of the start-up and the requests reaches the exporter.
  const tracing = startTracing((message) => console.warn(message));
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const log = (message: string): void => logger.info(message);
  if (tracing) log("OpenTelemetry traces on (OTLP over HTTP)");

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
    stackTraces: config.env !== "production",
  });
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    await running.app?.stop().catch(() => undefined);
    running.metricsServer?.close();
    await tracing?.shutdown().catch(() => undefined);
    await database.close().catch(() => undefined);
    if (local) {
      log("stopping the local Neo4j");
      await local.stop();
    }
    log("stopped");
    process.exit(0);
  };
  const running: { app?: RunningApp; metricsServer?: http.Server } = {};
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  await waitForDatabase(database, config.neo4j.connectTimeoutMs, log);
  const statements = await applyGraphSchema(database);
  log(`graph schema applied (${statements} constraints and indexes)`);
  if (config.seedDemoData) await loadDemoDataIfEmpty(database, log);
  const backfilled = await backfillSortKeys(database);
  if (backfilled > 0) log(`sort keys set on ${backfilled} nodes written before they existed`);
  await ensureAggregates(database, log);

  const metrics = config.metrics.enabled ? new Metrics() : undefined;
  const app = await createApp({
    schema: await createSchema(),
    database,
    logger,
    maxDepth: config.limits.maxDepth,
    maxCost: config.limits.maxCost,
    graphiql: config.graphiql,
    introspection: config.introspection,
    verifier: createTokenVerifier(config.auth),
    rateLimiter: config.rateLimitCostPerMinute
      ? new CostRateLimiter(
          { perMinute: config.rateLimitCostPerMinute, byRole: config.rateLimitByRole },
          config.rateLimitRedisUrl ? connectRateLimitStore(config.rateLimitRedisUrl, logger) : undefined,
        )
      : undefined,
    // The Verkenner's own operations are always trusted too (its built manifest, when built).
    trustedDocuments: config.trustedDocumentsFile
      ? TrustedDocuments.fromFiles([
          config.trustedDocumentsFile,
          ...(existsSync(WEB_TRUSTED_DOCUMENTS_FILE) ? [WEB_TRUSTED_DOCUMENTS_FILE] : []),
        ])
      : undefined,
    trustProxy: config.trustProxy,
    corsOrigins: config.corsOrigins,
    metrics,
    serveMetrics: metrics !== undefined && config.metrics.port === undefined,
  });
  running.app = app;
  const port = await listen(app.httpServer, config.http.host, config.http.port);
  log(
    `GraphQL on http://${config.http.host === "127.0.0.1" ? "localhost" : config.http.host}:${port}/graphql`,
  );
  if (config.graphiql) log(`GraphiQL on http://localhost:${port}/graphiql`);
  if (metrics && config.metrics.port !== undefined) {
    running.metricsServer = metricsServer(metrics);
    const metricsPort = await listen(running.metricsServer, config.metrics.host, config.metrics.port).catch(
      (error: unknown) => {
        throw new Error(
          `Metrics port ${config.metrics.port} on ${config.metrics.host} is not available; set METRICS_PORT to a free port (${error instanceof Error ? error.message : String(error)}).`,
        );
      },
    );
    log(`metrics on http://${config.metrics.host}:${metricsPort}/metrics`);
  } else if (metrics) log(`metrics on http://localhost:${port}/metrics`);
  log(`De Verkenner (web explorer) on http://localhost:${port}/`);
  keepPlansWarm(
    database,
    {
      uri,
      user: config.neo4j.user,
      password: config.neo4j.password,
      database: config.neo4j.database,
      queryTimeoutMs: config.neo4j.queryTimeoutMs,
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
