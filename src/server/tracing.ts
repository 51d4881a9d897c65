import type { ApolloServerPlugin } from "@apollo/server";
import {
  type Context as OtelContext,
  type Span,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
} from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { detectResources, envDetector, resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import {
  ATTR_CODE_FUNCTION_NAME,
  ATTR_DB_OPERATION_NAME,
  ATTR_DB_QUERY_SUMMARY,
  ATTR_DB_SYSTEM_NAME,
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
} from "@opentelemetry/semantic-conventions";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { GraphQLFormattedError } from "graphql";
import type { Context } from "../context";
import type { QueryObserver, QueryStats } from "../db/database";
import { BoundedLabels, codeLabel, exportFormatOf, methodOf, operationLabel, routeOf } from "./labels";

/**
 * OpenTelemetry traces, off unless the standard OTEL_* variables ask for them: an OTLP endpoint
 * (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) or OTEL_TRACES_EXPORTER=otlp;
 * OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none keep them off. The SDK itself reads the rest
 * (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, OTEL_TRACES_SAMPLER, OTEL_EXPORTER_OTLP_HEADERS, OTEL_BSP_*).
 * Spans are made by hand (see ADR 0032): HTTP request, GraphQL operation with parse/validate/execute,
 * each Neo4j round trip and exports. Attributes hold names from code and the schema, never request values.
 */

const TRACER = "kennisgraaf";
const GRAPHQL_OPERATION_TYPE = "graphql.operation.type"; // incubating semantic conventions
const GRAPHQL_OPERATION_NAME = "graphql.operation.name";

export interface Tracing {
  /** Sends the spans still buffered and stops. */
  shutdown(): Promise<void>;
}

let enabled = false;

export function tracingEnabled(): boolean {
  return enabled;
}

/** Whether the OTEL_* variables switch tracing on. */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? "").split(",").map((s) => s.trim().toLowerCase());
  if (exporters.includes("none")) return false;
  if (exporters.includes("otlp")) return true;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** Starts the SDK when the environment asks for traces; call first thing in main. Undefined: tracing off. */
export function startTracing(
  warn: (message: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Tracing | undefined {
  if (!tracingRequested(env)) return undefined;
  const protocol = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL;
  if (protocol && protocol !== "http/json") {
    warn(`traces are sent as OTLP http/json; OTEL_EXPORTER_OTLP_PROTOCOL=${protocol} is not supported`);
  }
  const resource = resourceFromAttributes({
    [ATTR_SERVICE_NAME]: "kennisgraaf",
    [ATTR_SERVICE_VERSION]: process.env.npm_package_version ?? "0.1.0",
  }).merge(detectResources({ detectors: [envDetector] }));
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register(); // W3C trace context propagation and the AsyncLocalStorage context manager
  enabled = true;
  return {
    async shutdown() {
      enabled = false;
      await provider.shutdown();
    },
  };
}

const tracer = () => trace.getTracer(TRACER);

function endWith(span: Span, error?: unknown): void {
  if (error !== undefined) {
    span.setStatus({ code: SpanStatusCode.ERROR });
    span.setAttribute(ATTR_ERROR_TYPE, errorType(error));
  }
  span.end();
}

function errorType(error: unknown): string {
  const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  return code !== undefined ? codeLabel(code) : error instanceof Error ? error.name : "error";
}

/**
 * The HTTP request span (server kind), continuing a W3C `traceparent` when the caller sends one. The
 * request and response emitters are bound to its context, so body parsing and everything after it (the
 * GraphQL operation, Neo4j round trips, log lines) belong to it.
 */
export function httpTracing(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const parent = propagation.extract(context.active(), req.headers);
    const route = routeOf(req);
    const method = methodOf(req);
    const span = tracer().startSpan(
      `${method} ${route}`,
      { kind: SpanKind.SERVER, attributes: { [ATTR_HTTP_REQUEST_METHOD]: method, [ATTR_HTTP_ROUTE]: route } },
      parent,
    );
    const active = trace.setSpan(parent, span);
    context.bind(active, req);
    context.bind(active, res);
    res.once("close", () => {
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      if (!res.writableFinished) span.setAttribute(ATTR_ERROR_TYPE, "aborted");
      span.end();
    });
    context.with(active, next);
  };
}

/** A span around a network export, from the query to the last byte. */
export function exportTracing(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const span = tracer().startSpan(`export network.${exportFormatOf(req)}`);
    res.once("close", () => {
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
      endWith(span, res.statusCode >= 400 || !res.writableFinished ? new Error("export failed") : undefined);
    });
    context.with(trace.setSpan(context.active(), span), next);
  };
}

