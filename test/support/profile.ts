import type { Database } from "../../src/db/database";

/** One operator of a PROFILE plan, as neo4j-driver reports it. */
export interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  dbHits: number;
  rows: number;
  children: PlanNode[];
}

/** Every operator of a plan, the root first. */
export const planOperators = (plan: PlanNode): PlanNode[] => [plan, ...plan.children.flatMap(planOperators)];

/** A plan operator's details text (index names, predicates). */
export const planDetails = (op: PlanNode): string => String(op.arguments.Details ?? "");

/** The db hits of a whole plan. */
export const planDbHits = (plan: PlanNode): number => planOperators(plan).reduce((n, o) => n + o.dbHits, 0);

/** Runs the statement with PROFILE and returns its plan. */
export async function profileStatement(
  db: Database,
  statement: { cypher: string; params: Record<string, unknown> },
): Promise<PlanNode> {
  const result = await db.driver.executeQuery(`PROFILE ${statement.cypher}`, statement.params);
  return result.summary.profile as unknown as PlanNode;
}
