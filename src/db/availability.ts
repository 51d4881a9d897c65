import type { Database } from "./database";

export interface AvailabilityWatch {
  stop(): void;
}

/**
 * Pings Neo4j every `intervalMs` and calls `onReturn` when it answers again after not answering
 * (a restart, a stall that ended): the moment to warm caches and query plans again.
 */
export function watchAvailability(
  db: Database,
  options: { intervalMs: number; onReturn: () => void; onLoss?: () => void },
): AvailabilityWatch {
  let available = true;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    db.ping(Math.min(2_000, options.intervalMs))
      .then(() => {
        if (!available) options.onReturn();
        available = true;
      })
      .catch(() => {
        if (available) options.onLoss?.();
        available = false;
      })
      .finally(() => {
        busy = false;
      });
  }, options.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
