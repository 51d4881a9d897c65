import { registerEnumType } from "type-graphql";

/** The values of an enum object made by `graphEnum`, as a type (`type Scope = EnumOf<typeof Scope>`). */
export type EnumOf<E> = E[keyof E];

/** Registers an existing enum object as a GraphQL enum; `values` gives the values' descriptions. */
export function describeEnum(
  enumObject: object,
  name: string,
  description?: string,
  values: Record<string, string | null> = {},
): void {
  const valuesConfig = Object.fromEntries(
    Object.entries(values).flatMap(([value, text]) => (text ? [[value, { description: text }]] : [])),
  );
  registerEnumType(enumObject, { name, description, valuesConfig });
}

/**
 * A GraphQL enum written once: each value (its own name) with its description or null. Returns the
 * value object (`Scope.LOCAL === "LOCAL"`), so one declaration serves TypeScript and the schema.
 */
export function graphEnum<K extends string>(
  name: string,
  values: Record<K, string | null>,
  description?: string,
): { readonly [V in K]: V } {
  const enumObject = Object.fromEntries(Object.keys(values).map((value) => [value, value]));
  describeEnum(enumObject, name, description, values);
  return enumObject as { readonly [V in K]: V };
}