/** The execute span of each request, so that its Neo4j round trips nest under it. */
const executing = new WeakMap<QueryStats, OtelContext>();

/** One span per Neo4j round trip: the statement's name (the calling function) and summary, no parameters. */
export const queryTracing: QueryObserver = ({ access, cypher, stats }) => {
  const caller = callerName();
  const span = tracer().startSpan(
    `neo4j ${access} ${caller}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        [ATTR_DB_SYSTEM_NAME]: "neo4j",
        [ATTR_DB_OPERATION_NAME]: access,
        [ATTR_CODE_FUNCTION_NAME]: caller,
        ...(cypher ? { [ATTR_DB_QUERY_SUMMARY]: cypherSummary(cypher) } : {}),
      },
    },
    executing.get(stats) ?? context.active(),
  );
  return (error) => endWith(span, error);
};

const OWN_FRAMES = /[/\\](database|tracing)\.[jt]s:|\(node:|\(<anonymous>\)|^\s*at (async )?Array\.map/;

/** The function that issued the round trip, e.g. `WhoWorksOnRepository.page`: the statement's name. */
function callerName(): string {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 12;
  Error.captureStackTrace(holder, queryTracing);
  Error.stackTraceLimit = limit;
  for (const line of (holder.stack ?? "").split("\n").slice(1)) {
    if (OWN_FRAMES.test(line)) continue;
    const frame = /^\s*at (?:async )?(?:([^\s(]+) \()?([^)]*?)(?::\d+:\d+)?\)?$/.exec(line);
    if (!frame) continue;
    const [, fn, file] = frame;
    if (fn?.includes(".") && !fn.startsWith("Object.")) return fn; // Class.method
    const stem =
      (file ?? "")
        .split(/[/\\]/)
        .pop()
        ?.replace(/\.[jt]s$/, "") || "cypher";
    const name = fn?.replace(/^Object\./, "");
    return name && name !== "<anonymous>" ? `${stem}.${name}` : stem;
  }
  return "cypher";
}

/** First clause and first label of a statement, e.g. `MATCH Organisation` (db.query.summary). */
export function cypherSummary(cypher: string): string {
  const body = cypher.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, " ");
  const clause = /\b(OPTIONAL MATCH|MATCH|UNWIND|CALL|WITH|MERGE|CREATE|RETURN|SHOW)\b/i.exec(body)?.[1];
  const label = /\(\s*\w*\s*:\s*`?(\w+)`?/.exec(body)?.[1];
  return [clause?.toUpperCase() ?? "CYPHER", label].filter(Boolean).join(" ");
}

const operationNames = new BoundedLabels(200);

/**
 * The GraphQL operation span with parse, validate and execute as children. On errors the trace id goes
 * into each error's `extensions.traceId`, so that a client's report leads to the trace.
 */
export function apolloTracing(trusted: boolean): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const parent = context.active();
      const span = tracer().startSpan("graphql", { kind: SpanKind.INTERNAL }, parent);
      const inOperation = trace.setSpan(parent, span);
      const child = (name: string): Span => tracer().startSpan(name, {}, inOperation);
      return {
        async parsingDidStart() {
          const parse = child("graphql.parse");
          return async (error) => endWith(parse, error);
        },
        async validationDidStart() {
          const validate = child("graphql.validate");
          return async (errors) => endWith(validate, errors?.[0]);
        },
        async executionDidStart() {
          const execute = child("graphql.execute");
          executing.set(contextValue.stats, trace.setSpan(inOperation, execute));
          return {
            async executionDidEnd(error) {
              endWith(execute, error);
            },
          };
        },
        async willSendResponse({ document, operation, response }) {
          const name = operationNames.label(operationLabel(document, operation, trusted));
          span.updateName(`graphql ${name}`);
          span.setAttribute(GRAPHQL_OPERATION_NAME, name);
          if (operation) span.setAttribute(GRAPHQL_OPERATION_TYPE, operation.operation);
          span.setAttribute("graphql.cost", contextValue.cost);
          span.setAttribute("neo4j.round_trips", contextValue.stats.roundTrips);
          const body = response.body.kind === "single" ? response.body.singleResult : undefined;
          const errors = body?.errors;
          if (body && errors?.length) {
            const traceId = span.spanContext().traceId;
            body.errors = errors.map((e): GraphQLFormattedError => ({
              ...e,
              extensions: { ...e.extensions, traceId },
            }));
            endWith(span, errors[0]);
          } else span.end();
        },
      };
    },
  };
}
