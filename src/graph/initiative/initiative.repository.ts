import { nameKey } from "../../domain";
import { ABOUT_TOPIC, ConditionBuilder, NAME_CONTAINS } from "../common/condition.builder";
import type { ListCondition } from "../common/root.loader";

/** The initiatives list's filter (ids already parsed) as Cypher over `n`. */
export function initiativeListCondition(filter: {
  topic: string | null;
  kind: string | null;
  participant: string | null;
  name: string | null;
}): ListCondition {
  return new ConditionBuilder()
    .when(filter.topic, "topic", ABOUT_TOPIC)
    .when(filter.kind, "kind", "n.kind = $kind")
    .when(
      filter.participant,
      "participant",
      "EXISTS { (n)<-[:PARTICIPATES_IN]-(:Organisation {id: $participant}) }",
    )
    .when(filter.name, "name", NAME_CONTAINS, nameKey)
    .build();
}
