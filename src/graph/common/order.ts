import { Field, InputType } from "type-graphql";
import type { Ordering } from "./node.repository";
import { type EnumOf, graphEnum } from "./graph-enum";

export const OrderDirection = graphEnum("OrderDirection", { ASC: null, DESC: null });
export type OrderDirection = EnumOf<typeof OrderDirection>;

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
