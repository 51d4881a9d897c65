import { Database, type DatabaseOptions } from "../../db/database";
import type { Logger } from "../../logger";
import { PartnersRepository } from "./partners.repository";
import { DEFAULT_WEIGHTS, MatchMode } from "./partners.scoring";

const WARM_UP_TIMEOUT_MS = 120_000;

/**
 * The partner query is one large Cypher statement: Neo4j's first plans of it take seconds, longer than
 * the per-query timeout on a busy machine. Run it once per shape (with and without topic, both modes)
 * in the background at start-up, with a generous timeout, so that users meet cached plans.
 */
export async function warmUpPartnerPlans(options: DatabaseOptions, logger: Logger): Promise<void> {
  const db = new Database({ ...options, queryTimeoutMs: WARM_UP_TIMEOUT_MS });
  const started = Date.now();
  try {
    const rows = await db.read(
      `MATCH (o:Organisation {status: 'ACTIVE'})-[:WORKS_ON]->(t:Topic)
       RETURN o.id AS organisation, t.id AS topic ORDER BY o.id LIMIT 1`,
    );
    const sample = rows[0];
    if (!sample) return;
    const repository = new PartnersRepository(db);
    for (const mode of [MatchMode.SIMILAR, MatchMode.COMPLEMENTARY]) {
      for (const topic of [null, String(sample.topic)]) {
        await repository.suggest({
          organisation: String(sample.organisation),
          topic,
          place: undefined,
          mode,
          first: 10,
          includeExisting: false,
          weights: { ...DEFAULT_WEIGHTS },
        });
      }
    }
    logger.info({ ms: Date.now() - started }, "partner query plans warmed up");
  } catch (error) {
    logger.warn({ err: error }, "warming up the partner query failed; the first requests may be slow");
  } finally {
    await db.close();
  }
}
