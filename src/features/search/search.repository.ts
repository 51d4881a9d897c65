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

/** The hit `h` lies after `$after` and before `$before`; the tie-breaker is read only on an equal score. */
const KEYSET = `($after IS NULL OR h.score < $after.value OR (h.score = $after.value AND ${tie("h.node")} > $after.key))
     AND ($before IS NULL OR h.score > $before.value OR (h.score = $before.value AND ${tie("h.node")} < $before.key))`;

/**
 * The search query. The candidates are collected as bare node references with their scores, so their
 * count costs no property reads. The page is found in two steps: the `$limit`-th best score in the
 * window's direction (`cut`) by score alone, then the hits at or beyond it sorted by score and
 * tie-breaker: only they (the page and its ties at the cut) read a property. Both steps see the same
 * order as sorting every hit by (score descending, tie ascending), since the hits at or beyond the cut
 * are a prefix of that order. A backward page comes nearest to `$before` first (pageOf turns it back).
 */
function searchStatement(filter: boolean, backward: boolean, properties: readonly string[] | null): string {
  const [scoreOrder, tieOrder, best, beyond] = backward
    ? ["ASC", "DESC", "max", "<="]
    : ["DESC", "ASC", "min", ">="];
  const node = properties ? `n {${properties.map((p) => `.${p}`).join(", ")}}` : "properties(n)";
  return `CALL db.index.fulltext.queryNodes('search_text', $query, {limit: 5000}) YIELD node, score
     ${filter ? "WHERE any(l IN labels(node) WHERE l IN $labels)" : ""}
     WITH collect({node: node, score: score}) AS candidates
     WITH size(candidates) AS total, [h IN candidates WHERE ${KEYSET}] AS rest
     CALL (rest) {
       UNWIND rest AS h
       WITH h.score AS score ORDER BY score ${scoreOrder} LIMIT toInteger($limit)
       RETURN ${best}(score) AS cut
     }
     CALL (rest, cut) {
       UNWIND rest AS h
       WITH h WHERE h.score ${beyond} cut
       WITH h.node AS n, h.score AS score
       WITH n, score, ${tie("n")} AS t
       ORDER BY score ${scoreOrder}, t ${tieOrder} LIMIT toInteger($limit)
       RETURN collect({node: ${node}, labels: labels(n), score: score, tie: t}) AS page
     }
     RETURN total, page`;
}
