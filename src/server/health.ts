import type { Request, Response } from "express";
import type { Database } from "../db/database";

export interface Readiness {
  draining: boolean;
}

/** `/healthz`: the process runs. */
export function liveness(_req: Request, res: Response): void {
  res.status(200).json({ status: "ok" });
}

/** `/readyz`: 200 only while Neo4j answers a query (and we are not shutting down), else 503 with a reason. */
export function readiness(db: Database, state: Readiness) {
  return async (_req: Request, res: Response): Promise<void> => {
    if (state.draining) {
      res.status(503).json({ status: "unavailable", reason: "shutting down" });
      return;
    }
    try {
      await db.ping(2_000);
      res.status(200).json({ status: "ready" });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split("\n")[0] : "unknown";
      res.status(503).json({ status: "unavailable", reason: `Neo4j does not answer: ${reason}` });
    }
  };
}
