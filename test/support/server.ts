import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { createLogger } from "../../src/logger";
import type { Database } from "../../src/db/database";
import { createSchema } from "../../src/schema";
import { createApp, listen } from "../../src/server/app";
import { testDatabase } from "./database";

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: Record<string, unknown> & { code?: string };
  }[];
  extensions?: { cost?: number; roundTrips?: number } & Record<string, unknown>;
}

export interface TestServer {
  url: string;
  db: Database;
  /** POSTs an operation to /graphql over real HTTP. */
  gql<T = Record<string, unknown>, V = Record<string, unknown>>(
    query: string | TypedDocumentNode<T, V>,
    variables?: V,
  ): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

export interface TestServerOptions {
  maxDepth?: number;
  maxCost?: number;
  graphiql?: boolean;
  introspection?: boolean;
  database?: Database;
}

/** The real HTTP app on a free port, against the test run's Neo4j. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const db = options.database ?? testDatabase();
  const app = await createApp({
    schema: await createSchema(),
    database: db,
    logger: createLogger("silent"),
    maxDepth: options.maxDepth ?? 10,
    maxCost: options.maxCost ?? 5000,
    graphiql: options.graphiql ?? true,
    introspection: options.introspection ?? true,
  });
  const port = await listen(app.httpServer, "127.0.0.1", 0);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    db,
    async gql(query, variables) {
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: typeof query === "string" ? query : print(query), variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse<never>, "status">;
      return { status: response.status, ...body } as GraphQLResponse<never>;
    },
    async stop() {
      await app.stop();
      if (!options.database) await db.close();
    },
  };
}
