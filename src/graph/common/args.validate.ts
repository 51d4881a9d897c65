import type { ValidationError } from "class-validator";
import { badInput } from "../../errors";
import { ruleViolations } from "./mutation.validate";

function first(errors: ValidationError[], path: string): { path: string; message: string } | undefined {
  for (const error of errors) {
    const at = `${path}.${error.property}`;
    const message = Object.values(error.constraints ?? {})[0];
    if (message) return { path: at, message };
    const nested = first(error.children ?? [], at);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * Checks an argument object (an instance of a type-graphql input class) against its class-validator
 * rules and throws BAD_USER_INPUT naming the first offending field. GraphQL runs the same rules before
 * a resolver; this lets the HTTP export (and any other entry) run exactly the same code.
 */
export async function checkArgs<T extends object>(value: T, argument: string): Promise<T> {
  const problem = first(await ruleViolations(value), argument);
  if (problem) throw badInput(`${problem.path}: ${problem.message}.`, problem.path);
  return value;
}
