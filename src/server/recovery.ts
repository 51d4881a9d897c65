import { watchAvailability } from "../db/availability";
import type { Database, DatabaseOptions } from "../db/database";
import { warmUpPartnerPlans } from "../features/partners/partners.warmup";
import type { Logger } from "../logger";

/** How often Neo4j is pinged to notice a loss and a return. */
const WATCH_INTERVAL_MS = 2_000;
/** After Neo4j returns, the partner warm-up waits this long at most for the first write to succeed, */
const WRITES_FIRST_MAX_MS = 30_000;
/** and then this long, while the other writers' first plans finish. */
const WRITES_SETTLE_MS = 10_000;

export interface PlanRecovery {
  stop(): void;
}

/**
 * What the service does about Neo4j's plan cache: warm the partner plans at start, and again each time
 * Neo4j answers after it did not (a restart empties the cache). One module for `npm start` and the
 * fault tests, so that the recovery measured is the recovery shipped.
 *
 * After a restart the partner warm-up waits for the first write that succeeds (at most 30 s) and 10 s more:
 * run at once, its four large plans on a cold JVM took the CPU the writers need, and writes came back
 * 15–20 s after Neo4j's ready line instead of about 10 s (issue 11, measured with the fault test).
 */
export function keepPlansWarm(database: Database, connection: DatabaseOptions, logger: Logger): PlanRecovery {
  // The warm-up opens its own connection with its own long timeout.
  const warmUp = (): void => void warmUpPartnerPlans(connection, logger);
  warmUp();
  const watch = watchAvailability(database, {
    intervalMs: WATCH_INTERVAL_MS,
    onLoss: () => logger.warn("Neo4j does not answer"),
    onReturn: () => {
      logger.info("Neo4j answers again; warming up the partner plans once writes are back");
      void firstWrite(database, WRITES_FIRST_MAX_MS)
        .then(() => new Promise((r) => setTimeout(r, WRITES_SETTLE_MS).unref()))
        .then(warmUp);
    },
  });
  return { stop: () => watch.stop() };
}

/** Resolves when a write round trip succeeds, or after `maxMs` (a quiet service may not write at all). */
export function firstWrite(database: Database, maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    let stopWatching = (): void => undefined;
    const done = (): void => {
      clearTimeout(timer);
      stopWatching();
      resolve();
    };
    const timer = setTimeout(done, maxMs);
    timer.unref();
    stopWatching = database.observe((query) =>
      query.access === "write"
        ? (error) => {
            if (error === undefined) done();
          }
        : () => undefined,
    );
  });
}
