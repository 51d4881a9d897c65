import { isSpanContextValid, trace } from "@opentelemetry/api";
import pino, { type Logger } from "pino";

export type { Logger };

/**
 * Paths that could carry request values if someone logs a request-shaped object by mistake: they are
 * removed, not masked, so nothing of them reaches the log.
 */
const REDACTED = [
  "variables",
  "*.variables",
  "query",
  "*.query",
  "args",
  "*.args",
  "headers.authorization",
  "*.headers.authorization",
  "authorization",
  "token",
  "*.token",
  "body",
  "*.body",
];

/** Error messages (of graphql-js, the driver, JSON.parse, …) may quote input; log what is safe to keep. */
export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const withCode = error as Error & { code?: unknown; gqlStatus?: unknown };
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 12)
    .map((line) => line.trim());
  return {
    type: error.name || error.constructor?.name || "Error",
    ...(typeof withCode.code === "string" ? { code: withCode.code } : {}),
    ...(typeof withCode.gqlStatus === "string" ? { gqlStatus: withCode.gqlStatus } : {}),
    stack: frames,
  };
}

/**
 * JSON logs on stdout; never request variables, argument values or tokens (see README, "Logs").
 * With tracing on, a line written inside a traced request carries its `traceId` and `spanId`.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "kennisgraaf" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED, remove: true },
      serializers: { err: safeError, error: safeError },
      mixin() {
        const span = trace.getActiveSpan()?.spanContext();
        return span && isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : {};
      },
    },
    destination,
  );
}
