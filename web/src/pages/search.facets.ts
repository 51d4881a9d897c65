/** Facets of the Zoeken page: which filters exist, and how to count and apply them to search hits. */

export const FACETS = [
  { id: "provincie", label: "Provincie" },
  { id: "onderwerp", label: "Onderwerp" },
  { id: "soort", label: "Soort organisatie" },
  { id: "aandoening", label: "Aandoening of doelgroep" },
] as const;

export type FacetId = (typeof FACETS)[number]["id"];
export type FacetSelection = Partial<Record<FacetId, string>>;
export interface FacetValue {
  value: string;
  label: string;
  count: number;
}
export type FacetCounts = Record<FacetId, FacetValue[]>;

/** What an organisation hit offers to the facets. */
export interface FacetedOrganisation {
  kind: string;
  topics: { key: string; name: string }[];
  conditions: { key: string; name: string }[];
  places: (
    | { __typename: "Municipality"; province?: { code: string; name: string } | null }
    | { __typename: "Province"; code: string; name: string }
  )[];
}

function valuesOf(org: FacetedOrganisation): Record<FacetId, Map<string, string>> {
  const provinces = new Map<string, string>();
  for (const place of org.places) {
    if (place.__typename === "Province") provinces.set(place.code, place.name);
    else if (place.province) provinces.set(place.province.code, place.province.name);
  }
  return {
    provincie: provinces,
    onderwerp: new Map(org.topics.map((t) => [t.key, t.name])),
    soort: new Map([[org.kind, org.kind]]),
    aandoening: new Map(org.conditions.map((c) => [c.key, c.name])),
  };
}

export function matchesSelection(org: FacetedOrganisation, selection: FacetSelection): boolean {
  const values = valuesOf(org);
  return FACETS.every(({ id }) => {
    const chosen = selection[id];
    return !chosen || values[id].has(chosen);
  });
}

/**
 * Counts per facet value over the hits that match the other facets' choices (the usual drill-down:
 * a facet's own choice does not hide its alternatives), most first.
 */
export function countFacets(orgs: FacetedOrganisation[], selection: FacetSelection): FacetCounts {
  const counts = {} as FacetCounts;
  for (const { id } of FACETS) {
    const others: FacetSelection = { ...selection, [id]: undefined };
    const tally = new Map<string, FacetValue>();
    for (const org of orgs) {
      if (!matchesSelection(org, others)) continue;
      for (const [value, label] of valuesOf(org)[id]) {
        const entry = tally.get(value) ?? { value, label, count: 0 };
        entry.count += 1;
        tally.set(value, entry);
      }
    }
    counts[id] = [...tally.values()].sort(
      (a, b) => b.count - a.count || a.label.localeCompare(b.label, "nl"),
    );
  }
  return counts;
}
