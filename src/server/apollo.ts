import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from "graphql-query-complexity";
import { AuthErrorCode } from "../auth/auth.errors";
import type { Context } from "../context";
import { ErrorCode } from "../errors";
import type { Logger } from "../logger";
import { type CostRateLimiter, RATE_LIMITED, chargeRateLimit } from "./rate-limit";
import { PERSISTED_QUERY_NOT_IN_LIST } from "./trusted-documents";

export interface ApolloOptions {
  schema: GraphQLSchema;
  logger: Logger;
  maxDepth: number;
  maxCost: number;
  introspection: boolean;
  plugins?: ApolloServerPlugin<Context>[];
  /** Per-client budget of query cost per minute; unset: no rate limit. */
  rateLimiter?: CostRateLimiter;
}

/**
 * Computes the cost of the operation before it runs; rejects it with QUERY_TOO_COMPLEX (HTTP 400) above
 * the limit and reports it in `extensions.cost`, together with the Neo4j round trips it took.
 */
function costPlugin(
  schema: GraphQLSchema,
  maxCost: number,
  rateLimiter?: CostRateLimiter,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, contextValue, response }) {
          const cost = getComplexity({
            schema,
            operationName: request.operationName,
            query: document,
            variables: request.variables,
            estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
          });
          contextValue.cost = cost;
          if (cost > maxCost) {
            throw new GraphQLError(
              `Query cost ${cost} exceeds the maximum of ${maxCost}; ask for fewer items (first) or fewer nested fields.`,
              { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, cost, maxCost, http: { status: 400 } } },
            );
          }
          // The rate limit charges what the operation is estimated to cost, before it runs (429 over budget).
          if (rateLimiter) chargeRateLimit(rateLimiter, contextValue.client, cost, response.http.headers);
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single") return;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            cost: contextValue.cost,
            roundTrips: contextValue.stats.roundTrips,
          };
        },
      };
    },
  };
}

/** One log line per operation: name, duration, cost, round trips and error codes; never variables. */
function requestLogPlugin(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ request, response, contextValue, errors }) {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const codes = (errors ?? []).map((e) => String(e.extensions?.code ?? "INTERNAL_SERVER_ERROR"));
          logger.info(
            {
              operation: request.operationName ?? null,
              ms: Math.round(ms * 10) / 10,
              cost: contextValue.cost,
              roundTrips: contextValue.stats.roundTrips,
              status: response.http.status ?? 200,
              ...(codes.length ? { errors: codes } : {}),
            },
            "graphql",
          );
        },
      };
    },
  };
}

const PASSED_THROUGH = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.NOT_FOUND,
  ErrorCode.QUERY_TOO_COMPLEX,
  ErrorCode.QUERY_TIMEOUT,
  ErrorCode.SERVICE_UNAVAILABLE,
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  AuthErrorCode.UNAUTHENTICATED,
  AuthErrorCode.FORBIDDEN,
  RATE_LIMITED,
  PERSISTED_QUERY_NOT_IN_LIST,
]);

/** Client errors pass with their code; anything else is logged and masked (no internals, no stack). */
export function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = String(formatted.extensions?.code ?? "");
    if (PASSED_THROUGH.has(code)) {
      const { stacktrace: _stacktrace, validationErrors, ...extensions } = formatted.extensions ?? {};
      if (Array.isArray(validationErrors)) {
        // type-graphql's validation errors echo the whole input (`target`); keep what explains the problem.
        extensions.validationErrors = validationErrors.map(
          (v: { property?: string; constraints?: unknown }) => ({
            property: v.property,
            constraints: v.constraints,
          }),
        );
      }
      return { ...formatted, extensions };
    }
    logger.error({ err: unwrapResolverError(error), path: formatted.path }, "unexpected error");
    return {
      message: "Internal server error",
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

export function createApolloServer(options: ApolloOptions): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema: options.schema,
    logger: options.logger,
    introspection: options.introspection,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: !options.introspection,
    formatError: formatError(options.logger),
    validationRules: [
      maxDepthRule({
        n: options.maxDepth,
        ignoreIntrospection: true,
        flattenFragments: true,
        propagateOnRejection: false,
        onReject: [(ctx, err) => ctx?.reportError(err)],
      }),
    ],
    plugins: [
      costPlugin(options.schema, options.maxCost, options.rateLimiter),
      requestLogPlugin(options.logger),
      ...(options.plugins ?? []),
      ...(options.introspection ? [] : [ApolloServerPluginLandingPageDisabled()]),
    ],
  });
}
