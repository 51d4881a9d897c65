import { SUBTOPIC_STEP } from "../../domain";
import type { ListCondition } from "./root.loader";

/** Cypher conditions shared by several lists (over `n`). */
export const ABOUT_TOPIC = `EXISTS { (n)-[:ABOUT]->(:Topic)-${SUBTOPIC_STEP}->(:Topic {id: $topic}) }`;
export const NAME_CONTAINS = "n.nameKey CONTAINS $name";

/**
 * Builds a list condition from optional filter values: each given value becomes a parameter and its
 * clause joins the conjunction; absent values add nothing.
 */
export class ConditionBuilder {
  private readonly parts: string[] = [];
  private readonly params: Record<string, unknown> = {};

  when<T>(
    value: T | null | undefined,
    param: string,
    clause: string,
    transform: (v: T) => unknown = (v) => v,
  ): this {
    if (value === null || value === undefined || value === "" || value === false) return this;
    this.params[param] = transform(value);
    this.parts.push(clause);
    return this;
  }

  /** A clause without a parameter, added when `flag` holds. */
  whenTrue(flag: boolean | null | undefined, clause: string): this {
    if (flag) this.parts.push(clause);
    return this;
  }

  build(): ListCondition {
    return { where: this.parts.join(" AND ") || "true", params: this.params };
  }
}
