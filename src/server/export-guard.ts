import type { NextFunction, Request, Response } from "express";
import { type GraphQLSchema, parse } from "graphql";
import { callerOf, clientKeyOf } from "../auth/auth.middleware";
import { Context } from "../context";
import type { Database } from "../db/database";
import { NETWORK_LIMITS } from "../features/network/network.args";
import type { Logger } from "../logger";
import { operationCost } from "./cost";
import { GRAPHQL_RESPONSE_TYPE, errorBody } from "../errors.catalogue";
import { type CostRateLimiter, rateLimitHeaders } from "./rate-limit";

/** GraphQL's `networkExport` is the same work as a file export: its cost prices the file. */
const EXPORT_AS_GRAPHQL = parse(
  `query ExportCost($maxNodes: Int! = ${NETWORK_LIMITS.defaultMaxNodes}) { networkExport(projection: SHARED_INITIATIVES, format: GEXF, maxNodes: $maxNodes) { content } }`,
);

/** The request's context for the export router (caller, client key, counted round trips). */
export function exportContextOf(res: Response): Context | undefined {
  const context: unknown = res.locals.context;
  return context instanceof Context ? context : undefined;
}

/**
 * The guardrails of /graphql for everything outside it (GET /export/…): the same cost model, charged to
 * the same per-client budget (429 with Retry-After), RateLimit headers on every answer, and one log line
 * with the cost and round trips, never the query's values.
 */
export function exportGuard(options: {
  schema: GraphQLSchema;
  database: Database;
  logger: Logger;
  rateLimiter?: CostRateLimiter;
}) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const started = process.hrtime.bigint();
    const context = new Context(options.database, callerOf(req), clientKeyOf(req));
    res.locals.context = context;
    const raw = typeof req.query.maxNodes === "string" ? req.query.maxNodes : undefined;
    const maxNodes = raw && /^\d{1,9}$/.test(raw) ? Number(raw) : undefined;
    const cost = operationCost(
      options.schema,
      EXPORT_AS_GRAPHQL,
      "ExportCost",
      maxNodes === undefined ? {} : { maxNodes },
    );
    context.cost = cost;
    res.on("finish", () => {
      options.logger.info(
        {
          route: "export",
          ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
          cost,
          roundTrips: context.stats.roundTrips,
          status: res.statusCode,
        },
        "export",
      );
    });
    if (!options.rateLimiter) return next();
    try {
      const decision = await options.rateLimiter.take(context.client, context.user.role, cost);
      for (const [name, value] of rateLimitHeaders(decision)) res.setHeader(name, value);
      if (decision.allowed) return next();
      res
        .status(429)
        .type(GRAPHQL_RESPONSE_TYPE)
        .send(
          JSON.stringify(
            errorBody(
              "RATE_LIMITED",
              `Rate limit exceeded: this export costs ${cost} and ${decision.remaining} of ${decision.limit} per minute is left; retry in ${decision.retryAfterSeconds} s.`,
              { cost, retryAfter: decision.retryAfterSeconds, retryable: true },
            ),
          ),
        );
    } catch (error) {
      next(error);
    }
  };
}
