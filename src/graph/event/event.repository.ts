import { ABOUT_TOPIC, ConditionBuilder } from "../common/condition.builder";
import type { ListCondition } from "../common/root.loader";

/** The events list's filter (references already parsed and resolved) as Cypher over `n`. */
export function eventListCondition(filter: {
  topic: string | null;
  initiative: string | null;
  municipality: string | null;
}): ListCondition {
  return new ConditionBuilder()
    .when(filter.topic, "topic", ABOUT_TOPIC)
    .when(filter.initiative, "initiative", "EXISTS { (n)-[:PART_OF]->(:Initiative {id: $initiative}) }")
    .when(
      filter.municipality,
      "municipality",
      "EXISTS { (n)-[:HELD_IN]->(:Municipality {code: $municipality}) }",
    )
    .build();
}
