import {
  ArrayMaxSize,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  type ValidationOptions,
} from "class-validator";
import { PLACE_CODE } from "../../domain";
import { UserErrorCode } from "./user-error.type";

/** Input rules shared by the mutations: every string has a length limit, none carries control characters. */

// C0 controls other than tab, line feed and carriage return, and DEL.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function apply(...decorators: PropertyDecorator[]): PropertyDecorator {
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
