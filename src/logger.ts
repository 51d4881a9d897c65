import pino, { type Logger } from "pino";

export type { Logger };

/** JSON logs on stderr-free stdout; never log request variables (they may hold free text from users). */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: "kennisgraaf" }, timestamp: pino.stdTimeFunctions.isoTime });
}
