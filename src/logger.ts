import { isSpanContextValid, trace } from "@opentelemetry/api";
import pino, { type Logger } from "pino";

export type { Logger };

/**
 * JSON logs on stderr-free stdout; never log request variables (they may hold free text from users).
 * With tracing on, a line written inside a traced request carries its `traceId` and `spanId`.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "kennisgraaf" },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const span = trace.getActiveSpan()?.spanContext();
      return span && isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : {};
    },
  });
}
