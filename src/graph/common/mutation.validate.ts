import { type ValidationError, validate } from "class-validator";
import { UserErrorCode, type UserError, userError } from "./user-error.type";

const TOO_LONG = new Set(["maxLength", "arrayMaxSize", "max"]);
const PRIORITY: UserErrorCode[] = [UserErrorCode.TOO_LONG, UserErrorCode.REQUIRED, UserErrorCode.INVALID];

/**
 * Runs the class-validator rules of a mutation input and returns them as user errors (the mutation's
 * arguments are declared with `validate: false` so that type-graphql does not throw first). Missing
 * optional values are skipped; a rule can name its code in `context: { code }`.
 */
export async function validateInput(input: object, path: string): Promise<UserError[]> {
  return flatten(await ruleViolations(input), path);
}

/**
 * The class-validator rules of an input or argument object, run the one way every entry uses them:
 * absent (null) optional fields are not checked, as GraphQL does not check them either.
 */
export function ruleViolations(input: object): Promise<ValidationError[]> {
  return validate(input, {
    skipMissingProperties: true,
    forbidUnknownValues: false,
    validationError: { target: false, value: false },
  });
}

function flatten(errors: ValidationError[], path: string): UserError[] {
  return errors.flatMap((error) => {
    const field = `${path}.${error.property}`;
    // One error per field: the most telling one (too long before blank before malformed).
    const own = Object.entries(error.constraints ?? {})
      .map(([name, message]) => {
        const context = error.contexts?.[name] as { code?: UserErrorCode } | undefined;
        const code = context?.code ?? (TOO_LONG.has(name) ? UserErrorCode.TOO_LONG : UserErrorCode.INVALID);
        return userError(field, code, message);
      })
      .sort((a, b) => PRIORITY.indexOf(a.code) - PRIORITY.indexOf(b.code))
      .slice(0, 1);
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
