import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { createTokenVerifier } from "../../src/auth/auth.verifier";
import { type TokenRequest, signToken } from "../../src/auth/token.sign";
import type { AuthConfig } from "../../src/config";
import { type Logger, createLogger } from "../../src/logger";
import type { Database, DatabaseOptions } from "../../src/db/database";
import { createSchema } from "../../src/schema";
import { createApp, listen } from "../../src/server/app";
import { CostRateLimiter } from "../../src/server/rate-limit";
import { keepPlansWarm } from "../../src/server/recovery";
import type { Metrics } from "../../src/server/metrics";
import type { TrustedDocuments } from "../../src/server/trusted-documents";
import { testDatabase } from "./database";

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: Record<string, unknown> & { code?: string };
  }[];
  extensions?: {
    cost?: {
      requestedQueryCost: number;
      actualQueryCost: number;
      throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number } | null;
    };
    roundTrips?: number;
  } & Record<string, unknown>;
  /** The HTTP response headers (rate limit, WWW-Authenticate, …). */
  headers?: Headers;
}

/** Per request: a bearer token and/or extra headers. */
export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
}

/** The shared secret, issuer and audience of test servers' tokens. */
export const TEST_AUTH: AuthConfig = {
  jwtSecret: "test-secret-for-integration-tests-0123456789",
  jwksUrl: undefined,
  issuer: "kennisgraaf-test",
  audience: "kennisgraaf",
  roleClaim: "role",
  orgClaim: "org",
};

export interface TestServer {
  url: string;
  db: Database;
  /** POSTs an operation to /graphql over real HTTP. */
  gql<T = Record<string, unknown>, V = Record<string, unknown>>(
    query: string | TypedDocumentNode<T, V>,
    variables?: V,
    request?: RequestOptions,
  ): Promise<GraphQLResponse<T>>;
  /** A token this server accepts (signed with its shared secret). */
  token(request: TokenRequest): Promise<string>;
  stop(): Promise<void>;
}

export interface TestServerOptions {
  maxDepth?: number;
  maxCost?: number;
  graphiql?: boolean;
  introspection?: boolean;
  database?: Database;
  /** Token verification; default TEST_AUTH (requests without a token stay anonymous). */
  auth?: AuthConfig;
  /** Query cost per client per minute; default: no rate limit. */
  rateLimitCostPerMinute?: number;
  /** A limiter of its own (e.g. with Redis or per-role budgets); wins over rateLimitCostPerMinute. */
  rateLimiter?: CostRateLimiter;
  trustedDocuments?: TrustedDocuments;
  /** Default: silent. */
  logger?: Logger;
  /** Prometheus metrics, served at /metrics of the test server; default none. */
  metrics?: Metrics;
  /** The service's plan warm-ups (at start and when Neo4j returns), on this connection; default none. */
  recovery?: DatabaseOptions;
}

/** The real HTTP app on a free port, against the test run's Neo4j. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const db = options.database ?? testDatabase();
  const app = await createApp({
    schema: await createSchema(),
    database: db,
    logger: options.logger ?? createLogger("silent"),
    maxDepth: options.maxDepth ?? 10,
    maxCost: options.maxCost ?? 5000,
    graphiql: options.graphiql ?? true,
    introspection: options.introspection ?? true,
    verifier: createTokenVerifier(options.auth ?? TEST_AUTH),
    rateLimiter:
      options.rateLimiter ??
      (options.rateLimitCostPerMinute
        ? new CostRateLimiter({ perMinute: options.rateLimitCostPerMinute })
        : undefined),
    trustedDocuments: options.trustedDocuments,
    metrics: options.metrics,
    serveMetrics: options.metrics !== undefined,
  });
  const recovery = options.recovery
    ? keepPlansWarm(db, options.recovery, options.logger ?? createLogger("silent"))
    : undefined;
  const port = await listen(app.httpServer, "127.0.0.1", 0);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    db,
    async gql(query, variables, request) {
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(request?.token ? { authorization: `Bearer ${request.token}` } : {}),
          ...request?.headers,
        },
        body: JSON.stringify({ query: typeof query === "string" ? query : print(query), variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse<never>, "status">;
      return { status: response.status, headers: response.headers, ...body } as GraphQLResponse<never>;
    },
    token(request) {
      return signToken(options.auth ?? TEST_AUTH, request);
    },
    async stop() {
      recovery?.stop();
      await app.stop();
      if (!options.database) await db.close();
    },
  };
}
