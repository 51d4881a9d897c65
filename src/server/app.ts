import http from "node:http";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type NextFunction, type Request, type Response } from "express";
import type { GraphQLSchema } from "graphql";
import { Context } from "../context";
import type { Database } from "../db/database";
import type { Logger } from "../logger";
import { createApolloServer } from "./apollo";
import { graphiqlHandler } from "./graphiql";
import { type Readiness, liveness, readiness } from "./health";

export interface AppOptions {
  schema: GraphQLSchema;
  database: Database;
  logger: Logger;
  maxDepth: number;
  maxCost: number;
  graphiql: boolean;
  introspection: boolean;
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
  const httpServer = http.createServer(app);
  const state: Readiness = { draining: false };
  const apollo = createApolloServer({
    schema: options.schema,
    logger: options.logger,
    maxDepth: options.maxDepth,
    maxCost: options.maxCost,
    introspection: options.introspection,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 5_000 })],
  });
  await apollo.start();

  app.get("/healthz", liveness);
  app.get("/readyz", readiness(options.database, state));
  if (options.graphiql) app.get("/graphiql", graphiqlHandler("/graphql"));
  app.use(
    "/graphql",
    express.json({ limit: "100kb" }),
    expressMiddleware(apollo, { context: async () => new Context(options.database) }),
  );
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
