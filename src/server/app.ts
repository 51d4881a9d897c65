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
import { type Readiness, liveness, readiness } from "./health";
import { CostRateLimiter } from "./rate-limit";
import { type TrustedDocuments, trustedDocumentsMiddleware } from "./trusted-documents";
import { webApp } from "./web.static";

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
  /** Query cost per client per minute; unset or 0: no rate limit. */
  rateLimitCostPerMinute?: number;
  /** Trusted-documents mode: only these operations run. */
  trustedDocuments?: TrustedDocuments;
  /** Express `trust proxy`, so that `req.ip` is the client's address behind a load balancer. */
  trustProxy?: boolean | number | string;
  /** Browser origins allowed to call /graphql (CORS); empty: same origin only. */
  corsOrigins?: string[];
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
  const apollo = createApolloServer({
    schema: options.schema,
    logger: options.logger,
    maxDepth: options.maxDepth,
    maxCost: options.maxCost,
    introspection: options.introspection,
    rateLimiter: options.rateLimitCostPerMinute
      ? new CostRateLimiter(options.rateLimitCostPerMinute)
      : undefined,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 5_000 })],
  });
  await apollo.start();

  app.get("/healthz", liveness);
  app.get("/readyz", readiness(options.database, state));
  if (options.graphiql) app.get("/graphiql", graphiqlHandler("/graphql"));
  app.use(
    "/graphql",
    cors<cors.CorsRequest>({
      origin: options.corsOrigins?.length ? options.corsOrigins : false,
      allowedHeaders: [
        "content-type",
        "authorization",
        "apollo-require-preflight",
        "x-apollo-operation-name",
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
    ...(options.trustedDocuments ? [trustedDocumentsMiddleware(options.trustedDocuments)] : []),
    expressMiddleware(apollo, {
      context: async ({ req }) => new Context(options.database, callerOf(req), clientKeyOf(req)),
    }),
  );
  // Exports read public data only; a token, when sent, must still be valid.
  app.use("/export", authenticate(options.verifier, options.logger), networkExportRouter(options.database));
  // The Verkenner at / (its client routes and built assets); anything else falls through to the 404.
  app.use(webApp());
  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: "not found", endpoints: ["/graphql", "/graphiql", "/healthz", "/readyz"] });
  });
  // Malformed JSON, too large bodies: a clear 4xx, never a stack trace.
  app.use(
    (
      error: Error & { status?: number; type?: string },
      _req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
      if (status === 500) options.logger.error({ err: error }, "unhandled http error");
      res.status(status).json({
        errors: [
          {
            message:
              status === 413
                ? "Request body too large."
                : status === 500
                  ? "Internal server error"
                  : `Bad request: ${error.type ?? error.message}`,
            extensions: { code: status === 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST" },
          },
        ],
      });
    },
  );

  return {
    httpServer,
    state,
    async stop() {
      state.draining = true;
      await apollo.stop();
    },
  };
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
