import type { ApolloServerPlugin } from "@apollo/server";
import http from "node:http";
import express, { type Request, type RequestHandler, type Response } from "express";
import type { Context } from "../context";
import type { Database } from "../db/database";
import type { Metrics } from "./metrics";
import { apolloTracing, exportTracing, httpTracing, queryTracing, tracingEnabled } from "./tracing";

export interface Observability {
  /** Mount first: times and traces every HTTP request. */
  http: RequestHandler[];
  /** Mount on /export in front of the router. */
  export: RequestHandler[];
  apolloPlugins: ApolloServerPlugin<Context>[];
  /** Stops observing the database (the app stopped). */
  detach(): void;
}

/**
 * The hooks metrics and traces need in the app, in one place so that app.ts only mounts them. Neither on
 * (METRICS_ENABLED=false, no OTEL_* variables): no middleware, no plugin, no query observer.
 */
export function observability(
  database: Database,
  metrics: Metrics | undefined,
  trustedDocumentsOnly: boolean,
): Observability {
  const tracing = tracingEnabled();
  const detach: (() => void)[] = [];
  if (metrics) {
    detach.push(database.observe(metrics.queryObserver));
    metrics.watchPool(database.driver);
    metrics.watchReadiness(() =>
      database.ping(2_000).then(
        () => true,
        () => false,
      ),
    );
  }
  if (tracing) detach.push(database.observe(queryTracing));
  return {
    detach: () => detach.forEach((d) => d()),
    http: orPass([...(tracing ? [httpTracing()] : []), ...(metrics ? [metrics.httpMiddleware] : [])]),
    export: orPass([...(tracing ? [exportTracing()] : []), ...(metrics ? [metrics.exportMiddleware] : [])]),
    apolloPlugins: [
      ...(tracing ? [apolloTracing(trustedDocumentsOnly)] : []),
      ...(metrics ? [metrics.apolloPlugin(trustedDocumentsOnly)] : []),
    ],
  };
}

const pass: RequestHandler = (_req, _res, next) => next();

/** Express refuses an empty list of handlers. */
function orPass(handlers: RequestHandler[]): RequestHandler[] {
  return handlers.length ? handlers : [pass];
}

/** A listener of its own that serves GET /metrics only (production: loopback or a private port). */
export function metricsServer(metrics: Metrics): http.Server {
  const app = express();
  app.disable("x-powered-by");
  app.get("/metrics", metrics.handler);
  app.use((_req: Request, res: Response) => {
    res.status(404).type("text/plain").send("not found: this port serves /metrics only\n");
  });
  return http.createServer(app);
}
