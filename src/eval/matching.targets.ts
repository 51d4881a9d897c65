import { MatchMode } from "../features/partners/partners.scoring";
import type { Ask, GraphView } from "./matching.holdout";
import type { OrganisationFacts } from "./matching.repository";

/**
 * The per-mode target definition of docs/decisions/0058: a COMPLEMENTARY target must be a fellow member
 * from another world, so that the metric can see what the mode is for. SIMILAR keeps all fellow members.
 * "World" is read from the graph the ask was made in (the held-out view), never from missing data.
 */

/** Works across conditions: shares a world with every condition group except a target group. */
const ACROSS = "overkoepelend";
const TARGET_GROUP = "doelgroep";

function groupsOverlap(a: string[], b: string[]): boolean {
  const bs = new Set(b);
  if (a.some((g) => bs.has(g))) return true;
  const across = (x: string[], y: string[]): boolean =>
    x.includes(ACROSS) && y.some((g) => g !== TARGET_GROUP);
  return across(a, b) || across(b, a);
}

/**
 * The kind families of 0058's amendment (session 7b), by the role an organisation plays in a collaboration.
 * Deliberately not the product's KIND_WORLDS: targets defined by what the product rewards would copy it.
 */
export const KIND_FAMILIES: Readonly<Record<string, string>> = Object.freeze({
  patiëntenvereniging: "people concerned",
  belangenvereniging: "people concerned",
  ouderenbond: "people concerned",
  "afdeling ouderenbond": "people concerned",
  adviesraad: "people concerned",
  bewonersorganisatie: "people concerned",
  zorgcoöperatie: "people concerned",
  stichting: "people concerned",
  koepel: "koepels",
  kennisinstituut: "knowledge and profession",
  beroepsvereniging: "knowledge and profession",
  gemeente: "government",
  overheid: "government",
  welzijnsorganisatie: "care, support and funds",
  cliëntondersteuning: "care, support and funds",
  vrijwilligersorganisatie: "care, support and funds",
  fonds: "care, support and funds",
  zorgaanbieder: "care, support and funds",
});

/** A kind outside the table is its own family. */
export function familyOf(kind: string): string {
  return KIND_FAMILIES[kind] ?? kind;
}

/**
 * What sets two organisations in different worlds: `family` (the headline of 0058's amendment), `kind`
 * (0058 as first written, kinds compared literally) or `conditions` only (condition groups that do not meet).
 */
export type WorldRule = "family" | "kind" | "conditions";

function conditionsApart(
  a: Pick<OrganisationFacts, "conditionGroups">,
  b: Pick<OrganisationFacts, "conditionGroups">,
): boolean {
  if (a.conditionGroups.length === 0 || b.conditionGroups.length === 0) return false;
  return !groupsOverlap(a.conditionGroups, b.conditionGroups);
}

/**
 * Another world: another kind (or family) of organisation, or condition groups that do not meet. An
 * organisation without conditions has no condition world, so only its kind can set it apart.
 */
export function otherWorld(
  a: Pick<OrganisationFacts, "kind" | "conditionGroups">,
  b: Pick<OrganisationFacts, "kind" | "conditionGroups">,
  rule: WorldRule = "kind",
): boolean {
  if (rule === "kind" && a.kind !== b.kind) return true;
  if (rule === "family" && familyOf(a.kind) !== familyOf(b.kind)) return true;
  return conditionsApart(a, b);
}

/**
 * The asks under the per-mode definition: COMPLEMENTARY targets kept only when they are in another world
 * than the asker (an ask left without targets is dropped); SIMILAR asks unchanged.
 */
export function perModeTargets(
  asks: Ask[],
  viewOf: (group: string) => GraphView | undefined,
  rule: WorldRule = "kind",
): Ask[] {
  const facts = new Map<string, Map<string, OrganisationFacts>>();
  const factsOf = (group: string): Map<string, OrganisationFacts> => {
    let m = facts.get(group);
    if (!m) {
      m = new Map((viewOf(group)?.facts ?? []).map((f) => [f.id, f]));
      facts.set(group, m);
    }
    return m;
  };
  return asks.flatMap((ask) => {
    if (ask.mode !== MatchMode.COMPLEMENTARY) return [ask];
    const byId = factsOf(ask.group);
    const asker = byId.get(ask.asker);
    if (!asker) return [];
    const far = (t: string): boolean => {
      const target = byId.get(t);
      return target !== undefined && otherWorld(asker, target, rule);
    };
    const targets = ask.targets.filter(far);
    // The fellow members of the asker's own world stay out of the list, as every fellow member does.
    const fellows = [...(ask.fellows ?? []), ...ask.targets.filter((t) => !far(t))];
    return targets.length > 0 ? [{ ...ask, targets, fellows }] : [];
  });
}
