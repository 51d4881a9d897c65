import { randomUUID } from "node:crypto";
import http from "node:http";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import cors from "cors";
import express, { type NextFunction, type Request, type Response } from "express";
import type { GraphQLSchema } from "graphql";
import { authenticate, callerOf, clientKeyOf } from "../auth/auth.middleware";
import type { TokenVerifier } from "../auth/auth.verifier";
import { Context } from "../context";
import type { Database } from "../db/database";
import type { Logger } from "../logger";
import { networkExportRouter } from "../features/network/network.router";
import { createApolloServer } from "./apollo";
import { graphiqlHandler } from "./graphiql";
import type { Metrics } from "./metrics";
import { observability } from "./observability";
import { type Readiness, liveness, readiness } from "./health";
import { GRAPHQL_RESPONSE_TYPE, errorBody } from "../errors.catalogue";
import { exportContextOf, exportGuard } from "./export-guard";
import type { CostRateLimiter } from "./rate-limit";
import { type TrustedDocuments, trustedDocumentsMiddleware } from "./trusted-documents";
import { webApp } from "./web.static";
import { refreshFanout } from "../graph/common/fanout.repository";
import { R } from "../graph/relations";

export interface AppOptions {
  schema: GraphQLSchema;
  database: Database;
  logger: Logger;
  maxDepth: number;
  maxCost: number;
  graphiql: boolean;
  introspection: boolean;
  /** Verifies bearer tokens; unset: every request is anonymous and a token is refused. */
  verifier?: TokenVerifier;
  /** The per-client cost budget shared by /graphql and /export; unset: no rate limit. */
  rateLimiter?: CostRateLimiter;
  /** Trusted-documents mode: only these operations run. */
  trustedDocuments?: TrustedDocuments;
  /** Express `trust proxy`, so that `req.ip` is the client's address behind a load balancer. */
  trustProxy?: boolean | number | string;
  /** Browser origins allowed to call /graphql (CORS); empty: same origin only. */
  corsOrigins?: string[];
  /** Prometheus metrics; unset: none. */
  metrics?: Metrics;
  /** Serve GET /metrics on this app (development); production serves it on a listener of its own. */
  serveMetrics?: boolean;
}

export interface RunningApp {
  httpServer: http.Server;
  state: Readiness;
  /** Stops accepting requests, drains the running ones and stops Apollo. */
  stop(): Promise<void>;
}

/** Builds the HTTP server: /graphql, /graphiql, /healthz, /readyz. Listening is the caller's job. */
export async function createApp(options: AppOptions): Promise<RunningApp> {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy ?? false);
  const httpServer = http.createServer(app);
  const state: Readiness = { draining: false };
  const observe = observability(options.database, options.metrics, options.trustedDocuments !== undefined);
  app.use(observe.http);
  const apollo = createApolloServer({
    schema: options.schema,
    logger: options.logger,
    maxDepth: options.maxDepth,
    maxCost: options.maxCost,
    introspection: options.introspection,
    rateLimiter: options.rateLimiter,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 5_000 }),
      ...observe.apolloPlugins,
    ],
  });
  await apollo.start();

  app.get("/healthz", liveness);
  app.get("/readyz", readiness(options.database, state));
  if (options.graphiql) app.get("/graphiql", graphiqlHandler("/graphql"));
  if (options.metrics && options.serveMetrics) app.get("/metrics", options.metrics.handler);
  app.use(
    "/graphql",
    cors<cors.CorsRequest>({
      origin: options.corsOrigins?.length ? options.corsOrigins : false,
      allowedHeaders: [
        "content-type",
        "authorization",
        "apollo-require-preflight",
        "x-apollo-operation-name",
        "idempotency-key",
      ],
      exposedHeaders: [
        "ratelimit-limit",
        "ratelimit-remaining",
        "ratelimit-reset",
        "ratelimit-policy",
        "retry-after",
      ],
      maxAge: 600,
    }),
    authenticate(options.verifier, options.logger),
    express.json({ limit: "100kb" }),
    idempotencyKeyCheck,
    ...(options.trustedDocuments ? [trustedDocumentsMiddleware(options.trustedDocuments)] : []),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const context = new Context(options.database, callerOf(req), clientKeyOf(req));
        context.idempotencyKey = req.get("idempotency-key");
        return context;
      },
    }),
  );
  // Exports read public data only; a token, when sent, must still be valid.
  app.use(
    "/export",
    observe.export,
    authenticate(options.verifier, options.logger),
    exportGuard(options),
    networkExportRouter(options.database, exportContextOf),
  );
  // The Verkenner at / (its client routes and built assets); anything else falls through to the 404.
  app.use(webApp());
  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: "not found", endpoints: ["/graphql", "/graphiql", "/healthz", "/readyz"] });
  });
  // Malformed JSON, too large bodies: a clear 4xx, never a stack trace; anything else a 500 with an errorId.
  app.use(
    (
      error: Error & { status?: number; type?: string },
      _req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
      res.status(status).type(GRAPHQL_RESPONSE_TYPE);
      if (status !== 500) {
        const message =
          status === 413 ? "Request body too large." : `Bad request: ${error.type ?? "malformed request"}`;
        res.send(JSON.stringify(errorBody("BAD_REQUEST", message)));
        return;
      }
      const errorId = randomUUID();
      options.logger.error({ errorId, err: error }, "unhandled http error");
      res.send(JSON.stringify(errorBody("INTERNAL_SERVER_ERROR", "Internal server error", { errorId })));
    },
  );

  // Fan-out statistics for the cost estimate: read before serving, then every ten minutes. A failure
  // keeps the previous figures (or none: connections are then priced by `first`).
  const fanout = () =>
    refreshFanout(options.database, Object.values(R)).catch((error: unknown) =>
      options.logger.warn({ err: error }, "fan-out statistics not refreshed"),
    );
  await fanout();
  const fanoutTimer = setInterval(() => void fanout(), FANOUT_REFRESH_MS);
  fanoutTimer.unref();

  return {
    httpServer,
    state,
    async stop() {
      state.draining = true;
      clearInterval(fanoutTimer);
      await apollo.stop();
      observe.detach();
    },
  };
}

const FANOUT_REFRESH_MS = 10 * 60_000;

/** Idempotency-Key (IETF httpapi draft): 1–255 visible ASCII characters, e.g. a UUID per logical write. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

function idempotencyKeyCheck(req: Request, res: Response, next: NextFunction): void {
  const key = req.get("idempotency-key");
  if (key === undefined || IDEMPOTENCY_KEY.test(key)) return next();
  res
    .status(400)
    .type(GRAPHQL_RESPONSE_TYPE)
    .send(
      JSON.stringify(
        errorBody(
          "BAD_USER_INPUT",
          "Idempotency-Key must be 1 to 255 visible ASCII characters (e.g. a UUID).",
          {
            argument: "Idempotency-Key",
          },
        ),
      ),
    );
}

/** Listens on host:port; a taken port is reported by name instead of crashing with a stack trace. */
export function listen(server: http.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        error.code === "EADDRINUSE"
          ? new Error(
              `Port ${port} on ${host} is already in use. Stop the other process or set PORT to a free port.`,
            )
          : error,
      );
    };
    server.once("error", onError);
    server.listen({ host, port }, () => {
      server.off("error", onError);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}
