import { randomUUID } from "node:crypto";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import type { Context } from "../context";
import { ErrorCode } from "../errors";
import type { Logger } from "../logger";
import { OperationCache, costReport } from "./cost";
import { ERROR_CATALOGUE, type ApiErrorCode, isApiErrorCode } from "../errors.catalogue";
import {
  type CostRateLimiter,
  type RateLimitDecision,
  rateLimitHeaders,
  rateLimitedError,
} from "./rate-limit";

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
 * Largest document accepted, in lexical tokens: ~10× the biggest screen's operation. Larger documents are
 * refused by the parser itself before any other work (QUERY_TOO_COMPLEX).
 */
export const MAX_DOCUMENT_TOKENS = 4_000;

/**
 * Before the operation runs: the operation must exist, its variables must coerce (BAD_USER_INPUT naming
 * the variable), its walk must stay within MAX_WALKED_SELECTIONS and its cost within the maximum
 * (QUERY_TOO_COMPLEX), and within the client's budget
 * (RATE_LIMITED, 429). Every answer reports its cost and round trips, and carries the RateLimit headers.
 */
function costPlugin(
  schema: GraphQLSchema,
  maxCost: number,
  rateLimiter?: CostRateLimiter,
): ApolloServerPlugin<Context> {
  const operations = new OperationCache();
  return {
    async requestDidStart() {
      let charged = false;
      let budget: RateLimitDecision | undefined;
      return {
        async didResolveOperation({ request, document, operation, contextValue, response, source }) {
          if (!operation) {
            throw new GraphQLError(
              request.operationName
                ? "The document has no operation of the name given in operationName."
                : "The document has several operations: name one in operationName.",
              { extensions: { code: "OPERATION_RESOLUTION_FAILURE", http: { status: 400 } } },
            );
          }
          // One walk of the selection (memoised per document, operation and variables): priced here,
          // planned by the planner when the operation runs.
          const { walk, cost } = operations.get(schema, document, source, operation, request.variables);
          contextValue.cost = cost;
          contextValue.walk = walk;
          if (cost > maxCost) {
            throw new GraphQLError(
              `Query cost ${cost} exceeds the maximum of ${maxCost}; ask for fewer items (first) or fewer nested fields.`,
              { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, cost, maxCost, http: { status: 400 } } },
            );
          }
          if (!rateLimiter) return;
          // The rate limit charges what the operation is estimated to cost, before it runs (429 over budget).
          const decision = await rateLimiter.take(contextValue.client, contextValue.user.role, cost);
          charged = true;
          budget = decision;
          for (const [name, value] of rateLimitHeaders(decision)) response.http.headers.set(name, value);
          if (!decision.allowed) throw rateLimitedError(decision, cost);
        },
        async willSendResponse({ response, contextValue }) {
          if (rateLimiter && !charged) {
            // Refused before the cost was known (parse, validation, variables): free, but still told its budget.
            const decision = await rateLimiter.peek(contextValue.client, contextValue.user.role);
            budget = decision;
            for (const [name, value] of rateLimitHeaders(decision)) response.http.headers.set(name, value);
          }
          // Answers depend on the caller (contact fields, budgets): never stored by a shared cache. Set here
          // because Apollo's cache-control plugin, which would say the same, hooks every field resolve.
          response.http.headers.set("cache-control", "no-store");
          if (response.body.kind !== "single") return;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            cost: costReport(contextValue.cost, response.body.singleResult.data, budget),
            roundTrips: contextValue.stats.roundTrips,
          };
        },
      };
    },
  };
}

/** One log line per operation: its name, duration, cost, round trips, error codes and ids; never values. */
function requestLogPlugin(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, response, contextValue }) {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const errors = response.body.kind === "single" ? (response.body.singleResult.errors ?? []) : [];
          const codes = errors.map((e) => String(e.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR));
          const errorIds = errors.flatMap((e) =>
            typeof e.extensions?.errorId === "string" ? [e.extensions.errorId] : [],
          );
          logger.info(
            {
              // The document's own operation name (a client-sent operationName that matched nothing is not kept).
              operation: operationName ?? null,
              ms: Math.round(ms * 10) / 10,
              cost: contextValue.cost,
              roundTrips: contextValue.stats.roundTrips,
              status: response.http.status ?? 200,
              ...(codes.length ? { errors: codes } : {}),
              ...(errorIds.length ? { errorIds } : {}),
            },
            "graphql",
          );
        },
      };
    },
  };
}

/** Messages of errors that graphql-js or Apollo raise with a code that needs a clearer one. */
function recode(formatted: GraphQLFormattedError): ApiErrorCode | undefined {
  const code = formatted.extensions?.code;
  if (code === "GRAPHQL_PARSE_FAILED" && /Document contains more tha[nt] \d+ tokens/.test(formatted.message))
    return "QUERY_TOO_COMPLEX";
  if (formatted.message === "provided sha does not match query") return "PERSISTED_QUERY_HASH_MISMATCH";
  if (code === "UNAUTHORIZED") return "FORBIDDEN";
  return isApiErrorCode(code) ? code : undefined;
}

interface ValidationFailure {
  property?: string;
  constraints?: Record<string, string>;
  children?: ValidationFailure[];
}

/** class-validator's nested failures as (argument path, message) pairs. */
function flattenValidation(failures: ValidationFailure[], prefix = ""): [string, string][] {
  return failures.flatMap((f) => {
    const path = prefix ? `${prefix}.${f.property ?? "?"}` : (f.property ?? "?");
    const own = Object.values(f.constraints ?? {}).map((m): [string, string] => [path, m]);
    return [...own, ...flattenValidation(f.children ?? [], path)];
  });
}

/**
 * The error boundary of /graphql: every error leaves with a code of the catalogue. Client errors keep
 * their message (never a stack); argument validation is reported like every other argument error
 * (BAD_USER_INPUT with `extensions.argument`); anything unexpected becomes INTERNAL_SERVER_ERROR with an
 * `errorId`, logged under that id without the message (it may quote input).
 */
export function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = recode(formatted);
    const {
      stacktrace: _stacktrace,
      validationErrors,
      http: _http,
      ...extensions
    } = formatted.extensions ?? {};
    if (Array.isArray(validationErrors)) {
      const failures = flattenValidation(validationErrors as ValidationFailure[]);
      const argument = failures[0]?.[0] ?? "input";
      return {
        message: failures.length
          ? failures.map(([path, message]) => `${path}: ${message}`).join("; ")
          : "An argument is invalid.",
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: ErrorCode.BAD_USER_INPUT, argument },
      };
    }
    if (code && code !== "INTERNAL_SERVER_ERROR") {
      const retryable = ERROR_CATALOGUE[code].retryable;
      return { ...formatted, extensions: { ...extensions, code, ...(retryable ? { retryable } : {}) } };
    }
    const errorId = randomUUID();
    logger.error(
      { errorId, err: unwrapResolverError(error), path: formatted.path, originalCode: code ?? null },
      "unexpected error",
    );
    return {
      message: "Internal server error",
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, errorId },
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
    parseOptions: { maxTokens: MAX_DOCUMENT_TOKENS },
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
      // No field carries a cache hint, so the cache-control plugin would only add a hook to every field.
      ApolloServerPluginCacheControlDisabled(),
      ...(options.introspection ? [] : [ApolloServerPluginLandingPageDisabled()]),
    ],
  });
}
