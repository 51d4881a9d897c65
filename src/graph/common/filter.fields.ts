import { ArrayMaxSize, MaxLength } from "class-validator";
import { Field } from "type-graphql";
import { Scope } from "./enums";
import { apply } from "./mutation.validators";

/** Filter fields that several filters share: the GraphQL field and its limits in one decorator. */

/** A list of at most `maxItems` strings of at most `maxLength` characters each (ids, kinds, names). */
export function StringListField(
  maxItems: number,
  maxLength: number,
  description?: string,
): PropertyDecorator {
  return apply(
    Field(() => [String], { nullable: true, description }),
    ArrayMaxSize(maxItems),
    MaxLength(maxLength, { each: true }),
  );
}

/** Organisation kinds (Dutch), any of which matches. */
export function KindsField(description: string): PropertyDecorator {
  return StringListField(20, 60, description);
}

/** Organisation scopes, any of which matches. */
export function ScopesField(): PropertyDecorator {
  return apply(
    Field(() => [Scope], { nullable: true }),
    ArrayMaxSize(3),
  );
}

/** Part of a name to look for; the repository compares name keys (case and accents ignored). */
export function NameContainsField(): PropertyDecorator {
  return apply(
    Field(() => String, { nullable: true, description: "Part of the name; case and accents are ignored." }),
    MaxLength(100),
  );
}
