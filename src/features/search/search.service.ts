import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../../context";
import { type NodeType, closestName, nameKey } from "../../domain";
import { badInput } from "../../errors";
import { pageWindow, toConnection } from "../../graph/common/connection.type";
import { encodeCursor } from "../../graph/common/cursor";
import { nodeFrom } from "../../graph/node/node.mappers";
import { SearchRepository, toLuceneTerms } from "./search.repository";
import { searchProperties } from "./search.selection";
import {
  LABEL_OF,
  type SearchArgs,
  type SearchNode,
  SearchResultConnection,
  SearchType,
} from "./search.type";

/** Fewer hits than this and the answer suggests a spelling ("bedoelde u …?"). */
export const FEW_HITS = 3;

/** The words of a text as the vocabulary keeps them: nameKey form, letters and digits only. */
export function words(text: string): string[] {
  return nameKey(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The Lucene query for free text with typos tolerated: each word as typed (the Dutch analyzer stems
 * it), and a word the graph's vocabulary does not know also as a fuzzy term (`~`, up to two edits on
 * the indexed terms) and as the closest known word ("toilleten" → "toiletten"), so that exact matches
 * still rank first. Returns the query and the corrected words.
 */
export function typoTolerantQuery(
  terms: readonly string[],
  vocabulary: ReadonlySet<string>,
  candidates: readonly string[],
): { query: string; corrections: Map<string, string> } {
  const corrections = new Map<string, string>();
  const parts = terms.map((term) => {
    const key = words(term).join("");
    if (key.length < 4 || vocabulary.has(key)) return term;
    const closest = closestName(key, candidates);
    if (closest && closest !== key) corrections.set(term, closest);
    return `(${term} OR ${key}~${closest && closest !== key ? ` OR ${closest}` : ""})`;
  });
  return { query: parts.join(" "), corrections };
}

/** "Bedoelde u …?": the text with its corrected words, or null when nothing was corrected. */
export function didYouMean(
  terms: readonly string[],
  corrections: ReadonlyMap<string, string>,
): string | null {
  if (corrections.size === 0) return null;
  return terms.map((t) => corrections.get(t) ?? t).join(" ");
}

/** The result type of a hit: the search type whose label the node carries. */
function typeOf(labels: string[]): SearchType {
  const entry = (Object.entries(LABEL_OF) as [SearchType, NodeType][]).find(([, label]) =>
    labels.includes(label),
  );
  return entry ? entry[0] : SearchType.ORGANISATION;
}

/** Full-text search: the text as typed first, typo tolerance when it finds few hits, ranked edges. */
export class SearchService {
  constructor(private readonly ctx: Context) {}

  /** `info` lets the query read only the selected properties of the hits (all of them without it). */
  async search(args: SearchArgs, info?: GraphQLResolveInfo): Promise<SearchResultConnection> {
    const cursorName = `search:${args.text}`;
    const window = pageWindow(cursorName, args);
    const terms = toLuceneTerms(args.text);
    if (terms.length === 0) throw badInput("text must contain at least one word.", "text");
    const types = new Set<SearchType>(args.types?.length ? args.types : Object.values(SearchType));
    const repository = this.ctx.repo(SearchRepository);
    const nodeTypes = [...types].map((t) => LABEL_OF[t]);
    // Every type: the index covers exactly these labels, so the hits need no label filter.
    const labels = types.size === Object.values(SearchType).length ? null : nodeTypes;
    const properties = info ? searchProperties(info, nodeTypes) : null;
    let result = await repository.search(terms.join(" "), labels, window, properties);
    let corrections = new Map<string, string>();
    if (result.total < FEW_HITS) {
      // Few hits: tolerate typos (fuzzy terms and the closest known words) and suggest a spelling.
      const known = await repository.vocabulary(words);
      const tolerant = typoTolerantQuery(terms, known.words, known.list);
      corrections = tolerant.corrections;
      if (corrections.size > 0 || tolerant.query !== terms.join(" ")) {
        result = await repository.search(tolerant.query, labels, window, properties);
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
