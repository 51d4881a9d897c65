import type { Queryable } from "../../db/database";
import { type Page, type PageWindow, pageOf } from "../../graph/common/connection.type";
import { type Props, windowParams } from "../../graph/common/node.repository";

export interface SearchHitRow {
  node: Props;
  labels: string[];
  score: number;
  /** Name (Dutch sort key), then type and key: ties in score read alphabetically. */
  tie: string;
}

const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g;

/** Turns free text into Lucene's plain terms: no syntax from users, so no parse errors. */
export function toLuceneTerms(text: string): string[] {
  return text
    .replace(LUCENE_SPECIAL, " ")
    .split(/\s+/)
    .filter((t) => t.length > 0 && !/^(AND|OR|NOT|TO)$/.test(t));
}

export function toLuceneQuery(text: string): string {
  return toLuceneTerms(text).join(" ");
}

/** The words of the searchable names and titles, read at most every ten minutes. */
let vocabulary: { at: number; words: Set<string>; list: string[] } | undefined;
const VOCABULARY_TTL_MS = 10 * 60_000;

export class SearchRepository {
  constructor(private readonly db: Queryable) {}

  /** Known words (nameKey form) of names and titles, for "bedoelde u" and typo tolerance. */
  async vocabulary(split: (text: string) => string[]): Promise<{ words: Set<string>; list: string[] }> {
    if (vocabulary && Date.now() - vocabulary.at < VOCABULARY_TTL_MS) return vocabulary;
    const rows = await this.db.read(
      `MATCH (n) WHERE n:Organisation OR n:Topic OR n:Initiative OR n:Experience OR n:Event OR n:Condition
       RETURN collect(DISTINCT coalesce(n.name, n.title)) AS texts`,
    );
    const words = new Set<string>();
    for (const text of (rows[0]?.texts ?? []) as string[])
      for (const w of split(text)) if (w.length >= 4) words.add(w);
    vocabulary = { at: Date.now(), words, list: [...words] };
    return vocabulary;
  }

  /**
   * One page of ranked hits and the number of all hits. `labels` null: every type the index covers, so no
   * label filter; `properties` null: all properties of the page's nodes.
   */
  async search(
    query: string,
    labels: readonly string[] | null,
    window: PageWindow,
    properties: readonly string[] | null,
  ): Promise<Page<SearchHitRow> & { total: number }> {
    const rows = await this.db.read(searchStatement(labels !== null, window.backward, properties), {
      query,
      labels,
      ...windowParams(window),
    });
    const row = rows[0];
    return { ...pageOf((row?.page ?? []) as SearchHitRow[], window), total: Number(row?.total ?? 0) };
  }
}

/** A hit's tie-breaker: its name (Dutch sort key), then type and key. Read only where scores tie. */
const tie = (n: string): string =>
  `coalesce(${n}.sortKey, '') + '\\u0001' + labels(${n})[0] + ':' + coalesce(${n}.id, ${n}.code)`;

/**
 * The hit (`node`, `score`) lies after `$after` and before `$before`. CASE, not AND/OR: the planner would
 * rewrite those into a form that reads the tie-breaker of every hit scored above the cursor; CASE reads
 * it only on an equal score.
 */
const KEYSET = `CASE WHEN $after IS NULL OR score < $after.value THEN true
            WHEN score = $after.value THEN ${tie("node")} > $after.key ELSE false END
       AND CASE WHEN $before IS NULL OR score > $before.value THEN true
            WHEN score = $before.value THEN ${tie("node")} < $before.key ELSE false END`;

/**
 * The search query. Every step streams the index's hits instead of collecting them in a list: a list of
 * 5,000 hits, imported into subqueries, took ~48 MiB of Neo4j's transaction memory per request, and 8
 * concurrent searches at 50k organisations exhausted the global pool (bench/RESULTS.md, 2026-12-05 22:44).
 * The index is asked three times (count, cut, page); each pass reads no property except where noted.
 * The count reads nothing. The page is found in two steps: the `$limit`-th best score in the window's
 * direction (`cut`) by score alone, then the hits at or beyond it sorted by score and tie-breaker: only
 * they (the page and its ties at the cut) read a property. Both steps see the same order as sorting every
 * hit by (score descending, tie ascending), since the hits at or beyond the cut are a prefix of that
 * order. A backward page comes nearest to `$before` first (pageOf turns it back).
 */
function searchStatement(filter: boolean, backward: boolean, properties: readonly string[] | null): string {
  const [scoreOrder, tieOrder, best, beyond] = backward
    ? ["ASC", "DESC", "max", "<="]
    : ["DESC", "ASC", "min", ">="];
  const node = properties ? `n {${properties.map((p) => `.${p}`).join(", ")}}` : "properties(n)";
  const hits = `CALL db.index.fulltext.queryNodes('search_text', $query, {limit: 5000}) YIELD node, score
       ${filter ? "WHERE any(l IN labels(node) WHERE l IN $labels)" : ""}`;
  return `CALL () {
       ${hits}
       RETURN count(*) AS total
     }
     CALL () {
       ${hits}
       WITH node, score WHERE ${KEYSET}
       WITH score ORDER BY score ${scoreOrder} LIMIT toInteger($limit)
       RETURN ${best}(score) AS cut
     }
     CALL (cut) {
       ${hits}
       WITH node, score WHERE score ${beyond} cut AND ${KEYSET}
       WITH node AS n, score, ${tie("node")} AS t
       ORDER BY score ${scoreOrder}, t ${tieOrder} LIMIT toInteger($limit)
       RETURN collect({node: ${node}, labels: labels(n), score: score, tie: t}) AS page
     }
     RETURN total, page`;
}
