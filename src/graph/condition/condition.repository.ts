import { nameKey } from "../../domain";
import { ConditionBuilder, NAME_CONTAINS } from "../common/condition.builder";
import type { ListCondition } from "../common/root.loader";

/** The conditions list's filter as Cypher over `n`. */
export function conditionListCondition(
  filter: { name?: string | null; group?: string | null } | null | undefined,
): ListCondition {
  return new ConditionBuilder()
    .when(filter?.name, "name", NAME_CONTAINS, nameKey)
    .when(filter?.group, "group", "n.group = $group")
    .build();
}
