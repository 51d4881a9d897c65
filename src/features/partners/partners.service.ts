import type { Queryable } from "../../db/database";
import { notFound } from "../../errors";
import type { ResolvedPlace } from "../../graph/place/place.repository";
import { toSuggestion } from "./partners.explain";
import { PartnersRepository } from "./partners.repository";
import type { MatchMode, MatchWeights } from "./partners.scoring";
import type { PartnerSuggestion } from "./partners.type";

export interface SuggestInput {
  organisation: string;
  topic: string | null;
  place: ResolvedPlace | undefined;
  mode: MatchMode;
  first: number;
  includeExisting: boolean;
  weights: MatchWeights;
}

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
  return result.suggestions.map((row, i) => toSuggestion(row, i + 1, context));
}
