import { ABOUT_TOPIC, ConditionBuilder } from "../common/condition.builder";
import type { ListCondition } from "../common/root.loader";

/** The experiences list's filter (ids already parsed) as Cypher over `n`. */
export function experienceListCondition(filter: {
  topic: string | null;
  kind: string | null;
  sharedBy: string | null;
  condition: string | null;
}): ListCondition {
  return new ConditionBuilder()
    .when(filter.topic, "topic", ABOUT_TOPIC)
    .when(filter.kind, "kind", "n.kind = $kind")
    .when(filter.sharedBy, "sharedBy", "EXISTS { (n)<-[:SHARED]-(:Organisation {id: $sharedBy}) }")
    .when(filter.condition, "condition", "EXISTS { (n)-[:CONCERNS]->(:Condition {id: $condition}) }")
    .build();
}
