import {
  ArrayMaxSize,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  type ValidationOptions,
} from "class-validator";
import { Field, ID } from "type-graphql";
import { MUNICIPALITY_CODE, PLACE_CODE } from "../../domain";
import { UserErrorCode } from "./user-error.type";

/** Input rules shared by the mutations: every string has a length limit, none carries control characters. */

// C0 controls other than tab, line feed and carriage return, and DEL.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function apply(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((d) => d(target, key));
}

const code = (c: UserErrorCode): ValidationOptions => ({ context: { code: c } });

/** A text of at most `max` characters; `required` texts may not be blank. Stored verbatim. */
export function Text(max: number, options: { required?: boolean } = {}): PropertyDecorator {
  return apply(
    IsString({ message: "$property must be text", ...code(UserErrorCode.INVALID) }),
    MaxLength(max, {
      message: `$property is longer than ${max} characters`,
      ...code(UserErrorCode.TOO_LONG),
    }),
    ValidateBy(
      {
        name: "noControlCharacters",
        validator: {
          validate: (value: unknown) => typeof value !== "string" || !CONTROL.test(value),
          defaultMessage: () => "$property contains control characters",
        },
      },
      code(UserErrorCode.INVALID),
    ),
    ...(options.required
      ? [Matches(/\S/, { message: "$property must not be blank", ...code(UserErrorCode.REQUIRED) })]
      : []),
  );
}

/** A list of node ids (keys or global ids): at most `max`, each at most 200 characters. */
export function IdList(max: number): PropertyDecorator {
  return apply(
    ArrayMaxSize(max, { message: `$property holds more than ${max} items`, ...code(UserErrorCode.TOO_LONG) }),
    MaxLength(200, { each: true, message: "$property holds an id longer than 200 characters" }),
  );
}

/** A list of place codes (CBS municipality GM0000 or province PV00). */
export function PlaceCodeList(max: number): PropertyDecorator {
  return apply(
    ArrayMaxSize(max, {
      message: `$property holds more than ${max} places`,
      ...code(UserErrorCode.TOO_LONG),
    }),
    Matches(PLACE_CODE, { each: true, message: "$property must hold CBS codes (GM0363, PV27)" }),
  );
}

/** A calendar day YYYY-MM-DD that exists. */
export function Day(): PropertyDecorator {
  return ValidateBy(
    {
      name: "isDay",
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
          const date = new Date(`${value}T00:00:00Z`);
          return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
        },
        defaultMessage: () => "$property must be a date YYYY-MM-DD",
      },
    },
    code(UserErrorCode.INVALID),
  );
}

/** Keys as global-id.ts accepts them. */
export const KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/*
 * Input fields that several mutation inputs declare alike: the GraphQL field and its rules in one
 * decorator, so that a rule (a length, a pattern, a message) is written once for every input.
 */

interface FieldOptions {
  /** Optional in GraphQL (absent: unchanged; null: cleared, where the mutation allows it). */
  nullable?: boolean;
  description?: string;
}

/** A text field: at most `max` characters, no control characters; `required` texts may not be blank. */
export function TextField(
  max: number,
  options: FieldOptions & { required?: boolean } = {},
): PropertyDecorator {
  const { nullable, description, required } = options;
  return apply(
    Field(() => String, { nullable, description }),
    Text(max, { required }),
  );
}

/** The readable key a create may ask for; by default a slug of the `sluggedFrom` field. */
export function NewKeyField(sluggedFrom: "name" | "title"): PropertyDecorator {
  return apply(
    Field(() => ID, { nullable: true, description: `Readable key; default: a slug of the ${sluggedFrom}.` }),
    MaxLength(128),
    Matches(KEY, { message: "id may hold letters, digits, '-' and '_' only" }),
  );
}

/** What a create does when its id is taken. */
export function SuffixOnCollisionField(): PropertyDecorator {
  return Field(() => Boolean, {
    defaultValue: false,
    description: "When the id is taken, append a short random suffix.",
  });
}

/** Where the facts come from: every writable node type carries one. */
export function SourceField(
  description = "Where the facts come from (URL or description).",
): PropertyDecorator {
  return TextField(500, { nullable: true, description });
}

/** A reference to one node by id or global id (absent: unchanged, null: none). */
export function ReferenceField(description: string, options: { nullable?: boolean } = {}): PropertyDecorator {
  return apply(
    Field(() => ID, { nullable: options.nullable ?? true, description }),
    MaxLength(200),
  );
}

/** A list of references (topics, conditions) of at most `max` ids. */
export function ReferenceListField(max: number, description: string): PropertyDecorator {
  return apply(
    Field(() => [ID], { nullable: true, description }),
    IdList(max),
  );
}

/** A list of CBS place codes (municipalities and provinces) of at most `max` codes. */
export function PlaceCodesField(
  max: number,
  description: string,
  options: FieldOptions = {},
): PropertyDecorator {
  return apply(
    Field(() => [String], { nullable: options.nullable ?? true, description }),
    PlaceCodeList(max),
  );
}

/** One CBS municipality code (GM0363). */
export function MunicipalityCodeField(description: string): PropertyDecorator {
  return apply(
    Field(() => String, { nullable: true, description }),
    Matches(MUNICIPALITY_CODE, { message: "$property must be a CBS municipality code (GM0363)" }),
  );
}

/** A calendar day YYYY-MM-DD. */
export function DayField(): PropertyDecorator {
  return apply(
    Field(() => String, { nullable: true, description: "ISO date YYYY-MM-DD." }),
    Day(),
  );
}
