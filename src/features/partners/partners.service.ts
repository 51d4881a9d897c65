import type { Queryable } from "../../db/database";
import { notFound } from "../../errors";
import { tieRanks, toSuggestion } from "./partners.explain";
import { type PartnerQuery, PartnersRepository } from "./partners.repository";
import { PartnerEmptyReason, type PartnerSearchResult, type PartnerSuggestion } from "./partners.type";

/** What a suggestion request asks: the repository's query, resolved. */
export type SuggestInput = PartnerQuery;

/**
 * Partner suggestions for one organisation, explained: one Cypher round trip (plus one for a place by
 * name, resolved by the caller). Shared by the resolver and the evaluation (which runs it inside a
 * transaction that it rolls back).
 */
export async function suggestPartners(db: Queryable, input: SuggestInput): Promise<PartnerSuggestion[]> {
  const result = await new PartnersRepository(db).suggest(input);
  if (!result.organisationFound || !result.asker) {
    throw notFound(`organisation "${input.organisation}" does not exist.`);
  }
  if (!result.topicFound) throw notFound(`topic "${input.topic ?? ""}" does not exist.`);
  const context = { asker: result.asker, mode: input.mode, weights: input.weights, total: result.total };
  const places = tieRanks(result.suggestions.map((row) => row.score));
  return result.suggestions.map((row, i) =>
    toSuggestion(row, places[i] ?? { rank: i + 1, tiedWith: 0 }, context),
  );
}

const EMPTY_TEXTS: Record<PartnerEmptyReason, string> = {
  [PartnerEmptyReason.ALL_ALREADY_PARTNERS]:
    "Alle organisaties die hierbij passen, werken al met jullie samen in een initiatief. Vraag opnieuw met includeExisting om ze toch te zien.",
  [PartnerEmptyReason.NONE_IN_PLACE]:
    "Er zijn wel organisaties die passen, maar geen ervan werkt in deze plaats of landelijk. Probeer een grotere plaats of laat de plaats weg.",
  [PartnerEmptyReason.NOBODY_ELSE_ON_TOPIC]:
    "Geen andere actieve organisatie in de kennisgraaf werkt aan dit onderwerp of een onderdeel ervan.",
  [PartnerEmptyReason.NOTHING_TO_COMPARE]:
    "Van jullie organisatie staan nog geen onderwerpen, partners, bijeenkomsten of ervaringen in de kennisgraaf. Er is dus niets om mee te vergelijken.",
  [PartnerEmptyReason.NOTHING_SHARED]:
    "Geen andere organisatie deelt een onderwerp, partner, bijeenkomst of ervaring met jullie.",
};

/**
 * The suggestions, and when there are none, why: a few cheap extra round trips, only for an empty answer
 * (with existing partners, without the place, the facts of the asker and the topic).
 */
export async function searchPartners(db: Queryable, input: SuggestInput): Promise<PartnerSearchResult> {
  const suggestions = await suggestPartners(db, input);
  const result = (emptyReason: PartnerEmptyReason | null): PartnerSearchResult => ({
    suggestions,
    emptyReason,
    emptyExplanation: emptyReason ? EMPTY_TEXTS[emptyReason] : null,
  });
  if (suggestions.length > 0) return result(null);
  if (!input.includeExisting) {
    const withExisting = await suggestPartners(db, { ...input, includeExisting: true, first: 1 });
    if (withExisting.length > 0) return result(PartnerEmptyReason.ALL_ALREADY_PARTNERS);
  }
  if (input.place) {
    const anywhere = await suggestPartners(db, { ...input, place: undefined, first: 1 });
    if (anywhere.length > 0) return result(PartnerEmptyReason.NONE_IN_PLACE);
  }
  const facts = await new PartnersRepository(db).emptyFacts(input.organisation, input.topic);
  if (facts.othersOnTopic === 0) return result(PartnerEmptyReason.NOBODY_ELSE_ON_TOPIC);
  if (!facts.askerHasAnything) return result(PartnerEmptyReason.NOTHING_TO_COMPARE);
  return result(PartnerEmptyReason.NOTHING_SHARED);
}
