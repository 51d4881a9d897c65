import { Args, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { badInput } from "../../errors";
import { connectionComplexity, pageWindow, toConnection } from "../../graph/common/connection.type";
import { encodeCursor } from "../../graph/common/cursor";
import type { NodeType } from "../../domain";
import { nodeFrom } from "../../graph/node/node.mappers";
import { SearchRepository, toLuceneTerms } from "./search.repository";
import { FEW_HITS, didYouMean, typoTolerantQuery, words } from "./search.service";
import { LABEL_OF, SearchArgs, type SearchNode, SearchResultConnection, SearchType } from "./search.type";

/** The result type of a hit: the search type whose label the node carries. */
function typeOf(labels: string[]): SearchType {
  const entry = (Object.entries(LABEL_OF) as [SearchType, NodeType][]).find(([, label]) =>
    labels.includes(label),
  );
  return entry ? entry[0] : SearchType.ORGANISATION;
}

@Resolver()
export class SearchResolver {
  @Query(() => SearchResultConnection, {
    complexity: connectionComplexity,
    description:
      "Ranked full-text search (Dutch analyzer) over organisations, topics, initiatives, experiences, events and conditions.",
  })
  async search(
    @Args(() => SearchArgs) args: SearchArgs,
    @Ctx() ctx: Context,
  ): Promise<SearchResultConnection> {
    const cursorName = `search:${args.text}`;
    const window = pageWindow(cursorName, args);
    const terms = toLuceneTerms(args.text);
    if (terms.length === 0) throw badInput("text must contain at least one word.", "text");
    const types = args.types?.length ? args.types : Object.values(SearchType);
    const repository = ctx.repo(SearchRepository);
    const labels = types.map((t) => LABEL_OF[t]);
    let result = await repository.search(terms.join(" "), labels, window);
    let corrections = new Map<string, string>();
    if (result.total < FEW_HITS) {
      // Few hits: tolerate typos (fuzzy terms and the closest known words) and suggest a spelling.
      const known = await repository.vocabulary(words);
      const tolerant = typoTolerantQuery(terms, known.words, known.list);
      corrections = tolerant.corrections;
      if (corrections.size > 0 || tolerant.query !== terms.join(" ")) {
        result = await repository.search(tolerant.query, labels, window);
      }
    }
    const edges = result.items.map((hit) => {
      const type = typeOf(hit.labels);
      return {
        node: nodeFrom(LABEL_OF[type], hit.node) as SearchNode,
        type,
        score: Math.round(hit.score * 10000) / 10000,
        cursor: encodeCursor(cursorName, { value: hit.score, key: hit.tie }),
      };
    });
    const connection = toConnection(SearchResultConnection, edges, result, async () => result.total);
    connection.didYouMean = didYouMean(terms, corrections);
    return connection;
  }
}
