import { nameKey } from "../../domain";
import { ConditionBuilder, NAME_CONTAINS } from "../common/condition.builder";
import type { ListCondition } from "../common/root.loader";

/** Sort expressions of the topics list. */
export const TOPIC_ORDER_EXPRESSIONS = {
  NAME: "n.sortKey",
  ORGANISATION_COUNT: "COUNT { (n)<-[:WORKS_ON]-(:Organisation) }",
  EXPERIENCE_COUNT: "COUNT { (n)<-[:ABOUT]-(:Experience) }",
} as const;

/** The topics list's filter (ids already parsed) as Cypher over `n`. */
export function topicListCondition(filter: {
  name: string | null;
  broader: string | null;
  rootsOnly: boolean;
}): ListCondition {
  return new ConditionBuilder()
    .when(filter.name, "name", NAME_CONTAINS, nameKey)
    .when(filter.broader, "broader", "EXISTS { (n)-[:SUBTOPIC_OF]->(:Topic {id: $broader}) }")
    .whenTrue(filter.rootsOnly, "NOT EXISTS { (n)-[:SUBTOPIC_OF]->() }")
    .build();
}
