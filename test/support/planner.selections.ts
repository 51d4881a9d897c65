import fc from "fast-check";
import { CATALOGUE, type PlannedType, type Target } from "../../src/planner/planner.catalogue";

/**
 * Generated selections for the planner's equivalence tests: scalar fields, relations three levels deep,
 * aliases, inline fragments, @include/@skip on variables, connections with first/totalCount/pageInfo,
 * and fields the planner leaves to resolvers (so partial plans are compared too).
 */

/** Fields outside the catalogue (or with arguments it does not compile): always resolved by resolvers. */
const RESOLVER_ONLY: Partial<Record<PlannedType, string[]>> = {
  Municipality: [
    "successor { code name }",
    "topics(first: 3) { topic { key } organisationCount experienceCount }",
  ],
  Initiative: ["participants(first: 3, role: COORDINATOR) { totalCount edges { role node { key } } }"],
  Topic: ["organisations(first: 3, includeSubtopics: false) { totalCount edges { node { key } } }"],
  Experience: ["from { ... on Initiative { key } ... on Event { key } }"],
};

const directive = fc.constantFrom(
  "",
  "",
  "",
  " @include(if: $yes)",
  " @skip(if: $yes)",
  " @include(if: $no)",
);
const alias = (name: string) => fc.constantFrom("", "", `${name}A: `, `${name}B: `);

function scalars(type: PlannedType): fc.Arbitrary<string> {
  const fields = Object.keys(CATALOGUE[type].props);
  return fc
    .subarray(fields, { minLength: 1, maxLength: Math.min(4, fields.length) })
    .chain((picked) =>
      fc.tuple(...picked.map((f) => fc.tuple(alias(f), directive).map(([a, d]) => `${a}${f}${d}`))),
    )
    .map((parts) => parts.join(" "));
}

function placeSelection(): fc.Arbitrary<string> {
  return fc.constantFrom(
    "__typename ... on Municipality { code name } ... on Province { code name }",
    "... on Municipality { code current province { name } } ... on Province { name }",
    "... on Node { id }",
  );
}

export function selection(target: Target, depth: number): fc.Arbitrary<string> {
  if (target === "Place") return placeSelection();
  const type = target;
  const entry = CATALOGUE[type];
  const relations = depth <= 0 ? [] : Object.entries(entry.relations);
  const relationArb =
    relations.length === 0
      ? fc.constant<string[]>([])
      : fc.subarray(relations, { maxLength: Math.min(3, relations.length) }).chain((picked) =>
          picked.length === 0
            ? fc.constant<string[]>([])
            : fc.tuple(
                ...picked.map(([name, field]) =>
                  fc
                    .tuple(
                      alias(name),
                      directive,
                      selection(field.target, depth - 1),
                      fc.integer({ min: 0, max: 4 }),
                      fc.boolean(),
                      fc.boolean(),
                    )
                    .map(([a, d, sub, first, total, info]) => {
                      if (field.kind !== "connection") return `${a}${name}${d} { ${sub} }`;
                      const role = field.edge ? " role" : "";
                      return `${a}${name}(first: ${first})${d} { ${total ? "totalCount " : ""}${info ? "pageInfo { hasNextPage endCursor } " : ""}edges { cursor${role} node { ${sub} } } }`;
                    }),
                ),
              ),
        );
  const only = RESOLVER_ONLY[type] ?? [];
  const extras = only.length === 0 ? fc.constant<string[]>([]) : fc.subarray(only, { maxLength: 1 });
  const key = entry.key === "code" ? "code" : "key";
  return fc.tuple(scalars(type), relationArb, extras, fc.boolean()).map(([s, rels, more, fragment]) => {
    const body = [s, ...rels, ...more.map((m) => `resolverOnly: ${m}`)].join(" ");
    return fragment ? `${key} ... on ${type} { ${body} }` : `${key} ${body}`;
  });
}
