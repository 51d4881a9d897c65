import { Args, Ctx, Query, Resolver } from "type-graphql";
import type { ComplexityEstimatorArgs } from "graphql-query-complexity";
import type { Context } from "../../context";
import { badInput } from "../../errors";
import { parseKey } from "../../graph/common/global-id";
import { PlaceRepository } from "../../graph/place/place.repository";
import { PartnerSuggestionsArgs } from "./partners.args";
import { DEFAULT_WEIGHTS, FIRST_DEFAULT, FIRST_MAX, effectiveWeights } from "./partners.scoring";
import { searchPartners, type SuggestInput, suggestPartners } from "./partners.service";
import { PartnerSearchResult, PartnerSuggestion } from "./partners.type";

/** Scoring a whole neighbourhood costs more than a lookup; each suggestion costs its selection. */
function suggestionsComplexity({ args, childComplexity }: ComplexityEstimatorArgs): number {
  const first = typeof args.first === "number" ? Math.min(Math.max(args.first, 1), FIRST_MAX) : FIRST_DEFAULT;
  return 10 + first * Math.max(childComplexity, 1);
}

@Resolver()
export class PartnersResolver {
  @Query(() => [PartnerSuggestion], {
    complexity: suggestionsComplexity,
    description: `Organisations worth partnering with, best first, each with its reasons: the score is the sum of five named components (weight × value, values 0..1), default weights topics ${DEFAULT_WEIGHTS.topics}, geography ${DEFAULT_WEIGHTS.geography}, conditions ${DEFAULT_WEIGHTS.conditions}, network ${DEFAULT_WEIGHTS.network}, proximity ${DEFAULT_WEIGHTS.proximity} (see PartnerComponentName). Candidates: active organisations other than the asker that share a topic, a partner, an event, an experience or (SIMILAR) a condition; organisations already in a common initiative only with includeExisting. Every suggestion carries the shared topics and places, the graph paths behind it and a Dutch explanation.`,
  })
  async partnerSuggestions(
    @Args(() => PartnerSuggestionsArgs) args: PartnerSuggestionsArgs,
    @Ctx() ctx: Context,
  ): Promise<PartnerSuggestion[]> {
    return suggestPartners(ctx.db, await input(args, ctx));
  }

  @Query(() => PartnerSearchResult, {
    complexity: suggestionsComplexity,
    description:
      "The same as partnerSuggestions (same arguments, same suggestions), and when there are none a coded reason with a Dutch explanation (emptyReason, emptyExplanation): for instance that every organisation that fits already works with the asker.",
  })
  async partnerSearch(
    @Args(() => PartnerSuggestionsArgs) args: PartnerSuggestionsArgs,
    @Ctx() ctx: Context,
  ): Promise<PartnerSearchResult> {
    return searchPartners(ctx.db, await input(args, ctx));
  }
}

async function input(args: PartnerSuggestionsArgs, ctx: Context): Promise<SuggestInput> {
  const organisation = parseKey("Organisation", args.organisation, "organisation");
  const topic = args.topic == null ? null : parseKey("Topic", args.topic, "topic");
  const weights = effectiveWeights(args.weights);
  if (Object.values(weights).every((w) => w === 0)) {
    throw badInput("weights: at least one weight must be above 0.", "weights");
  }
  const place = await ctx.repo(PlaceRepository).resolve(args.place);
  return {
    organisation,
    topic,
    place,
    mode: args.mode,
    first: args.first,
    includeExisting: args.includeExisting,
    weights,
  };
}
