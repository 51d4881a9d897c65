import { Field, InputType, registerEnumType } from "type-graphql";
import type { Ordering } from "./node.repository";

export enum OrderDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(OrderDirection, { name: "OrderDirection" });

/** Builds the `orderBy` input of a root list over the given field enum. */
export function OrderByInput<F extends Record<string, string>>(
  fieldEnum: F,
  name: string,
  defaultField: F[keyof F],
) {
  @InputType(name)
  class OrderBy {
    @Field(() => fieldEnum, { defaultValue: defaultField })
    field!: F[keyof F];

    @Field(() => OrderDirection, { nullable: true, description: "Default: ASC for names, DESC for counts." })
    direction?: OrderDirection | null;
  }
  return OrderBy;
}

/** An ordering of a root list: names ascend by default, counts descend. */
export function orderingOf(
  field: string,
  expression: string,
  direction: string | null | undefined,
  nameField: string,
): Ordering {
  const descending = direction ? direction === "DESC" : field !== nameField;
  return { name: `${field.toLowerCase()}:${descending ? "desc" : "asc"}`, expression, descending };
}
